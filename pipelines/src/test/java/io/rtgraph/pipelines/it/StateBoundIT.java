package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.GraphMetrics;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
 * shrink back to nothing once the window has passed. Every event starts a new member watching one
 * of twenty titles, so each brings seven element ids of its own (account, profile, device and four
 * edges); all share one event time, so no buffer can flush during the burst.
 */
public class StateBoundIT {
  private static final int EVENTS = 143_000;
  private static final long DISTINCT_KEYS = 7L * EVENTS + 20;

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void theBufferedKeysGaugeAndTheCheckpointSizeFallBackAfterABurstOfAMillionKeys()
      throws Exception {
    String name = "state-bound-" + System.nanoTime();
    Path catalogs = folder.newFolder("catalogs").toPath();
    SampleCatalogs.copyTo(catalogs);
    ProducedRecords.ensureTopic(KAFKA.bootstrapServers(), name, 2);
    produceBurst(name, Instant.now());

    FaultRun run =
        FaultRun.of(name, SourceTopic.PLAYBACK, KAFKA.bootstrapServers(), catalogs)
            .flags(
                "--dedupWindow=10s",
                "--idleTimeout=5s",
                "--checkpointingInterval=3000",
                // The heap backend: on RocksDB, timer entries can outlive a mass flush
                // (docs/reliability.md).
                "--stateBackend=filesystem",
                "--stateBackendStoragePath=" + folder.newFolder("checkpoints").toURI())
            .launch();
    try {
      AtomicLong peakKeys = new AtomicLong();
      AtomicLong peakCheckpoint = new AtomicLong();
      Supplier<CounterSnapshot> countersAndPeaks =
          () -> {
            CounterSnapshot counters = run.counters();
            peakKeys.accumulateAndGet(counters.get(GraphMetrics.BUFFERED_KEYS), Math::max);
            peakCheckpoint.accumulateAndGet(checkpointSize(run), Math::max);
            return counters;
          };
      Await.until(
          "the burst is read",
          Duration.ofMinutes(5),
          countersAndPeaks,
          c -> c.get(GraphMetrics.RECORDS_IN) == EVENTS);
      CounterSnapshot quiet =
          Await.until(
              "every buffer is flushed and the gauge is back at 0",
              Duration.ofMinutes(5),
              countersAndPeaks,
              c ->
                  c.get(GraphMetrics.EMITTED_UPDATES) == DISTINCT_KEYS
                      && c.get(GraphMetrics.BUFFERED_KEYS) == 0);
      long afterQuiet = System.currentTimeMillis();
      // A checkpoint triggered before the quiet can complete after it; wait for one that sees it.
      List<String> afterQuietSizes = new ArrayList<>();
      long finalCheckpoint;
      try {
        finalCheckpoint =
            Await.until(
                "a checkpoint triggered after the quiet is under a tenth of the peak",
                Duration.ofMinutes(2),
                () -> {
                  try {
                    if (run.rest.latestCheckpointTriggerMillis(run.jobId()) <= afterQuiet) {
                      return -1L;
                    }
                    long size = checkpointSize(run);
                    peakCheckpoint.accumulateAndGet(size, Math::max);
                    if (afterQuietSizes.isEmpty()
                        || !afterQuietSizes
                            .get(afterQuietSizes.size() - 1)
                            .equals(String.valueOf(size))) {
                      afterQuietSizes.add(String.valueOf(size));
                    }
                    return size;
                  } catch (IOException e) {
                    return -1L;
                  }
                },
                size -> size >= 0 && size < peakCheckpoint.get() / 10);
      } finally {
        System.out.println(
            "checkpoint sizes after the quiet: "
                + afterQuietSizes
                + "; updates in the graph topics: "
                + publishedUpdates("graph." + name + ".")
                + "; by step now: "
                + run.rest.latestCheckpointSizeByVertex(run.jobId()));
      }
      System.out.printf(
          "fault: state bound (burst of %d distinct keys, then quiet) | peak buffered keys=%d, now %d;"
              + " checkpoint size peak=%d bytes, after the quiet %d bytes; emitted updates=%d | restarts=%d%n",
          DISTINCT_KEYS,
          peakKeys.get(),
          quiet.get(GraphMetrics.BUFFERED_KEYS),
          peakCheckpoint.get(),
          finalCheckpoint,
          quiet.get(GraphMetrics.EMITTED_UPDATES),
          run.restarts());
      assertThat(
          "every flushed update reached its graph topic",
          publishedUpdates("graph." + name + "."),
          equalTo(DISTINCT_KEYS));
      assertThat("the burst was buffered", peakKeys.get(), greaterThanOrEqualTo(DISTINCT_KEYS / 2));
      assertThat(quiet.get(GraphMetrics.BUFFERED_KEYS), equalTo(0L));
      assertThat(
          "the checkpoint shrank back", finalCheckpoint, lessThan(peakCheckpoint.get() / 10));
    } finally {
      run.cancel();
    }
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
