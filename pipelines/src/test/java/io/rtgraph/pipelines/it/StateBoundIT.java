package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A burst of a million distinct keys, then quiet: the merge state grows with the burst and must
 * shrink back to nothing once the window has passed, in the checkpoints too. Every event starts a
 * new member watching one of twenty titles, so each brings seven element ids of its own (account,
 * profile, device and four edges); all share one event time, so no buffer can flush during the
 * burst.
 *
 * <p>It runs on the state backend of the production playback job (read from its args file):
 * RocksDB, whose checkpoints copy its SST files, so that a flushed buffer leaves them only once
 * RocksDB has compacted its deletion with it ({@link io.rtgraph.launcher.RocksDbStateBackend}).
 */
public class StateBoundIT {
  private static final int EVENTS = 143_000;
  private static final long DISTINCT_KEYS = 7L * EVENTS + 20;
  private static final String DEDUP_WINDOW = "10s";

  /** The flags of the production playback job; tests run in the module folder. */
  private static final Path PLAYBACK_ARGS =
      Path.of("..", "runner-configs", "topics", "member.playback.args");

  /**
   * From the drain to the checkpoint that is measured: the first checkpoint after the flush writes
   * the buffers' deletions out of RocksDB's memtable and RocksDB compacts them away in the
   * background, which this leaves ample time for (seconds on a calm machine), checkpointing every 3
   * s.
   */
  private static final Duration COMPACTION_SETTLE = Duration.ofSeconds(20);

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void theMergeStateAndItsCheckpointFallBackAfterABurstOfAMillionKeys() throws Exception {
    String name = "state-bound-" + System.nanoTime();
    Path catalogs = folder.newFolder("catalogs").toPath();
    SampleCatalogs.copyTo(catalogs);
    ProducedRecords.ensureTopic(KAFKA.bootstrapServers(), name, 2);
    Instant burstTime = Instant.now();
    produceBurst(name, burstTime);

    FaultRun run =
        FaultRun.of(name, SourceTopic.PLAYBACK, KAFKA.bootstrapServers(), catalogs)
            .flags(
                "--dedupWindow=" + DEDUP_WINDOW, "--idleTimeout=5s", "--checkpointingInterval=3000")
            .flags(productionStateFlags().toArray(String[]::new))
            .flags("--stateBackendStoragePath=" + folder.newFolder("checkpoints").toURI())
            .launch();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try {
      // The peaks are only seen while they last: sampled in the background until the measurement.
      AtomicLong peakKeys = new AtomicLong();
      AtomicLong peakCheckpoint = new AtomicLong();
      sampler.scheduleWithFixedDelay(
          () -> {
            try {
              peakKeys.accumulateAndGet(
                  run.counters().get(GraphMetric.MERGE_BUFFERED_KEYS), Math::max);
              peakCheckpoint.accumulateAndGet(checkpointSize(run), Math::max);
            } catch (RuntimeException e) {
              // the REST API briefly busy: the next sample
            }
          },
          0,
          500,
          TimeUnit.MILLISECONDS);
      JobDrain.State drain =
          JobDrain.of(run.rest, run.options, KafkaClientProperties.none())
              .await(
                  burstTime.plus(FlagDurations.parse("dedupWindow", DEDUP_WINDOW)),
                  FaultRun.DRAIN_QUIET,
                  Duration.ofMinutes(8));
      long drainedAt = System.currentTimeMillis();
      String jobId = run.jobId();
      Await.until(
          "a checkpoint triggered " + COMPACTION_SETTLE + " after the drain completes",
          Duration.ofMinutes(3),
          () -> {
            try {
              return run.rest.latestCheckpointTriggerMillis(jobId);
            } catch (IOException e) {
              return 0L;
            }
          },
          triggered -> triggered >= drainedAt + COMPACTION_SETTLE.toMillis());
      sampler.shutdownNow();
      long afterQuiet = run.rest.checkpoints(jobId).latestSizeBytes();
      CounterSnapshot counters = run.counters();
      long published = publishedUpdates("graph." + name + ".");
      System.out.printf(
          "fault: state bound (burst of %d distinct keys, then quiet; state flags %s) | %s;"
              + " peak buffered keys=%d, now %d; checkpoint size peak=%d bytes, %s after the drain"
              + " %d bytes (by step %s); emitted updates=%d, published=%d | restarts=%d%n",
          DISTINCT_KEYS,
          productionStateFlags(),
          drain,
          peakKeys.get(),
          counters.get(GraphMetric.MERGE_BUFFERED_KEYS),
          peakCheckpoint.get(),
          COMPACTION_SETTLE,
          afterQuiet,
          run.rest.latestCheckpointSizeByVertex(jobId),
          counters.get(GraphMetric.EMITTED_UPDATES),
          published,
          run.restarts());
      assertThat("the job drained: " + drain, drain.drained(), equalTo(true));
      assertThat(
          "every element was emitted once",
          counters.get(GraphMetric.EMITTED_UPDATES),
          equalTo(DISTINCT_KEYS));
      assertThat("every flushed update reached its graph topic", published, equalTo(DISTINCT_KEYS));
      assertThat("the burst was buffered", peakKeys.get(), greaterThanOrEqualTo(DISTINCT_KEYS / 2));
      // At least 10 bytes a buffered element (about 36 bytes were measured), so that the shrink
      // below is measured from a checkpoint that held the burst.
      assertThat(
          "the burst was checkpointed",
          peakCheckpoint.get(),
          greaterThanOrEqualTo(10 * DISTINCT_KEYS));
      assertThat(
          "the checkpoint after the drain holds less than a tenth of the peak",
          afterQuiet,
          lessThan(peakCheckpoint.get() / 10));
    } finally {
      sampler.shutdownNow();
      run.cancel();
    }
  }

