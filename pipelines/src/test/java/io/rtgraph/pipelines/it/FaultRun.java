package io.rtgraph.pipelines.it;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.launcher.Launch;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicPipelineWithFault;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.GraphMetrics;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One topic job under test in a fault scenario: launched on embedded Flink or on a session cluster,
 * watched through Flink's REST API, and checked against the independently computed graph.
 */
final class FaultRun {
  static final Duration DEADLINE = Duration.ofMinutes(3);

  /**
   * Longer than a checkpoint interval and a bundle, so that the sinks have flushed what they hold.
   */
  static final Duration DRAIN_QUIET = Duration.ofSeconds(5);

  static final Duration DRAIN_DEADLINE = Duration.ofMinutes(4);

  final String name;
  final SourceTopic topic;
  final String inputTopic;
  final String bootstrapServers;
  final KafkaClientProperties clientProperties;
  final TopicPipelineOptions options;
  final FlinkRest rest;
  private final PipelineResult result;

  private FaultRun(
      String name,
      SourceTopic topic,
      String inputTopic,
      String bootstrapServers,
      KafkaClientProperties clientProperties,
      TopicPipelineOptions options,
      FlinkRest rest,
      PipelineResult result) {
    this.name = name;
    this.topic = topic;
    this.inputTopic = inputTopic;
    this.bootstrapServers = bootstrapServers;
    this.clientProperties = clientProperties;
    this.options = options;
    this.rest = rest;
    this.result = result;
  }

  /**
   * Launches the topic's pipeline reading {@code inputTopic}; {@code flinkMaster} null runs it on
   * embedded Flink, otherwise on that session cluster with the job jar.
   */
  static FaultRun launch(
      String name,
      SourceTopic topic,
      String inputTopic,
      String bootstrapServers,
      KafkaClientProperties clientProperties,
      String flinkMaster,
      Path catalogs,
      List<String> extraArgs) {
    return launch(
        name,
        topic,
        inputTopic,
        bootstrapServers,
        clientProperties,
        flinkMaster,
        catalogs,
        extraArgs,
        null);
  }

