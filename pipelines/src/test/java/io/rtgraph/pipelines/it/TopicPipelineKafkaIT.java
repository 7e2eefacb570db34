package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicCases;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
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
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Parameters(name = "{0} on {1}")
  public static Collection<Object[]> cases() {
    return TopicCases.eachWith("direct", "flink");
  }

  @Parameter(0)
  public SourceTopic topic;

  @Parameter(1)
  public String runner;

  @Test
  public void graphAndDeadLettersAreExactlyWhatTheRecordsImply() throws Exception {
    String run = topic.topicName() + "." + runner + "." + System.nanoTime();
    List<GeneratedRecord> records =
        TestEvents.generate(
            TestEvents.recentWithMalformed(topic.ordinal() + 7, 0.05)
                .setAccounts(30)
                .setEventsPerTopic(runner.equals("direct") ? 250 : 600),
            topic);
    String inputTopic = "it." + run;
    ProducedRecords produced =
        ProducedRecords.produce(KAFKA.bootstrapServers(), inputTopic, records);

    TopicPipelineOptions options = options(run, inputTopic);
    SupervisedRun job = SupervisedRun.of(run, options, () -> TopicPipelines.of(topic).run(options));
    assertThat("the job ended cleanly", job.exit(), equalTo(0));

    MaterializedGraph expected = ExpectedGraph.of(records, MAX_RECORD_BYTES);
    Map<String, DeadLetterReason> deadLetters;
    MaterializedGraph actual;
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      actual = reader.readGraph(options.getGraphTopicPrefix());
      deadLetters =
          DeadLetters.reasons(
              reader,
              inputTopic + ".dlq",
              deadLetter -> {
                String at = deadLetter.partition() + "@" + deadLetter.offset();
                assertThat(deadLetter.sourceTopic(), equalTo(inputTopic));
                assertThat(deadLetter.error(), not(emptyString()));
                assertThat(
                    "the dead letter carries the original payload",
                    Arrays.equals(deadLetter.payload(), produced.valueAt(at)),
                    equalTo(true));
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
    return JobFlags.topicJob(KAFKA.bootstrapServers(), inputTopic, run, CATALOGS.path())
        .with(
            "--exitAfterIdle=6s",
            "--progressSeconds=10",
            // The Iceberg sinks too, in a folder the test owns rather than the working directory,
            // one warehouse per run as each run has its own graph topics.
            "--icebergWarehouse=" + CATALOGS.path().resolve("warehouse-" + run))
        .with(Runners.args(runner))
        .topicOptions();
  }
}
