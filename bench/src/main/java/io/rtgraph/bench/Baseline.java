package io.rtgraph.bench;

import io.rtgraph.model.InvalidEventException;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The nearest thing to the physical limit on this machine: one plain KafkaConsumer reading the
 * topic from the start and parsing every record with the pipeline's own JSON parser.
 */
final class Baseline {
  /** What the baseline pass measured. */
  record Result(long records, long valid, long cpuNanos, long wallNanos) {}

  private Baseline() {}

  static Result run(String bootstrapServers, String topic, long expected, ProcessMeters meters) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    CompiledMapping playback =
        TopicMappings.shipped(SourceTopic.PLAYBACK); // the pipeline's own parser
    long records = 0;
    long valid = 0;
    long cpuStart = meters.cpuNanos();
    long wallStart = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (records < expected) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          try {
            playback.parse(record.value());
            valid++;
          } catch (InvalidEventException e) {
            // counted as read; the pipeline dead-letters it
          }
        }
      }
    }
    return new Result(records, valid, meters.cpuNanos() - cpuStart, System.nanoTime() - wallStart);
  }
}
