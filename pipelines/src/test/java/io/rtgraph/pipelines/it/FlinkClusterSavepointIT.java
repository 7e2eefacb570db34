package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Production on a real Flink session cluster: two topic jobs, each with its own flags; one is
 * stopped with a savepoint while its merge buffers are full, more events arrive, and it resumes
 * from the savepoint. Nothing may be lost: the final graphs equal the independently computed ones,
 * including the updates that existed only in the savepoint's state.
 *
 * <p>The playback job buffers on purpose: its dedup window is 30 minutes, so no flush timer can
 * fire during the test and every update is still buffered when the job is stopped with a savepoint.
 * After it resumes and reads more events, it is stopped again with a drained savepoint, which
 * advances the watermark to the end and flushes every buffer, restored ones included.
 */
public class FlinkClusterSavepointIT {
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final FlinkCluster FLINK = new FlinkCluster(1, 4);
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Test
  public void aJobStoppedWithASavepointResumesWithNothingLost() throws Exception {
    String run = "cluster" + System.nanoTime();
    FlinkRest rest = new FlinkRest(FLINK.cluster().restAddress());
    Instant recent = Instant.now();
    String playbackTopic = "it." + run + ".playback";
    String loginTopic = "it." + run + ".login";

    List<GeneratedRecord> playback = new ArrayList<>(generate(SourceTopic.PLAYBACK, 1, recent));
    List<GeneratedRecord> login = new ArrayList<>(generate(SourceTopic.LOGIN, 2, recent));
    Map<String, DeadLetterReason> expectedDeadLetters =
        new TreeMap<>(produce(playbackTopic, playback).expectedDeadLetters());
    produce(loginTopic, login);

    TopicPipelines.PLAYBACK.run(options(run, SourceTopic.PLAYBACK, playbackTopic, "30m", null));
    TopicPipelineOptions loginOptions = options(run, SourceTopic.LOGIN, loginTopic, "2s", null);
    TopicPipelines.LOGIN.run(loginOptions);
    String playbackJobName = "rtgraph-" + run + "-playback";
    CheckpointedJob first =
        awaitCheckpointed(
            rest,
            playbackJobName,
            "the playback job",
            "has read everything and holds it in merge buffers",
            c -> c.get(GraphMetric.RECORDS_IN) == playback.size() && c.buffered() > 0);
    String playbackJob = first.id();
    CounterSnapshot beforeStop = first.counters();
    assertThat(
        "nothing was flushed before the stop",
        beforeStop.get(GraphMetric.EMITTED_UPDATES),
        equalTo(0L));

    String savepoint = stopWithSavepoint(rest, playbackJob, false);
    System.out.printf(
        "cluster: stopped rtgraph-%s-playback with %d open merge buffers into savepoint %s%n",
        run, beforeStop.buffered(), savepoint);

    List<GeneratedRecord> playbackLater = generate(SourceTopic.PLAYBACK, 3, Instant.now());
    List<GeneratedRecord> loginLater = generate(SourceTopic.LOGIN, 4, Instant.now());
    expectedDeadLetters.putAll(produce(playbackTopic, playbackLater).expectedDeadLetters());
    produce(loginTopic, loginLater);
    playback.addAll(playbackLater);
    login.addAll(loginLater);

    TopicPipelines.PLAYBACK.run(
        options(run, SourceTopic.PLAYBACK, playbackTopic, "30m", savepoint));
    CheckpointedJob again =
        awaitCheckpointed(
            rest,
            playbackJobName,
            "the resumed playback job",
            "has read the new records",
            c -> c.get(GraphMetric.RECORDS_IN) == playbackLater.size());
    String resumed = again.id();
    CounterSnapshot afterResume = again.counters();
    long restored = rest.checkpoints(resumed).restored();
    String drained = stopWithSavepoint(rest, resumed, true);
    System.out.printf(
        "cluster: resumed job read %d new records, restored %d times; drained into %s%n",
        afterResume.get(GraphMetric.RECORDS_IN), restored, drained);
    MaterializedGraph expectedPlayback =
        ExpectedGraph.of(playback, TopicPipelineKafkaIT.MAX_RECORD_BYTES);
    MaterializedGraph expectedLogin =
        ExpectedGraph.of(login, TopicPipelineKafkaIT.MAX_RECORD_BYTES);
    // The playback job is finished: stopping with drain flushed every buffer and the sinks. The
    // login job still runs, so it is let drain first. Each graph is then compared once.
    GraphDiff playbackDiff =
        GraphDiff.between(expectedPlayback, graph("graph." + run + ".playback."));
    JobDrain.State loginDrain =
        JobDrain.of(rest, loginOptions, KafkaClientProperties.none())
            .await(
                JobDrain.lastFlush(login, org.joda.time.Duration.standardSeconds(2)),
                Duration.ofSeconds(5),
                DEADLINE);
    GraphDiff loginDiff = GraphDiff.between(expectedLogin, graph("graph." + run + ".login."));
    System.out.printf(
        "cluster: playback graph vs expected: %s; login graph vs expected: %s; login job %s%n",
        playbackDiff, loginDiff, loginDrain);
    GraphAssertions.assertSameGraph(playbackDiff);
    GraphAssertions.assertSameGraph(loginDiff);
    assertThat("the login job drained: " + loginDrain, loginDrain.drained(), equalTo(true));
    assertThat(
        DeadLetters.reasons(
            KAFKA.bootstrapServers(), KafkaClientProperties.none(), playbackTopic + ".dlq"),
        equalTo(expectedDeadLetters));

    assertThat("the resumed job restored the savepoint", restored, greaterThan(0L));
    System.out.printf(
        "cluster: playback graph %d nodes %d edges, login graph %d nodes %d edges, both equal to the expected graphs%n",
        expectedPlayback.nodeCount(),
        expectedPlayback.edgeCount(),
        expectedLogin.nodeCount(),
        expectedLogin.edgeCount());
    for (FlinkRest.Job job : rest.jobs()) {
      FlinkRest.Checkpoints checkpoints = rest.checkpoints(job.id());
      System.out.printf(
          "cluster job: name=%s state=%s parallelism=%d checkpoints=%d restored=%d%n",
          job.name(),
          job.state(),
          rest.parallelism(job.id()),
          checkpoints.completed(),
          checkpoints.restored());
    }
  }

