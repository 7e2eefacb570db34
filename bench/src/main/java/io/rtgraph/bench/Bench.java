package io.rtgraph.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.launcher.FlinkRestCounters;
import io.rtgraph.launcher.Launch;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.cli.Flags;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.servers.LocalKafka;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.MergeGraphUpdates;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.kafka.KafkaTopics;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench.sh}: the playback pipeline's throughput per CPU-second against a baseline of
 * a plain consumer doing the same parsing (throughput mode), or its latency and heap at a fixed
 * input rate (paced mode, with {@code --rate} and {@code --seconds}). Starts its own broker unless
 * given one, runs the pipeline on embedded Flink in this JVM, and prints one JSON line.
 */
@Command(
    name = "bench",
    description =
        "Measures the playback pipeline on embedded Flink against a real broker; prints one JSON line.")
public final class Bench implements Callable<Integer> {
  @Option(
      names = "--events",
      defaultValue = "2000000",
      description = "throughput mode: base events to pre-load (default: ${DEFAULT-VALUE})")
  int events;

  @Option(
      names = "--rate",
      description = "paced mode: events per second to produce while the pipeline runs")
  Integer rate;

  @Option(
      names = "--seconds",
      defaultValue = "600",
      description = "paced mode: how long to produce (default: ${DEFAULT-VALUE})")
  int seconds;

  /** How many accounts the events are drawn from: the key cardinality of the merge. */
  int accounts;

  @Option(
      names = "--accounts",
      defaultValue = "" + BenchEvents.DEFAULT_ACCOUNTS,
      description =
          "accounts the events are drawn from, at least 1; the JSON line reports how many the input"
              + " holds (default: ${DEFAULT-VALUE})")
  void setAccounts(int value) {
    accounts = GeneratorConfig.checkAccounts("--accounts", value);
  }

  /** The Zipf exponent of the accounts' activity; 0 is uniform. */
  double accountSkew;

  @Option(
      names = "--accountSkew",
      defaultValue = "" + GeneratorConfig.DEFAULT_ACCOUNT_SKEW,
      description =
          "Zipf exponent of the accounts' activity: the default makes a few accounts produce most"
              + " events, 0 draws every account equally often (default: ${DEFAULT-VALUE})")
  void setAccountSkew(double value) {
    accountSkew = GeneratorConfig.checkAccountSkew("--accountSkew", value);
  }

  @Option(
      names = "--catalogDir",
      description =
          "a folder with titles.jsonl, games.jsonl and live-events.jsonl for the pipeline, e.g."
              + " written by scripts/generate-events.sh --catalogDir=...; default: the sample"
              + " catalogs")
  Path catalogDir;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(names = "--partitions", defaultValue = "4")
  int partitions;

  @Option(names = "--dedupWindow", defaultValue = MergeGraphUpdates.DEFAULT_DEDUP_WINDOW_FLAG)
  String dedupWindow;

  @Option(
      names = "--maxOutOfOrderness",
      defaultValue = "1s",
      description =
          "how far the watermark trails the newest event time (default: ${DEFAULT-VALUE})")
  String maxOutOfOrderness;

  @Option(
      names = "--bootstrapServers",
      description = "an existing broker; by default one is started and stopped")
  String bootstrapServers;

  @Option(names = "--skipBaseline", description = "throughput mode: do not run the baseline")
  boolean skipBaseline;

  @Option(
      names = "--archiveWarehouse",
      description =
          "throughput mode: also write the raw archive into this Iceberg warehouse folder, and wait until it"
              + " holds every record, so that a backfill of it can be measured (docs/performance.md)")
  String archiveWarehouse;

