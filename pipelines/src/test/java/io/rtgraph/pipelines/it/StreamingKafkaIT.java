package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.launch.JobCounters;
import io.rtgraph.pipelines.launch.Launch;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.GraphMetrics;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Streaming, not only a drained backlog: records produced while the job runs on Flink are
 * processed and their updates reach the graph topics within the idle timeout plus the dedup window
 * plus a bounded slack.
 */
public class StreamingKafkaIT {
  private static final java.time.Duration BOUND = java.time.Duration.ofSeconds(90);

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final TemporaryFolder CATALOGS = new TemporaryFolder();

  @BeforeClass
  public static void writeCatalogs() throws Exception {
    SampleCatalogs.copyTo(CATALOGS.getRoot().toPath());
  }

  @Test
  public void recordsProducedWhileTheJobRunsReachTheGraph() throws Exception {
    String run = "streaming." + System.nanoTime();
    String topic = "it." + run;
    List<GeneratedRecord> first = generate(1, 200);
    ProducedRecords.produce(KAFKA.bootstrapServers(), KafkaClientProperties.none(), topic, 3, first);

    TopicPipelineOptions options = options(run, topic);
    Launch launch = Launch.prepare(options);
    PipelineResult result = TopicPipelines.of(SourceTopic.PLAYBACK).run(options);
    JobCounters counters = launch.counters(result);
    try {
      Await.until("the backlog is read and flushed", BOUND, counters::read,
          c -> c.get(GraphMetrics.RECORDS_IN) == first.size() && c.buffered() == 0 && c.get(GraphMetrics.EMITTED_UPDATES) > 0);

      List<GeneratedRecord> second = generate(2, 100);
      long producedAt = System.currentTimeMillis();
      ProducedRecords.produce(KAFKA.bootstrapServers(), KafkaClientProperties.none(), topic, 3, second);
      List<GeneratedRecord> all = new ArrayList<>(first);
      all.addAll(second);
      MaterializedGraph expected = ExpectedGraph.of(all, SampleCatalogs.load());

      GraphDiff diff = Await.until("the new records' updates are in the graph topics", BOUND,
          () -> GraphDiff.between(expected, readGraph(options)), GraphDiff::isEmpty);
      MaterializedGraph actual = readGraph(options);
      long latency = System.currentTimeMillis() - producedAt;
      assertThat(actual, equalTo(expected));
      System.out.printf("streaming: %d records produced while running reached the graph in %d ms"
          + " (idle timeout 3s, dedup window 2s, out-of-orderness 1s)%n", second.size(), latency);
    } finally {
      result.cancel();
    }
  }

  private static MaterializedGraph readGraph(TopicPipelineOptions options) {
    try (GraphTopicReader reader = new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      return reader.readGraph(options.getGraphTopicPrefix());
    }
  }

  /** Events up to now, so that the watermark (by event time, or by clock when idle) passes them. */
  private static List<GeneratedRecord> generate(long seed, int events) {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .setSeed(seed)
            .setEnd(Instant.now())
            .setSpan(Duration.standardSeconds(20))
            .setAccounts(20)
            .setEventsPerTopic(events)
            .setMalformedShare(0)
            .setLateShare(0)
            .setCrossDeviceExample(false)
            .build();
    return new EventGenerator(config, SampleCatalogs.load()).generate(SourceTopic.PLAYBACK);
  }

  private static TopicPipelineOptions options(String run, String topic) {
    List<String> args = new ArrayList<>(List.of(
        "--bootstrapServers=" + KAFKA.bootstrapServers(),
        "--inputTopic=" + topic,
        "--graphTopicPrefix=graph." + run + ".",
        "--consumerGroup=" + run,
        "--titlesCatalog=" + CATALOGS.getRoot().toPath().resolve(SampleCatalogs.TITLES),
        "--dedupWindow=2s",
        "--maxOutOfOrderness=1s",
        "--idleTimeout=3s",
        // The Iceberg sinks too, in a folder the test owns rather than the working directory.
        "--icebergWarehouse=" + CATALOGS.getRoot().toPath().resolve("warehouse")));
    args.addAll(Runners.args("flink"));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().as(TopicPipelineOptions.class);
  }
}