  /**
   * As {@link #launch}, with {@code fault} (when not null) applied to the raw records before the
   * graph chain, as {@link TopicPipelineWithFault} does; on embedded Flink only, since a session
   * cluster runs the job jar, which holds no test code.
   */
  static FaultRun launch(
      String name,
      SourceTopic topic,
      String inputTopic,
      String bootstrapServers,
      KafkaClientProperties clientProperties,
      String flinkMaster,
      Path catalogs,
      List<String> extraArgs,
      @Nullable PTransform<PCollection<RawRecord>, PCollection<RawRecord>> fault) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--jobName=rtgraph-" + name,
                "--bootstrapServers=" + bootstrapServers,
                "--inputTopic=" + inputTopic,
                "--consumerGroup=" + name,
                "--graphTopicPrefix=graph." + name + ".",
                "--sinks=kafka",
                "--titlesCatalog=" + catalogs.resolve(SampleCatalogs.TITLES),
                "--gamesCatalog=" + catalogs.resolve(SampleCatalogs.GAMES),
                "--liveEventsCatalog=" + catalogs.resolve(SampleCatalogs.LIVE_EVENTS),
                "--maxRecordBytes=" + TopicPipelineKafkaIT.MAX_RECORD_BYTES,
                "--dedupWindow=2s",
                "--maxOutOfOrderness=2s",
                "--idleTimeout=2s",
                "--numberOfExecutionRetries=10",
                "--executionRetryDelay=1000"));
    if (flinkMaster == null) {
      args.addAll(Runners.args("flink"));
    } else {
      args.addAll(
          List.of(
              "--runner=FlinkRunner",
              "--flinkMaster=" + flinkMaster,
              "--filesToStage=" + FlinkCluster.jobJar(),
              "--streaming=true",
              "--attachedMode=false",
              "--parallelism=2",
              "--checkpointingInterval=2000",
              "--fasterCopy=true"));
    }
    args.addAll(extraArgs);
    TopicPipelineOptions options =
        PipelineOptionsFactory.fromArgs(dedupe(args))
            .withValidation()
            .as(TopicPipelineOptions.class);
    if (clientProperties.path() != null) {
      options.setKafkaClientProperties(clientProperties.path());
    }
    Launch launch = Launch.prepare(options);
    PipelineResult result =
        fault == null
            ? TopicPipelines.of(topic).run(options)
            : TopicPipelineWithFault.run(topic, options, fault);
    String rest = launch.flinkRestAddress() != null ? launch.flinkRestAddress() : flinkMaster;
    FaultRun run =
        new FaultRun(
            name,
            topic,
            inputTopic,
            bootstrapServers,
            clientProperties,
            options,
            new FlinkRest(rest),
            result);
    Await.until("job " + name + " runs", DEADLINE, run::jobId, id -> id != null);
    return run;
  }

  /** The flags in order, a later one replacing an earlier one of the same name. */
  private static String[] dedupe(List<String> args) {
    Map<String, String> last = new java.util.LinkedHashMap<>();
    for (String arg : args) {
      last.remove(arg.split("=", 2)[0]);
      last.put(arg.split("=", 2)[0], arg);
    }
    return last.values().toArray(new String[0]);
  }

  String jobId() {
    try {
      return rest.runningJob("rtgraph-" + name).map(FlinkRest.Job::id).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  CounterSnapshot counters() {
    String id = jobId();
    try {
      return id == null
          ? CounterSnapshot.of(Map.of())
          : CounterSnapshot.of(rest.counters(id, GraphMetrics.NAMESPACE + "_"));
    } catch (IOException e) {
      return CounterSnapshot.of(Map.of());
    }
  }

  long restarts() throws IOException {
    return rest.restarts(
        Await.until("job " + name + " runs", DEADLINE, this::jobId, id -> id != null));
  }

  /** Milliseconds from {@code since} to the first checkpoint acknowledged after it. */
  long recoveryMillis(long since) {
    return Await.until(
            "a checkpoint completes after the fault",
            DEADLINE,
            () -> {
              String id = jobId();
              try {
                return id == null ? 0L : rest.latestCheckpointAckMillis(id);
              } catch (IOException e) {
                return 0L;
              }
            },
            ack -> ack > since)
        - since;
  }

  /**
   * Waits until the job has drained (or the drain deadline passed), then reads the graph topics
   * once and compares them once with the graph computed independently from {@code records}.
   */
  FaultReport drainAndCompare(
      String fault, List<GeneratedRecord> records, long recoveryMillis, String note)
      throws IOException {
    MaterializedGraph expected = ExpectedGraph.of(records, options.getMaxRecordBytes());
    JobDrain.State drain = drain(records);
    PublishedGraph published =
        PublishedGraph.read(bootstrapServers, clientProperties, options.getGraphTopicPrefix());
    GraphDiff diff = GraphDiff.between(expected, published.graph());
    return new FaultReport(
        fault,
        expected.size(),
        diff,
        published.duplicates(),
        published.lastPublishedMillis(),
        restarts(),
        recoveryMillis,
        drain,
        note);
  }

  /**
   * Waits until the job has read {@code records} and flushed everything they opened; see {@link
   * JobDrain}.
   */
  JobDrain.State drain(List<GeneratedRecord> records) {
    JobDrain drain =
        new JobDrain(
            rest,
            "rtgraph-" + name,
            bootstrapServers,
            clientProperties,
            inputTopic,
            options.getConsumerGroup(),
            options.getGraphTopicPrefix());
    return drain.await(
        JobDrain.lastFlush(records, FlagDurations.parse("dedupWindow", options.getDedupWindow())),
        DRAIN_QUIET,
        DRAIN_DEADLINE);
  }

  void cancel() {
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      // already gone
    }
  }
}
