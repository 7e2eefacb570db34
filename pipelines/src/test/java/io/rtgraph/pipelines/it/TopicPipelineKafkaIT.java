package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.rtgraph.launcher.Launch;
import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.DeadLetterJson;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Each topic pipeline, on the DirectRunner and on Flink's embedded mini-cluster, against a real
 * broker: generated events with every kind of malformed record go in; the graph folded from the
 * graph topics must equal the independently computed graph, and the dead-letter topic must hold
 * exactly the malformed records, each with its reason and its original payload.
 */
@RunWith(Parameterized.class)
public class TopicPipelineKafkaIT {
  static final int MAX_RECORD_BYTES = 64 * 1024;

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final TemporaryFolder CATALOGS = new TemporaryFolder();

  @Parameters(name = "{0} on {1}")
  public static Collection<Object[]> cases() {
    List<Object[]> cases = new ArrayList<>();
    for (SourceTopic topic : SourceTopic.values()) {
      cases.add(new Object[] {topic, "direct"});
      cases.add(new Object[] {topic, "flink"});
    }
    return cases;
  }

  private final SourceTopic topic;
  private final String runner;

  public TopicPipelineKafkaIT(SourceTopic topic, String runner) {
    this.topic = topic;
    this.runner = runner;
  }

  @BeforeClass
  public static void writeCatalogs() throws Exception {
    SampleCatalogs.copyTo(CATALOGS.getRoot().toPath());
  }

  @Test
  public void graphAndDeadLettersAreExactlyWhatTheRecordsImply() throws Exception {
    String run = topic.topicName() + "." + runner + "." + System.nanoTime();
    GeneratorConfig config =
        GeneratorConfig.builder()
            .setSeed(topic.ordinal() + 7)
            .setEnd(new Instant((System.currentTimeMillis() / 1000) * 1000))
            .setSpan(Duration.standardMinutes(2))
            .setLateness(Duration.standardSeconds(30))
            .setAccounts(30)
            .setEventsPerTopic(runner.equals("direct") ? 250 : 600)
            .setMalformedShare(0.05)
            .setOversizedBytes(MAX_RECORD_BYTES + 1)
            .build();
    List<GeneratedRecord> records =
        new EventGenerator(config, SampleCatalogs.load()).generate(topic);
    String inputTopic = "it." + run;
    ProducedRecords produced =
        ProducedRecords.produce(
            KAFKA.bootstrapServers(), KafkaClientProperties.none(), inputTopic, 3, records);

    TopicPipelineOptions options = options(run, inputTopic);
    Launch launch = Launch.prepare(options);
    PipelineResult result = TopicPipelines.of(topic).run(options);
    int exit =
        new PipelineSupervisor(run, System.out).supervise(result, launch.job(result), options);
    assertThat("the job ended cleanly", exit, equalTo(0));

    MaterializedGraph expected = ExpectedGraph.of(records, MAX_RECORD_BYTES);
    Map<String, DeadLetterReason> deadLetters = new TreeMap<>();
    MaterializedGraph actual;
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      actual = reader.readGraph(options.getGraphTopicPrefix());
      reader.readAll(
          List.of(inputTopic + ".dlq"),
          record -> {
            DeadLetter deadLetter = DeadLetterJson.fromJson(record.value());
            String at = deadLetter.partition() + "@" + deadLetter.offset();
            assertThat(deadLetter.sourceTopic(), equalTo(inputTopic));
            assertThat(deadLetter.error(), not(emptyString()));
            assertThat(
                "the dead letter carries the original payload",
                Arrays.equals(deadLetter.payload(), produced.valueAt(at)),
                equalTo(true));
            deadLetters.put(at, deadLetter.reason());
          });
    }
    assertThat(
        "no element missing or extra",
        actual.elements().keySet(),
        equalTo(expected.elements().keySet()));
    assertThat(actual, equalTo(expected));
    assertThat(deadLetters, equalTo(produced.expectedDeadLetters()));
    System.out.printf(
        "%s: %d records, %d dead letters, graph of %d nodes and %d edges from %d updates%n",
        run,
        records.size(),
        deadLetters.size(),
        actual.nodeCount(),
        actual.edgeCount(),
        actual.updatesFolded());
  }

  private TopicPipelineOptions options(String run, String inputTopic) {
    Path catalogs = CATALOGS.getRoot().toPath();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + KAFKA.bootstrapServers(),
                "--inputTopic=" + inputTopic,
                "--graphTopicPrefix=graph." + run + ".",
                "--consumerGroup=" + run,
                "--titlesCatalog=" + catalogs.resolve(SampleCatalogs.TITLES),
                "--gamesCatalog=" + catalogs.resolve(SampleCatalogs.GAMES),
                "--liveEventsCatalog=" + catalogs.resolve(SampleCatalogs.LIVE_EVENTS),
                "--maxRecordBytes=" + MAX_RECORD_BYTES,
                "--dedupWindow=2s",
                "--maxOutOfOrderness=2s",
                "--idleTimeout=2s",
                "--exitAfterIdle=6s",
                "--progressSeconds=10",
                // The Iceberg sinks too, in a folder the test owns rather than the working
                // directory, one
                // warehouse per run as each run has its own graph topics.
                "--icebergWarehouse=" + CATALOGS.getRoot().toPath().resolve("warehouse-" + run)));
    args.addAll(Runners.args(runner));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation()
        .as(TopicPipelineOptions.class);
  }
}