  /** A running job, and its counters when it had read what the test waited for. */
  private record CheckpointedJob(String id, CounterSnapshot counters) {}

  /**
   * Waits until the job of that name runs, then until its counters show that it {@code hasRead},
   * then until it has completed a checkpoint, so that a stop with a savepoint holds what it read.
   */
  private static CheckpointedJob awaitCheckpointed(
      FlinkRest rest,
      String jobName,
      String job,
      String hasRead,
      Predicate<CounterSnapshot> readIt) {
    String id = RestPoll.awaitRunningJob(rest, jobName, job + " runs", DEADLINE);
    CounterSnapshot counters =
        Await.until(job + " " + hasRead, DEADLINE, () -> RestPoll.counters(rest, id), readIt);
    RestPoll.awaitCheckpoint(rest, id, "a checkpoint of " + job + " completed", DEADLINE);
    return new CheckpointedJob(id, counters);
  }

  /**
   * Stops the job with a savepoint into the cluster's savepoint folder; {@code drain} first
   * advances the watermark to the end, which flushes every merge buffer.
   */
  private static String stopWithSavepoint(FlinkRest rest, String jobId, boolean drain)
      throws IOException {
    return rest.stopWithSavepoint(
        jobId, FLINK.cluster().savepointsDir().toUri().toString(), drain, Duration.ofMinutes(2));
  }

  private static List<GeneratedRecord> generate(SourceTopic topic, long seed, Instant end) {
    return TestEvents.generate(
        TestEvents.recentWithMalformed(seed, 0.03)
            .setEnd(end)
            .setAccounts(25)
            .setEventsPerTopic(250)
            .setCrossDeviceExample(seed < 3),
        topic);
  }

  private static ProducedRecords produce(String topic, List<GeneratedRecord> records)
      throws Exception {
    return ProducedRecords.produce(KAFKA.bootstrapServers(), topic, records);
  }

  private static TopicPipelineOptions options(
      String run, SourceTopic topic, String inputTopic, String dedupWindow, String savepoint) {
    String name = topic.name().toLowerCase(java.util.Locale.ROOT);
    JobFlags flags =
        JobFlags.topicJob(KAFKA.bootstrapServers(), inputTopic, run + "." + name, CATALOGS.path())
            .with(Runners.sessionCluster(FLINK.cluster().restAddress()))
            .with(
                "--jobName=rtgraph-" + run + "-" + name,
                "--externalizedCheckpointsEnabled=true",
                "--retainExternalizedCheckpointsOnCancellation=true",
                "--stateBackend=" + (topic == SourceTopic.PLAYBACK ? "rocksdb" : "filesystem"),
                "--stateBackendStoragePath=" + FLINK.cluster().checkpointsDir().toUri(),
                "--consumerGroup=" + run + "-" + name,
                "--sinks=kafka",
                "--dedupWindow=" + dedupWindow,
                "--maxOutOfOrderness=5s");
    if (savepoint != null) {
      flags.with("--savepointPath=" + savepoint);
    }
    return flags.topicOptions();
  }

  private static MaterializedGraph graph(String prefix) {
    return PublishedGraph.read(KAFKA.bootstrapServers(), KafkaClientProperties.none(), prefix)
        .graph();
  }
}
