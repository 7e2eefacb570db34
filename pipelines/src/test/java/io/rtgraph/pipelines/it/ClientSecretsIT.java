package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code --kafkaClientProperties}: the file's settings reach every Kafka client, and its secret
 * values appear nowhere: not in the logs, not in the printed options or progress output, not in the
 * pipeline's display data.
 */
public class ClientSecretsIT {
  /** Where the test logging configuration writes every log line of this JVM. */
  private static final Path TEST_LOG = Path.of("target", "test-logs", "tests.log");

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void settingsAreAppliedAndSecretsAppearNowhere() throws Exception {
    String run = "secrets." + System.nanoTime();
    String clientId = "rtgraph-secret-check-" + System.nanoTime();
    String truststoreSecret = "Truststore-" + UUID.randomUUID();
    String jaasSecret = "Jaas-" + UUID.randomUUID();
    Path properties = folder.newFile("client.properties").toPath();
    Files.writeString(
        properties,
        String.join(
            "\n",
            "security.protocol=PLAINTEXT",
            "client.id=" + clientId,
            "ssl.truststore.password=" + truststoreSecret,
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"rtgraph\" password=\""
                + jaasSecret
                + "\";",
            ""));

    String topic = "it." + run;
    List<GeneratedRecord> records =
        new EventGenerator(
                GeneratorConfig.builder()
                    .setEnd(Instant.now())
                    .setEventsPerTopic(50)
                    .setAccounts(5)
                    .build(),
                SampleCatalogs.load())
            .generate(SourceTopic.LOGIN);
    ProducedRecords.produce(
        KAFKA.bootstrapServers(), KafkaClientProperties.none(), topic, 1, records);

    TopicPipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--bootstrapServers=" + KAFKA.bootstrapServers(),
                "--inputTopic=" + topic,
                "--graphTopicPrefix=graph." + run + ".",
                "--consumerGroup=" + run,
                "--kafkaClientProperties=" + properties,
                "--idleTimeout=2s",
                "--dedupWindow=1s",
                "--maxOutOfOrderness=1s",
                "--exitAfterIdle=5s",
                "--progressSeconds=1",
                Runners.DIRECT,
                "--blockOnRun=false")
            .withValidation()
            .as(TopicPipelineOptions.class);

    StringBuilder displayData = new StringBuilder(DisplayData.from(options).toString());
    Pipeline pipeline = TopicPipelines.of(SourceTopic.LOGIN).create(options);
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (node.getTransform() != null) {
              displayData.append(DisplayData.from(node.getTransform())).append('\n');
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            displayData.append(DisplayData.from(node.getTransform())).append('\n');
          }
        });

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PipelineResult result = TopicPipelines.of(SourceTopic.LOGIN).run(options);
    int exit =
        new PipelineSupervisor(run, new PrintStream(printed, true, StandardCharsets.UTF_8))
            .supervise(result, options);
    assertThat(exit, equalTo(0));
    String progress = printed.toString(StandardCharsets.UTF_8);
    String logs = Files.readString(TEST_LOG, StandardCharsets.UTF_8);

    assertThat(
        "the pipeline read the topic through clients configured from the file",
        progress,
        containsString("records_in=" + records.size()));
    assertThat("the file's client.id reached the Kafka clients", logs, containsString(clientId));
    assertThat(
        "display data names the file", displayData.toString(), not(containsString(jaasSecret)));
    for (String secret : List.of(truststoreSecret, jaasSecret)) {
      assertThat(logs, not(containsString(secret)));
      assertThat(progress, not(containsString(secret)));
      assertThat(options.toString(), not(containsString(secret)));
      assertThat(displayData.toString(), not(containsString(secret)));
    }
  }
}
