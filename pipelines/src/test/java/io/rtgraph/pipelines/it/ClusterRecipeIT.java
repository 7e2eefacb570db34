package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.DeadLetterJson;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The README's "Running on a Flink cluster" recipe, run as written: {@code scripts/flink-cluster.sh
 * start} with its defaults, then {@code scripts/submit-all.sh} with only the flags that point the
 * jobs at the test's broker and warehouse. Then events of all four topics go in, and once every job
 * has read them and closed its merge buffers, the graph folded from the graph topics must equal the
 * graph computed independently from the events, and every topic's dead letters must be there.
 *
 * <p>Before this test, the recipe left the live job without a slot (one TaskManager with 4 slots;
 * the jobs need 5) while both scripts reported it RUNNING; its part of the graph never arrived.
 *
 * <p>The cluster's data directory is the test's own ({@code RTGRAPH_FLINK_DIR}), so a developer's
 * {@code .local/flink} cluster is left alone. The scripts run on the reactor's build output of this
 * very build (target/ classes and jars), which {@code mvn verify} has packaged before this test.
 */
public class ClusterRecipeIT {
  private static final Duration CLUSTER_START = Duration.ofMinutes(3);

  /** Four launcher JVMs on a shared two-core machine, each waiting until its job runs. */
  private static final Duration SUBMIT_ALL = Duration.ofMinutes(20);

  private static final Duration DRAIN = Duration.ofMinutes(5);
  private static final int SOURCE_PARTITIONS = 3;

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  @Test
  public void theReadmeRecipeRunsAllFourJobsAndTheGraphIsComplete() throws Exception {
    Path repository = Path.of("").toAbsolutePath().getParent();
    Path flinkDir = FOLDER.newFolder("flink").toPath();
    Path warehouse = FOLDER.newFolder("warehouse").toPath();
    Scripts scripts = new Scripts(repository, flinkDir, Path.of("target", "cluster-recipe-it"));
    // submit-all.sh submits a job per runner-configs/topics/<topic>.args, the fifth vertical
    // included; the jobs check that their source topic exists, and the events come after they run.
    try (java.util.stream.Stream<Path> args =
        Files.list(repository.resolve("runner-configs/topics"))) {
      for (Path file : args.filter(f -> f.toString().endsWith(".args")).toList()) {
        String topic = file.getFileName().toString().replaceFirst("\\.args$", "");
        ProducedRecords.ensureTopic(KAFKA.bootstrapServers(), topic, SOURCE_PARTITIONS);
      }
    }
    try {
      assertThat(
          "flink-cluster.sh start",
          scripts.run(CLUSTER_START, "scripts/flink-cluster.sh", "start").exit(),
          equalTo(0));
      Scripts.Result submitted =
          scripts.run(
              SUBMIT_ALL,
              "scripts/submit-all.sh",
              "--bootstrapServers=" + KAFKA.bootstrapServers(),
              "--icebergWarehouse=" + warehouse);
      assertThat("submit-all.sh succeeded", submitted.exit(), equalTo(0));

      FlinkRest rest = new FlinkRest(Files.readString(flinkDir.resolve("rest.address")).trim());
      Map<SourceTopic, String> jobs = new LinkedHashMap<>();
      for (SourceTopic topic : SourceTopic.values()) {
        String name = "rtgraph-" + topic.topicName().replace('.', '-');
        String id =
            rest.runningJob(name)
                .map(FlinkRest.Job::id)
                .orElseThrow(() -> new AssertionError(name + " is not running"));
        FlinkRest.Tasks tasks = rest.tasks(id);
        assertThat(
            name + ": every task runs, as submit-all.sh promised",
            tasks.allRunning(),
            equalTo(true));
        jobs.put(topic, id);
      }
      Scripts.Result listed = scripts.run(Duration.ofMinutes(2), "scripts/flink-jobs.sh");
      assertThat("flink-jobs.sh flags no job", listed.exit(), equalTo(0));
      assertThat(listed.output(), not(containsString("(!)")));

      Instant end = new Instant((System.currentTimeMillis() / 1000) * 1000);
      List<GeneratedRecord> all = new ArrayList<>();
      Map<SourceTopic, ProducedRecords> produced = new LinkedHashMap<>();
      for (SourceTopic topic : SourceTopic.values()) {
        List<GeneratedRecord> records = generate(topic, end);
        produced.put(
            topic,
            ProducedRecords.produce(
                KAFKA.bootstrapServers(),
                KafkaClientProperties.none(),
                topic.topicName(),
                SOURCE_PARTITIONS,
                records));
        all.addAll(records);
      }

      long emitted = 0;
      for (SourceTopic topic : SourceTopic.values()) {
        int count = produced.get(topic).records().size();
        CounterSnapshot drained =
            Await.until(
                topic.topicName() + " read all " + count + " records and closed every merge buffer",
                DRAIN,
                () -> counters(rest, jobs.get(topic)),
                c ->
                    c.get(GraphMetric.RECORDS_IN) >= count
                        && c.get(GraphMetric.MERGE_BUFFERS_OPENED) > 0
                        && c.buffered() == 0);
        System.out.printf("cluster recipe: %s drained: %s%n", topic.topicName(), drained);
        emitted += drained.get(GraphMetric.EMITTED_UPDATES);
      }
      long emittedByAll = emitted;
      // The counters move when an update leaves the merge step; the Kafka sink writes it just
      // after.
      Await.until(
          "the graph topics hold the " + emittedByAll + " updates the jobs emitted",
          DRAIN,
          () -> updatesInGraphTopics(),
          updates -> updates >= emittedByAll);

      MaterializedGraph expected = ExpectedGraph.of(all);
      GraphDiff diff = GraphDiff.between(expected, graph());
      System.out.printf(
          "cluster recipe: expected %d nodes and %d edges from %d records; missing %d, extra %d, different %d%n",
          expected.nodeCount(),
          expected.edgeCount(),
          all.size(),
          diff.missing().size(),
          diff.extra().size(),
          diff.differing().size());
      assertThat("missing elements", diff.missing().size(), equalTo(0));
      assertThat("extra elements", diff.extra().size(), equalTo(0));
      assertThat("elements with different values", diff.differing().size(), equalTo(0));
      for (SourceTopic topic : SourceTopic.values()) {
        assertThat(
            topic.topicName() + "'s dead letters",
            deadLetters(topic.topicName() + ".dlq"),
            equalTo(produced.get(topic).expectedDeadLetters()));
      }
    } finally {
      scripts.stopCluster();
    }
  }