  @Option(
      names = "--flag",
      description = "a further pipeline flag, e.g. --flag=--maxBundleSize=5000 (repeatable)")
  List<String> flags = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(Flags.commandLine(new Bench(), "bench").execute(args));
  }

  @Override
  public Integer call() throws Exception {
    System.out.println(measure());
    return 0;
  }

  /** Runs the chosen mode and returns its JSON line. */
  String measure() throws Exception {
    LocalKafka kafka = null;
    Path work = Files.createTempDirectory("rtgraph-bench");
    try (ProcessMeters meters = new ProcessMeters()) {
      String servers = bootstrapServers;
      if (servers == null) {
        kafka = LocalKafka.builder().dataDir(work.resolve("kafka")).heapMb(1024).start();
        servers = kafka.bootstrapServers();
        progress("started a local broker at %s", servers);
      }
      String run = "bench" + System.currentTimeMillis();
      String topic = run + ".playback";
      try (KafkaTopics topics = KafkaTopics.connect(servers, KafkaClientProperties.none())) {
        topics.ensure(
            List.of(topic), partitions, Map.of("message.timestamp.type", "LogAppendTime"), true);
        // The graph topics take the broker's append time, which the paced mode measures lag by.
        topics.ensure(
            io.rtgraph.model.GraphTopics.all(run + "."),
            partitions,
            Map.of("message.timestamp.type", "LogAppendTime"),
            true);
      }
      return rate == null
          ? throughput(servers, run, topic, meters)
          : new PacedRun(this, servers, run, topic, meters).run();
    } finally {
      if (kafka != null) {
        kafka.stop();
      }
    }
  }

  private String throughput(String servers, String run, String topic, ProcessMeters meters)
      throws Exception {
    progress(
        "pre-loading %d playback events of %d accounts (skew %s) into %s",
        events, accounts, accountSkew, topic);
    Instant end = Instant.now();
    BenchEvents.Preloaded preloaded =
        BenchEvents.preload(servers, topic, events, end, accounts, accountSkew);
    long records = preloaded.records();
    progress(
        "pre-loaded %d records of %d distinct accounts", records, preloaded.distinctAccounts());
    Baseline.Result baseline = null;
    if (!skipBaseline) {
      baseline = Baseline.run(servers, topic, records, meters);
      progress("baseline: %d records in %.1f CPU-s", baseline.records(), baseline.cpuNanos() / 1e9);
    }
    Job job = Job.launch(this, servers, run, topic);
    try {
      // From the moment Flink reports the job running: the counters reach the REST API in
      // batches, so the first record seen there may come long after the first record read.
      job.awaitRunning();
      meters.resetPeak();
      long wallStart = System.nanoTime();
      long cpuStart = meters.cpuNanos();
      job.await("all records", c -> c.get(GraphMetric.RECORDS_IN) >= records);
      long wall = System.nanoTime() - wallStart;
      long cpu = meters.cpuNanos() - cpuStart;
      long peakHeap = meters.peakHeap();
      CounterSnapshot drained =
          job.await(
              "the last merge buffer flushed",
              c ->
                  c.get(GraphMetric.MERGE_BUFFERED_KEYS) == 0
                      && c.get(GraphMetric.EMITTED_UPDATES) > 0
                      && c.buffered() <= 0);
      if (archiveWarehouse != null) {
        BenchArchive.awaitEveryRecord(archiveWarehouse, topic, records, end, events);
      }
      long measured = records;
      StringWriter out = new StringWriter();
      try (JsonGenerator line = new JsonFactory().createGenerator(out)) {
        line.writeStartObject();
        line.writeStringField("mode", "throughput");
        line.writeNumberField("events", records);
        line.writeNumberField("parallelism", parallelism);
        line.writeNumberField("accounts", accounts);
        line.writeNumberField("distinct_accounts", preloaded.distinctAccounts());
        line.writeStringField("catalogs", catalogDir == null ? "sample" : catalogDir.toString());
        line.writeNumberField("wall_seconds", round(wall / 1e9));
        line.writeNumberField("process_cpu_seconds", round(cpu / 1e9));
        line.writeNumberField("events_per_second", Math.round(measured / (wall / 1e9)));
        long pipelinePerCpu = Math.round(measured / (cpu / 1e9));
        line.writeNumberField("events_per_cpu_second", pipelinePerCpu);
        if (baseline != null) {
          long baselinePerCpu = Math.round(baseline.records() / (baseline.cpuNanos() / 1e9));
          line.writeNumberField("baseline_events_per_cpu_second", baselinePerCpu);
          line.writeNumberField(
              "ratio_to_baseline", round((double) pipelinePerCpu / baselinePerCpu));
        }
        line.writeNumberField("raw_updates", drained.get(GraphMetric.RAW_UPDATES));
        line.writeNumberField("emitted_updates", drained.get(GraphMetric.EMITTED_UPDATES));
        line.writeNumberField("write_reduction", round(drained.writeReduction()));
        line.writeNumberField("dead_lettered", drained.get(GraphMetric.DEAD_LETTERED));
        line.writeNumberField("peak_heap_mb", peakHeap / (1024 * 1024));
        line.writeNumberField("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        line.writeEndObject();
      }
      return out.toString();
    } finally {
      job.cancel();
    }
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  static void progress(String format, Object... args) {
    System.err.printf("[bench] " + format + "%n", args);
  }

  /** The playback pipeline launched on embedded Flink, watched through its REST API. */
  static final class Job {
    private final PipelineResult result;
    private final FlinkRestCounters counters;
    private final FlinkRest rest;
    private final String jobName;

    private Job(PipelineResult result, String restAddress, String jobName) {
      this.result = result;
      this.counters = new FlinkRestCounters(restAddress, jobName);
      this.rest = new FlinkRest(restAddress);
      this.jobName = jobName;
    }

    static Job launch(Bench bench, String servers, String run, String topic) throws IOException {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--runner=FlinkRunner",
                  "--flinkMaster=[local]",
                  "--streaming=true",
                  "--attachedMode=false",
                  "--parallelism=" + bench.parallelism,
                  "--checkpointingInterval=10000",
                  "--fasterCopy=true",
                  "--jobName=rtgraph-" + run,
                  "--bootstrapServers=" + servers,
                  "--inputTopic=" + topic,
                  "--consumerGroup=" + run,
                  "--graphTopicPrefix=" + run + ".",
                  "--dedupWindow=" + bench.dedupWindow,
                  "--maxOutOfOrderness=" + bench.maxOutOfOrderness,
                  "--idleTimeout=2s"));
      args.addAll(catalogArgs(bench.catalogDir == null ? sampleCatalogs() : bench.catalogDir));
      args.addAll(outputArgs(bench.archiveWarehouse, bench.flags));
      args.addAll(bench.flags);
      TopicPipelineOptions options =
          PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
              .withValidation()
              .as(TopicPipelineOptions.class);
      Launch launch = Launch.prepare(options);
      PipelineResult result = TopicPipelines.PLAYBACK.run(options);
      progress(
          "launched the playback pipeline; Flink REST API at http://%s", launch.flinkRestAddress());
      return new Job(result, launch.flinkRestAddress(), "rtgraph-" + run);
    }

    /**
     * The pipeline's outputs: the graph topics, plus the raw archive with an archive warehouse. A
     * {@code --flag=--sinks=...} replaces the harness's choice (Beam rejects a repeated flag), e.g.
     * {@code kafka,archive,graph-tables} to keep the streamed graph update tables for the query and
     * maintenance measurements.
     */
    static List<String> outputArgs(String archiveWarehouse, List<String> flags) {
      List<String> args = new ArrayList<>();
      if (flags.stream().noneMatch(flag -> flag.startsWith("--sinks="))) {
        args.add(archiveWarehouse == null ? "--sinks=kafka" : "--sinks=kafka,archive");
      }
      if (archiveWarehouse != null) {
        args.add("--icebergWarehouse=" + archiveWarehouse);
        args.add("--icebergCommitIntervalSeconds=10");
      }
      return args;
    }

    /** The three catalog flags, from one folder that holds the files by their sample names. */
    static List<String> catalogArgs(Path catalogDir) {
      for (String name :
          List.of(SampleCatalogs.TITLES, SampleCatalogs.GAMES, SampleCatalogs.LIVE_EVENTS)) {
        if (!Files.isRegularFile(catalogDir.resolve(name))) {
          throw new IllegalArgumentException(
              "--catalogDir=" + catalogDir + " has no " + name + " (it needs the three catalogs)");
        }
      }
      return List.of(
          "--titlesCatalog=" + catalogDir.resolve(SampleCatalogs.TITLES),
          "--gamesCatalog=" + catalogDir.resolve(SampleCatalogs.GAMES),
          "--liveEventsCatalog=" + catalogDir.resolve(SampleCatalogs.LIVE_EVENTS));
    }

    CounterSnapshot counters() {
      return counters.read();
    }

    /** Waits until Flink reports the job running: before any record has moved a counter. */
    void awaitRunning() {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (System.nanoTime() < deadline) {
        try {
          if (rest.runningJob(jobName).isPresent()) {
            return;
          }
        } catch (IOException e) {
          // not up yet
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
      }
      throw new IllegalStateException("job " + jobName + " did not start within 2 minutes");
    }

    /** Polls the counters every 250 ms until the condition holds, printing progress every 10 s. */
    CounterSnapshot await(String what, Predicate<CounterSnapshot> done) {
      long lastPrint = System.nanoTime();
      while (true) {
        CounterSnapshot now = counters.read();
        if (!now.isEmpty() && done.test(now)) {
          return now;
        }
        if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
          lastPrint = System.nanoTime();
          progress("waiting for %s: %s", what, now.summary());
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
      }
    }

    void cancel() {
      try {
        result.cancel();
      } catch (IOException | RuntimeException e) {
        // already gone
      }
    }
  }

  private static Path sampleCatalogs() throws IOException {
    Path dir = Files.createTempDirectory("rtgraph-bench-catalogs");
    SampleCatalogs.copyTo(dir);
    return dir;
  }
}
