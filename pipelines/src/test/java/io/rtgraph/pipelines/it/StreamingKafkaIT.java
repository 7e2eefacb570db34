package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.launcher.Launch;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Streaming, not only a drained backlog: records produced while the job runs on Flink are processed
 * and their updates reach the graph topics within the idle timeout plus the dedup window plus a
 * bounded slack.
 */
public class StreamingKafkaIT {
  private static final java.time.Duration BOUND = java.time.Duration.ofSeconds(90);
  private static final java.time.Duration QUIET = java.time.Duration.ofSeconds(5);
  private static final Duration WINDOW = Duration.standardSeconds(2);

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Test
  public void recordsProducedWhileTheJobRunsReachTheGraph() throws Exception {
    String run = "streaming." + System.nanoTime();
    String topic = "it." + run;
    List<GeneratedRecord> first = generate(1, 200);
    ProducedRecords.produce(KAFKA.bootstrapServers(), topic, first);

    TopicPipelineOptions options = options(run, topic);
    Launch launch = Launch.prepare(options);
    PipelineResult result = TopicPipelines.of(SourceTopic.PLAYBACK).run(options);
    JobDrain drain =
        JobDrain.of(
            new FlinkRest(launch.flinkRestAddress()), options, KafkaClientProperties.none());
    try {
      JobDrain.State backlog = drain.await(JobDrain.lastFlush(first, WINDOW), QUIET, BOUND);
      assertThat("the backlog is read and flushed: " + backlog, backlog.drained(), equalTo(true));

      List<GeneratedRecord> second = generate(2, 100);
      long producedAt = System.currentTimeMillis();
      ProducedRecords.produce(KAFKA.bootstrapServers(), topic, second);
      List<GeneratedRecord> all = new ArrayList<>(first);
      all.addAll(second);
      MaterializedGraph expected = ExpectedGraph.of(all);

      JobDrain.State drained = drain.await(JobDrain.lastFlush(all, WINDOW), QUIET, BOUND);
      PublishedGraph published =
          PublishedGraph.read(
              KAFKA.bootstrapServers(),
              KafkaClientProperties.none(),
              options.getGraphTopicPrefix());
      GraphDiff diff = GraphDiff.between(expected, published.graph());
      // When the sink sent the last update, by its Kafka timestamp: the drain's wait is not part of
      // the latency.
      long latency = published.lastPublishedMillis() - producedAt;
      GraphAssertions.assertSameGraph(diff);
      assertThat("the job drained: " + drained, drained.drained(), equalTo(true));
      System.out.printf(
          "streaming: %d records produced while running reached the graph in %d ms"
              + " (idle timeout 3s, dedup window 2s, out-of-orderness 1s)%n",
          second.size(), latency);
    } finally {
      result.cancel();
    }
  }

  /** Events up to now, so that the watermark (by event time, or by clock when idle) passes them. */
  private static List<GeneratedRecord> generate(long seed, int events) {
    return TestEvents.generate(
        GeneratorConfig.builder()
            .setSeed(seed)
            .setEnd(Instant.now())
            .setSpan(Duration.standardSeconds(20))
            .setAccounts(20)
            .setEventsPerTopic(events)
            .setMalformedShare(0)
            .setLateShare(0)
            .setCrossDeviceExample(false),
        SourceTopic.PLAYBACK);
  }

  private static TopicPipelineOptions options(String run, String topic) {
    return JobFlags.topicJob(KAFKA.bootstrapServers(), topic, run, CATALOGS.path())
        .with(
            "--jobName=rtgraph-" + run,
            "--dedupWindow=" + WINDOW.getStandardSeconds() + "s",
            "--maxOutOfOrderness=1s",
            "--idleTimeout=3s",
            // The Iceberg sinks too, in a folder the test owns rather than the working directory.
            "--icebergWarehouse=" + CATALOGS.path().resolve("warehouse"))
        .with(Runners.args("flink"))
        .topicOptions();
  }
}
