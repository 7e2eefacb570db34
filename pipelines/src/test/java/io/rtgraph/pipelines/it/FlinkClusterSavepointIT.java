package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
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
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.GraphMetrics;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

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
  @ClassRule public static final TemporaryFolder CATALOGS = new TemporaryFolder();

  @BeforeClass
  public static void writeCatalogs() throws Exception {
    SampleCatalogs.copyTo(CATALOGS.getRoot().toPath());
  }

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
    TopicPipelines.LOGIN.run(options(run, SourceTopic.LOGIN, loginTopic, "2s", null));
    String playbackJob =
        Await.until(
            "the playback job runs",
            DEADLINE,
            () -> jobId(rest, "rtgraph-" + run + "-playback"),
            id -> id != null);
    CounterSnapshot beforeStop =
        Await.until(
            "the playback job has read everything and holds it in merge buffers",
            DEADLINE,
            () -> counters(rest, playbackJob),
            c -> c.get(GraphMetrics.RECORDS_IN) == playback.size() && c.buffered() > 0);
    Await.until(
        "a checkpoint completed", DEADLINE, () -> checkpoints(rest, playbackJob), n -> n > 0);
    assertThat(
        "nothing was flushed before the stop",
        beforeStop.get(GraphMetrics.EMITTED_UPDATES),
        equalTo(0L));

    String savepoint =
        rest.stopWithSavepoint(
            playbackJob,
            FLINK.cluster().savepointsDir().toUri().toString(),
            false,
            Duration.ofMinutes(2));
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
    String resumed =
        Await.until(
            "the playback job runs again",
            DEADLINE,
            () -> jobId(rest, "rtgraph-" + run + "-playback"),
            id -> id != null);
    CounterSnapshot afterResume =
        Await.until(
            "the resumed job reads the new records",
            DEADLINE,
            () -> counters(rest, resumed),
            c -> c.get(GraphMetrics.RECORDS_IN) == playbackLater.size());
    long restored = rest.checkpoints(resumed).restored();
    Await.until(
        "a checkpoint of the resumed job completed",
        DEADLINE,
        () -> checkpoints(rest, resumed),
        n -> n > 0);
    String drained =
        rest.stopWithSavepoint(
            resumed,
            FLINK.cluster().savepointsDir().toUri().toString(),
            true,
            Duration.ofMinutes(2));
    System.out.printf(
        "cluster: resumed job read %d new records, restored %d times; drained into %s%n",
        afterResume.get(GraphMetrics.RECORDS_IN), restored, drained);
    MaterializedGraph expectedPlayback =
        ExpectedGraph.of(playback, TopicPipelineKafkaIT.MAX_RECORD_BYTES);
    MaterializedGraph expectedLogin =
        ExpectedGraph.of(login, TopicPipelineKafkaIT.MAX_RECORD_BYTES);
    // The playback job is finished: stopping with drain flushed every buffer and the sinks. The
    // login job still runs, so it is let drain first. Each graph is then compared once.
    GraphDiff playbackDiff =
        GraphDiff.between(expectedPlayback, graph("graph." + run + ".playback."));
    JobDrain.State loginDrain =
        new JobDrain(
                rest,
                "rtgraph-" + run + "-login",
                KAFKA.bootstrapServers(),
                KafkaClientProperties.none(),
                loginTopic,
                run + "-login",
                "graph." + run + ".login.")
            .await(
                JobDrain.lastFlush(login, org.joda.time.Duration.standardSeconds(2)),
                Duration.ofSeconds(5),
                DEADLINE);
    GraphDiff loginDiff = GraphDiff.between(expectedLogin, graph("graph." + run + ".login."));
    System.out.printf(
        "cluster: playback graph vs expected: %s; login graph vs expected: %s; login job %s%n",
        playbackDiff, loginDiff, loginDrain);
    for (GraphDiff diff : List.of(playbackDiff, loginDiff)) {
      assertThat("lost " + diff, diff.missing().size(), equalTo(0));
      assertThat("extra " + diff, diff.extra().size(), equalTo(0));
      assertThat("different " + diff, diff.differing().size(), equalTo(0));
    }
    assertThat("the login job drained: " + loginDrain, loginDrain.drained(), equalTo(true));
    assertThat(deadLetters(playbackTopic + ".dlq"), equalTo(expectedDeadLetters));

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

  private static List<GeneratedRecord> generate(SourceTopic topic, long seed, Instant end) {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .setSeed(seed)
            .setEnd(end)
            .setSpan(org.joda.time.Duration.standardMinutes(2))
            .setLateness(org.joda.time.Duration.standardSeconds(30))
            .setAccounts(25)
            .setEventsPerTopic(250)
            .setMalformedShare(0.03)
            .setOversizedBytes(TopicPipelineKafkaIT.MAX_RECORD_BYTES + 1)
            .setCrossDeviceExample(seed < 3)
            .build();
    return new EventGenerator(config, SampleCatalogs.load()).generate(topic);
  }

  private static ProducedRecords produce(String topic, List<GeneratedRecord> records)
      throws Exception {
    return ProducedRecords.produce(
        KAFKA.bootstrapServers(), KafkaClientProperties.none(), topic, 3, records);
  }

  private static TopicPipelineOptions options(
      String run, SourceTopic topic, String inputTopic, String dedupWindow, String savepoint) {
    String name = topic.name().toLowerCase(java.util.Locale.ROOT);
    Path catalogs = CATALOGS.getRoot().toPath();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=FlinkRunner",
                "--flinkMaster=" + FLINK.cluster().restAddress(),
                "--filesToStage=" + FlinkCluster.jobJar(),
                "--streaming=true",
                "--attachedMode=false",
                "--jobName=rtgraph-" + run + "-" + name,
                "--parallelism=2",
                "--checkpointingInterval=2000",
                "--externalizedCheckpointsEnabled=true",
                "--retainExternalizedCheckpointsOnCancellation=true",
                "--stateBackend=" + (topic == SourceTopic.PLAYBACK ? "rocksdb" : "filesystem"),
                "--stateBackendStoragePath=" + FLINK.cluster().checkpointsDir().toUri(),
                "--bootstrapServers=" + KAFKA.bootstrapServers(),
                "--inputTopic=" + inputTopic,
                "--consumerGroup=" + run + "-" + name,
                "--graphTopicPrefix=graph." + run + "." + name + ".",
                "--sinks=kafka",
                "--titlesCatalog=" + catalogs.resolve(SampleCatalogs.TITLES),
                "--maxRecordBytes=" + TopicPipelineKafkaIT.MAX_RECORD_BYTES,
                "--dedupWindow=" + dedupWindow,
                "--maxOutOfOrderness=5s",
                "--idleTimeout=2s"));
    if (savepoint != null) {
      args.add("--savepointPath=" + savepoint);
    }
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation()
        .as(TopicPipelineOptions.class);
  }

  private static String jobId(FlinkRest rest, String name) {
    try {
      return rest.runningJob(name).map(FlinkRest.Job::id).orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static CounterSnapshot counters(FlinkRest rest, String jobId) {
    try {
      return CounterSnapshot.of(rest.counters(jobId, GraphMetrics.NAMESPACE + "_"));
    } catch (java.io.IOException e) {
      return CounterSnapshot.of(Map.of());
    }
  }

  private static long checkpoints(FlinkRest rest, String jobId) {
    try {
      return rest.checkpoints(jobId).completed();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static MaterializedGraph graph(String prefix) {
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      return reader.readGraph(prefix);
    }
  }

  private static Map<String, DeadLetterReason> deadLetters(String topic) {
    Map<String, DeadLetterReason> deadLetters = new TreeMap<>();
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      reader.readAll(
          List.of(topic),
          record -> {
            DeadLetter deadLetter = DeadLetterJson.fromJson(record.value());
            deadLetters.put(
                deadLetter.partition() + "@" + deadLetter.offset(), deadLetter.reason());
          });
    }
    return deadLetters;
  }
}