  private static List<GeneratedRecord> generate(SourceTopic topic, Instant end) {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .setSeed(topic.ordinal() + 31)
            .setEnd(end)
            .setSpan(org.joda.time.Duration.standardMinutes(2))
            .setLateness(org.joda.time.Duration.standardSeconds(30))
            .setAccounts(40)
            .setEventsPerTopic(500)
            .build();
    return new EventGenerator(config, SampleCatalogs.load()).generate(topic);
  }

  private static CounterSnapshot counters(FlinkRest rest, String jobId) {
    try {
      return CounterSnapshot.of(rest.counters(jobId, GraphMetric.NAMESPACE + "_"));
    } catch (IOException e) {
      return CounterSnapshot.of(Map.of());
    }
  }

  private static long updatesInGraphTopics() {
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      return reader.readUpdates("graph.").size();
    }
  }

  private static MaterializedGraph graph() {
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      return reader.readGraph("graph.");
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

  /**
   * The repository's scripts, run as a person runs them, against the test's own cluster directory.
   */
  private record Scripts(Path repository, Path flinkDir, Path logDir) {
    record Result(int exit, String output) {}

    Result run(Duration deadline, String script, String... args)
        throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      command.add(repository.resolve(script).toString());
      command.addAll(List.of(args));
      Files.createDirectories(logDir);
      Path log = logDir.resolve(Path.of(script).getFileName() + "-" + System.nanoTime() + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(repository.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("RTGRAPH_FLINK_DIR", flinkDir.toString());
      System.out.printf(
          "cluster recipe: running %s (output in %s)%n",
          String.join(" ", command), log.toAbsolutePath());
      Process process = builder.start();
      boolean exited = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
      String output = Files.readString(log);
      System.out.print(output);
      if (!exited) {
        throw new AssertionError(script + " did not finish within " + deadline);
      }
      return new Result(process.exitValue(), output);
    }

    /** Stops the cluster with its script; kills what its pid files name when that fails. */
    void stopCluster() throws IOException, InterruptedException {
      try {
        if (run(Duration.ofMinutes(2), "scripts/flink-cluster.sh", "stop").exit() == 0) {
          return;
        }
      } catch (AssertionError | IOException e) {
        System.out.println(
            "cluster recipe: flink-cluster.sh stop failed ("
                + e.getMessage()
                + "); killing by pid");
      }
      try (Stream<Path> pidFiles = Files.list(flinkDir)) {
        for (Path pidFile :
            pidFiles.filter(path -> path.getFileName().toString().endsWith(".pid")).toList()) {
          // Only a process of this cluster: a pid file outliving its process may name a reused pid.
          ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
              .filter(
                  process -> process.info().commandLine().orElse("").contains(flinkDir.toString()))
              .ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }
}
