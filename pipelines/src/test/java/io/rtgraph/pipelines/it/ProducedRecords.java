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
      String bootstrapServers, KafkaClientProperties properties, String topic, int partitions, List<GeneratedRecord> records)
      throws Exception {
    try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers, properties)) {
      topics.ensure(List.of(topic), partitions, Map.of("max.message.bytes", String.valueOf(8 << 20)), true);
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // Ordered without the idempotent producer, whose sequence numbers a fresh topic has been seen
    // to reject (OutOfOrderSequenceException) on this broker.
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(properties.applyTo(config), new StringSerializer(), new ByteArraySerializer())) {
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

  public List<GeneratedRecord> records() {
    return records;
  }

  /** {@code partition@offset} to the reason, for every record that must be dead-lettered. */
  public Map<String, DeadLetterReason> expectedDeadLetters() {
    Map<String, DeadLetterReason> expected = new TreeMap<>();
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).fate() == GeneratedRecord.Fate.DEAD_LETTER) {
        expected.put(coordinates.get(i).partition() + "@" + coordinates.get(i).offset(), records.get(i).reason());
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
