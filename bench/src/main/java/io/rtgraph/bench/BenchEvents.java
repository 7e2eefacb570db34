package io.rtgraph.bench;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Generated playback events for the benchmark, produced in batches so that millions of them never
 * sit in memory at once: realistic traffic (skewed members, heartbeats, test traffic, a few
 * redelivered, out-of-order and malformed records) at a thousand events per second of event time.
 */
final class BenchEvents {
  static final int BATCH = 100_000;
  static final int DEFAULT_ACCOUNTS = 20_000;
  private static final long EVENT_TIME_MILLIS_PER_EVENT = 1;

  private BenchEvents() {}

  /** The records produced, and the distinct accounts their events name. */
  record Preloaded(long records, long distinctAccounts) {}

  static GeneratorConfig config(
      long seed, int events, Instant end, int accounts, double accountSkew) {
    return GeneratorConfig.builder()
        .setSeed(seed)
        .setAccounts(accounts)
        .setAccountSkew(accountSkew)
        .setEventsPerTopic(events)
        .setEnd(end)
        .setSpan(Duration.millis(events * EVENT_TIME_MILLIS_PER_EVENT))
        .setMalformedShare(0.001)
        .setOversizedBytes(0)
        .setCrossDeviceExample(seed == 0)
        .build();
  }

  /**
   * Produces {@code total} base events (plus the generator's extras); returns the records produced.
   */
  static Preloaded preload(
      String bootstrapServers,
      String topic,
      int total,
      Instant end,
      int accounts,
      double accountSkew)
      throws Exception {
    long produced = 0;
    Set<String> distinctAccounts = new HashSet<>();
    EventGenerator generator;
    try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
      int batches = (total + BATCH - 1) / BATCH;
      for (int batch = 0; batch < batches; batch++) {
        int events = Math.min(BATCH, total - batch * BATCH);
        Instant batchEnd =
            end.minus(
                Duration.millis(
                    (long) (batches - 1 - batch) * BATCH * EVENT_TIME_MILLIS_PER_EVENT));
        generator =
            new EventGenerator(
                config(batch, events, batchEnd, accounts, accountSkew), SampleCatalogs.load());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (GeneratedRecord record : generator.generate(SourceTopic.PLAYBACK)) {
          if (record.event() != null) {
            distinctAccounts.add(record.event().accountId());
          }
          sent.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
        }
        for (Future<RecordMetadata> future : sent) {
          future.get();
        }
        produced += sent.size();
      }
    }
    return new Preloaded(produced, distinctAccounts.size());
  }

  static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
