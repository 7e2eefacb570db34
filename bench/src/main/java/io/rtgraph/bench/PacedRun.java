package io.rtgraph.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Paced mode: the pipeline runs while events are produced at a fixed rate, each at its event time.
 * The lag of a sampled event is the time from its append to the source topic to the append of the
 * first update of its account that covers it, minus the dedup window (which the merge waits on
 * purpose); the heap is sampled every ten seconds.
 */
final class PacedRun {
  private static final int SAMPLE_EVERY = 50;

  private final Bench bench;
  private final String servers;
  private final String run;
  private final String topic;
  private final ProcessMeters meters;

  /** One sampled input event: its account, event time and append time. */
  private record Sample(String account, long eventTime, long appended) {}

  PacedRun(Bench bench, String servers, String run, String topic, ProcessMeters meters) {
    this.bench = bench;
    this.servers = servers;
    this.run = run;
    this.topic = topic;
    this.meters = meters;
  }

  String run() throws Exception {
    Bench.Job job = Bench.Job.launch(bench, servers, run, topic);
    List<Sample> samples = new ArrayList<>();
    List<Long> heapSamples = new ArrayList<>();
    List<Long> retainedSamples = new ArrayList<>();
    long produced = 0;
    try (KafkaProducer<String, byte[]> producer = BenchEvents.producer(servers)) {
      job.awaitRunning();
      long start = System.currentTimeMillis();
      long end = start + bench.seconds * 1000L;
      long nextHeap = start;
      int batchEvents = Math.max(1, bench.rate * 10);
      long batch = 0;
      while (System.currentTimeMillis() < end) {
        // Ten seconds of events at a time, each sent when the clock reaches its event time.
        Instant batchEnd = new Instant(start + (batch + 1) * 10_000L);
        List<GeneratedRecord> records =
            new EventGenerator(
                    BenchEvents.config(
                            1000 + batch, batchEvents, batchEnd, bench.accounts, bench.accountSkew)
                        .toBuilder()
                        .setSpan(Duration.standardSeconds(10))
                        .setOutOfOrderShare(0)
                        .setLateShare(0)
                        .setRedeliveryShare(0)
                        .setMalformedShare(0)
                        .build(),
                    SampleCatalogs.load())
                .generate(SourceTopic.PLAYBACK);
        records.sort(
            (a, b) ->
                Long.compare(a.event().eventTime().getMillis(), b.event().eventTime().getMillis()));
        for (GeneratedRecord record : records) {
          long due = record.event().eventTime().getMillis();
          long wait = due - System.currentTimeMillis();
          if (wait > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
          }
          boolean sampled = produced++ % SAMPLE_EVERY == 0;
          String account = record.event().accountId();
          long eventTime = due;
          producer.send(
              new ProducerRecord<>(topic, record.key(), record.value()),
              (metadata, e) -> {
                if (sampled && e == null && record.fate() == GeneratedRecord.Fate.GRAPH) {
                  synchronized (samples) {
                    samples.add(new Sample(account, eventTime, metadata.timestamp()));
                  }
                }
              });
          if (System.currentTimeMillis() >= nextHeap) {
            heapSamples.add(meters.heapUsed() / (1024 * 1024));
            retainedSamples.add(meters.heapAfterLastGc() / (1024 * 1024));
            nextHeap += 10_000;
          }
          if (System.currentTimeMillis() >= end) {
            break;
          }
        }
        batch++;
      }
      producer.flush();
      Bench.progress(
          "produced %d events in %d s", produced, (System.currentTimeMillis() - start) / 1000);
      long total = produced;
      CounterSnapshot drained =
          job.await(
              "the last merge buffer flushed",
              c ->
                  c.get(GraphMetric.RECORDS_IN) >= total
                      && c.get(GraphMetric.MERGE_BUFFERED_KEYS) == 0);
      long[] lags =
          lags(samples, Duration.parse("PT" + bench.dedupWindow.toUpperCase()).getMillis());
      StringWriter out = new StringWriter();
      try (JsonGenerator line = new JsonFactory().createGenerator(out)) {
        line.writeStartObject();
        line.writeStringField("mode", "paced");
        line.writeNumberField("rate", bench.rate);
        line.writeNumberField("seconds", bench.seconds);
        line.writeNumberField("events", produced);
        line.writeNumberField("lag_samples", lags.length);
        line.writeNumberField("lag_p50_ms", percentile(lags, 0.50));
        line.writeNumberField("lag_p99_ms", percentile(lags, 0.99));
        line.writeNumberField("lag_max_ms", lags.length == 0 ? 0 : lags[lags.length - 1]);
        line.writeNumberField("emitted_updates", drained.get(GraphMetric.EMITTED_UPDATES));
        line.writeNumberField("write_reduction", Bench.round(drained.writeReduction()));
        line.writeArrayFieldStart("heap_mb_every_10s");
        for (long heap : heapSamples) {
          line.writeNumber(heap);
        }
        line.writeEndArray();
        line.writeArrayFieldStart("heap_after_gc_mb_every_10s");
        for (long heap : retainedSamples) {
          line.writeNumber(heap);
        }
        line.writeEndArray();
        line.writeEndObject();
      }
      return out.toString();
    } finally {
      job.cancel();
    }
  }

  /** Lag of each sample, in milliseconds, sorted. */
  private long[] lags(List<Sample> samples, long windowMillis) {
    Map<String, List<long[]>> updates =
        new HashMap<>(); // account -> [firstSeen, lastSeen, appended]
    try (GraphTopicReader reader = new GraphTopicReader(servers, KafkaClientProperties.none())) {
      reader.readAll(
          List.of(run + ".node.Account"),
          record -> {
            GraphUpdate update = GraphUpdateJson.fromJson(record.value());
            updates
                .computeIfAbsent(update.id(), k -> new ArrayList<>())
                .add(
                    new long[] {
                      update.firstSeen().getMillis(),
                      update.lastSeen().getMillis(),
                      record.timestamp()
                    });
          });
    }
    List<Long> lags = new ArrayList<>();
    for (Sample sample : samples) {
      long best = Long.MAX_VALUE;
      for (long[] update : updates.getOrDefault("Account:" + sample.account(), List.of())) {
        if (update[0] <= sample.eventTime()
            && sample.eventTime() <= update[1]
            && update[2] >= sample.appended()) {
          best = Math.min(best, update[2]);
        }
      }
      if (best != Long.MAX_VALUE) {
        lags.add(best - sample.appended() - windowMillis);
      }
    }
    long[] sorted = lags.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0
        ? 0
        : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }
}
