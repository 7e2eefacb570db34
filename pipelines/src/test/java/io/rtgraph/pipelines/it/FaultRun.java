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
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One topic job under test in a fault scenario: launched on embedded Flink or on a session cluster,
 * watched through Flink's REST API, and checked against the independently computed graph.
 */
final class FaultRun implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofMinutes(3);

  /** Records the job has read when a mid-stream fault strikes; a fault test's input has more. */
  private static final long MID_STREAM_RECORDS = 300;

  /**
   * Longer than a checkpoint interval and a bundle, so that the sinks have flushed what they hold.
   */
  static final Duration DRAIN_QUIET = Duration.ofSeconds(5);

  static final Duration DRAIN_DEADLINE = Duration.ofMinutes(4);

  /** The fault tests' broker takes clients without a secured listener. */
  private static final KafkaClientProperties CLIENT_PROPERTIES = KafkaClientProperties.none();

  final TopicPipelineOptions options;
  final FlinkRest rest;
  private final PipelineResult result;

  private FaultRun(TopicPipelineOptions options, FlinkRest rest, PipelineResult result) {
    this.options = options;
    this.rest = rest;
    this.result = result;
  }

  /**
   * The topic's pipeline reading the topic {@code name} on embedded Flink, until {@link
   * Setup#onSessionCluster} says otherwise.
   */
  static Setup of(String name, SourceTopic topic, String bootstrapServers, Path catalogs) {
    return new Setup(name, topic, bootstrapServers, catalogs);
  }

  /**
   * The topic's job reading the fault tests' {@code events} of that {@code seed} ({@link
   * TestEvents#forFault}, 1 % malformed), which are produced first to a topic of their own named
   * after the scenario, as {@link #of}; {@link Setup#assertNothingLostThrough} compares with them.
   */
  static Setup reading(
      String scenario,
      SourceTopic topic,
      long seed,
      int events,
      String bootstrapServers,
      Path catalogs)
      throws Exception {
    List<GeneratedRecord> records = TestEvents.forFault(topic, seed, events, 0.01);
    String name = scenario + "-" + System.nanoTime();
    ProducedRecords.produce(bootstrapServers, name, records);
    Setup setup = of(name, topic, bootstrapServers, catalogs);
    setup.records = records;
    return setup;
  }

  /**
   * How a scenario strikes the running job: waits for its moment, causes the fault, and says when
   * recovery is counted from.
   */
  @FunctionalInterface
  interface Strike {
    Struck at(FaultRun run) throws Exception;
  }

  /**
   * The instant (epoch millis) from which the job's recovery is counted, and what the report notes
   * of the fault.
   */
  record Struck(long recoveryFromMillis, String note) {}

  /** What a fault scenario changes of the job; {@link #launch} starts it. */
  static final class Setup {
    private final String name;
    private final SourceTopic topic;
    private final JobFlags flags;
    private @Nullable String flinkMaster;
    private @Nullable PTransform<PCollection<RawRecord>, PCollection<RawRecord>> fault;
    private @Nullable List<GeneratedRecord> records;

    private Setup(String name, SourceTopic topic, String bootstrapServers, Path catalogs) {
      this.name = name;
      this.topic = topic;
      this.flags =
          JobFlags.topicJob(bootstrapServers, name, name, catalogs)
              .with(
                  "--jobName=rtgraph-" + name,
                  "--sinks=kafka",
                  "--numberOfExecutionRetries=10",
                  "--executionRetryDelay=1000")
              .with(Runners.args("flink"));
    }

    /** Flags of the scenario, replacing the defaults of the same name. */
    Setup flags(String... more) {
      flags.with(more);
      return this;
    }

    /**
     * On that session cluster with the job jar, instead of embedded Flink: replaces the runner
     * flags, so a scenario's own flags come after it.
     */
    Setup onSessionCluster(String restAddress) {
      flinkMaster = restAddress;
      flags.with(Runners.sessionCluster(restAddress)).with("--fasterCopy=true");
      return this;
    }

    /**
     * {@code fault} applied to the raw records before the graph chain, as {@link
     * TopicPipelineWithFault} does; on embedded Flink only, since a session cluster runs the job
     * jar, which holds no test code.
     */
    Setup fault(PTransform<PCollection<RawRecord>, PCollection<RawRecord>> fault) {
      this.fault = fault;
      return this;
    }

    /** Launches the job and waits until it runs. */
    FaultRun launch() {
      TopicPipelineOptions options = flags.topicOptions();
      Launch launch = Launch.prepare(options);
      PipelineResult result =
          fault == null
              ? TopicPipelines.of(topic).run(options)
              : TopicPipelineWithFault.run(topic, options, fault);
      String rest = launch.flinkRestAddress() != null ? launch.flinkRestAddress() : flinkMaster;
      FaultRun run = new FaultRun(options, new FlinkRest(rest), result);
      RestPoll.awaitRunningJob(run.rest, options.getJobName(), "job " + name + " runs", DEADLINE);
      return run;
    }

    /**
     * The mid-stream scenario: launches the job on the records of {@link FaultRun#reading}, lets
     * {@code strike} hit it, and asserts that nothing was lost once it drained ({@link
     * FaultRun#assertCompleteAfterDrain}); the job is cancelled, and the report returned for the
     * scenario's own assertions.
     */
    FaultReport assertNothingLostThrough(String fault, Strike strike) throws Exception {
      List<GeneratedRecord> input = records;
      if (input == null) {
        throw new IllegalStateException(
            "job " + name + " was not set up by FaultRun.reading: no records to compare with");
      }
      try (FaultRun run = launch()) {
        Struck struck = strike.at(run);
        return run.assertCompleteAfterDrain(
            fault, input, run.recoveryMillis(struck.recoveryFromMillis()), struck.note());
      }
    }
  }

  String jobId() {
    return RestPoll.jobId(rest, options.getJobName());
  }

  CounterSnapshot counters() {
    return RestPoll.counters(rest, jobId());
  }

  long restarts() throws IOException {
    return rest.restarts(
        RestPoll.awaitRunningJob(
            rest, options.getJobName(), "job " + options.getJobName() + " runs", DEADLINE));
  }

  /**
   * Waits until the job is mid-stream: it has read more than {@value #MID_STREAM_RECORDS} records
   * and, when {@code checkpointed}, completed a checkpoint to restart from.
   */
  void awaitMidStream(boolean checkpointed) {
    Await.until(
        checkpointed ? "the job is mid-stream with a checkpoint" : "the job is mid-stream",
        DEADLINE,
        () ->
            counters().get(GraphMetric.RECORDS_IN) > MID_STREAM_RECORDS
                && (!checkpointed || recoveryMillis(0) > 0));
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
        PublishedGraph.read(
            options.getBootstrapServers(), CLIENT_PROPERTIES, options.getGraphTopicPrefix());
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
   * The end every fault scenario shares: {@link #drainAndCompare}, print the report's line (which
   * docs/reliability.md quotes), and assert the graph complete; the scenario makes its own further
   * assertions on the returned report.
   */
  FaultReport assertCompleteAfterDrain(
      String fault, List<GeneratedRecord> records, long recoveryMillis, String note)
      throws IOException {
    FaultReport report = drainAndCompare(fault, records, recoveryMillis, note);
    System.out.println(report.line());
    report.assertGraphComplete();
    return report;
  }

  /**
   * Waits until the job has read {@code records} and flushed everything they opened; see {@link
   * JobDrain}.
   */
  JobDrain.State drain(List<GeneratedRecord> records) {
    return JobDrain.of(rest, options, CLIENT_PROPERTIES)
        .await(
            JobDrain.lastFlush(
                records, FlagDurations.parse("dedupWindow", options.getDedupWindow())),
            DRAIN_QUIET,
            DRAIN_DEADLINE);
  }

  /** Cancels the job, as {@link #cancel}, at the end of a try-with-resources block. */
  @Override
  public void close() {
    cancel();
  }

  /** Cancels the job; a job already gone is no error. */
  void cancel() {
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      // already gone
    }
  }
}
