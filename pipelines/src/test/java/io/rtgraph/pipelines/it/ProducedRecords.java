package io.rtgraph.pipelines.it;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.kafka.KafkaTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Generated records produced to a topic, with the partition and offset each one got. */
public final class ProducedRecords {
  private final List<GeneratedRecord> records;
  private final List<RecordMetadata> coordinates;

  private ProducedRecords(List<GeneratedRecord> records, List<RecordMetadata> coordinates) {
    this.records = records;
    this.coordinates = coordinates;
  }

  /** Creates the topic when missing and produces the records in order, waiting for every ack. */
  public static ProducedRecords produce(
      String bootstrapServers,
      KafkaClientProperties properties,
      String topic,
      int partitions,
      List<GeneratedRecord> records)
      throws Exception {
    try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers, properties)) {
      topics.ensure(
          List.of(topic), partitions, Map.of("max.message.bytes", String.valueOf(8 << 20)), true);
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers, properties)) {
      for (GeneratedRecord record : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
      }
      producer.flush();
    }
    List<RecordMetadata> coordinates = new ArrayList<>();
    for (Future<RecordMetadata> future : sent) {
      coordinates.add(future.get());
    }
    return new ProducedRecords(records, coordinates);
  }

  /** As above, without client properties, to a topic of three partitions. */
  public static ProducedRecords produce(
      String bootstrapServers, String topic, List<GeneratedRecord> records) throws Exception {
    return produce(bootstrapServers, KafkaClientProperties.none(), topic, 3, records);
  }

  /** Creates the topic when missing. */
  public static void ensureTopic(String bootstrapServers, String topic, int partitions) {
    try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers, KafkaClientProperties.none())) {
      topics.ensure(
          List.of(topic), partitions, Map.of("max.message.bytes", String.valueOf(8 << 20)), true);
    }
  }

  /** Produces every record to one partition, whatever its key. */
  public static void produceToPartition(
      String bootstrapServers, String topic, int partition, List<GeneratedRecord> records)
      throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        producer(bootstrapServers, KafkaClientProperties.none())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (GeneratedRecord record : records) {
        sent.add(
            producer.send(new ProducerRecord<>(topic, partition, record.key(), record.value())));
      }
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    }
  }

  /**
   * Produces one hand-made value to a partition; {@link #expectedDeadLettersFor} names its fate.
   */
  public static ProducedRecords produceRaw(
      String bootstrapServers, String topic, int partition, String key, byte[] value)
      throws Exception {
    ensureTopic(bootstrapServers, topic, 3);
    try (KafkaProducer<String, byte[]> producer =
        producer(bootstrapServers, KafkaClientProperties.none())) {
      RecordMetadata metadata =
          producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
      return new ProducedRecords(List.of(), List.of(metadata));
    }
  }

  /** The coordinates of the records produced, each expected to be dead-lettered for the reason. */
  public Map<String, DeadLetterReason> expectedDeadLettersFor(DeadLetterReason reason) {
    Map<String, DeadLetterReason> expected = new TreeMap<>();
    for (RecordMetadata metadata : coordinates) {
      expected.put(metadata.partition() + "@" + metadata.offset(), reason);
    }
    return expected;
  }

  /**
   * Ordered without the idempotent producer, whose sequence numbers a freshly created topic has
   * been seen to reject (OutOfOrderSequenceException) on this broker.
   */
  private static KafkaProducer<String, byte[]> producer(
      String bootstrapServers, KafkaClientProperties properties) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
    return new KafkaProducer<>(
        properties.applyTo(config), new StringSerializer(), new ByteArraySerializer());
  }

  public List<GeneratedRecord> records() {
    return records;
  }

  /** {@code partition@offset} to the reason, for every record that must be dead-lettered. */
  public Map<String, DeadLetterReason> expectedDeadLetters() {
    Map<String, DeadLetterReason> expected = new TreeMap<>();
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).fate() == GeneratedRecord.Fate.DEAD_LETTER) {
        expected.put(
            coordinates.get(i).partition() + "@" + coordinates.get(i).offset(),
            records.get(i).reason());
      }
    }
    return expected;
  }

  /** The original value at {@code partition@offset}. */
  public byte[] valueAt(String coordinates) {
    for (int i = 0; i < records.size(); i++) {
      RecordMetadata metadata = this.coordinates.get(i);
      if ((metadata.partition() + "@" + metadata.offset()).equals(coordinates)) {
        return records.get(i).value();
      }
    }
    throw new IllegalArgumentException("no record at " + coordinates);
  }
}