  /**
   * The state flags of the production playback job ({@code --stateBackendFactory} or {@code
   * --stateBackend}), so that the bound is checked on the backend that holds the largest merge
   * state; the storage path is the test's own.
   */
  private static List<String> productionStateFlags() throws IOException {
    List<String> flags = new ArrayList<>();
    for (String line : Files.readAllLines(PLAYBACK_ARGS)) {
      String flag = line.trim();
      if (flag.startsWith("--stateBackend") && !flag.startsWith("--stateBackendStoragePath")) {
        flags.add(flag);
      }
    }
    assertThat("state flags in " + PLAYBACK_ARGS, flags.isEmpty(), equalTo(false));
    return flags;
  }

  /** Records in the graph topics under the prefix: the sum of their partitions' end offsets. */
  private static long publishedUpdates(String prefix) throws Exception {
    try (Admin admin = TopicOffsets.admin(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      return TopicOffsets.records(admin, TopicOffsets.withPrefix(admin, prefix));
    }
  }

  private static long checkpointSize(FaultRun run) {
    try {
      String id = run.jobId();
      return id == null ? 0 : run.rest.checkpoints(id).latestSizeBytes();
    } catch (IOException e) {
      return 0;
    }
  }

  /** New members, all at one event time, each starting one of twenty titles on its own device. */
  private static void produceBurst(String topic, Instant time) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> last = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        String json =
            "{\"eventId\":\"burst-"
                + i
                + "\",\"eventTime\":\""
                + time
                + "\",\"accountId\":\"burst-a"
                + i
                + "\",\"profileId\":\"burst-p"
                + i
                + "\",\"deviceId\":\"burst-d"
                + i
                + "\",\"titleId\":\"t-00"
                + (10 + i % 20)
                + "\",\"action\":\"START\"}";
        last.add(
            producer.send(
                new ProducerRecord<>(topic, "burst-a" + i, json.getBytes(StandardCharsets.UTF_8))));
        if (last.size() == 10_000) {
          for (java.util.concurrent.Future<?> future : last) {
            future.get();
          }
          last.clear();
        }
      }
      producer.flush();
      for (java.util.concurrent.Future<?> future : last) {
        future.get();
      }
    }
  }
}
