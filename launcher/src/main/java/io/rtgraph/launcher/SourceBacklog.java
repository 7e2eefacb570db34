package io.rtgraph.launcher;

import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a job's Kafka source topic holds that its consumer group has not consumed: for each
 * partition, the end offset minus the group's committed offset, or minus the earliest offset where
 * the group has committed none (the source then starts from the earliest).
 *
 * <p>The source commits offsets when a checkpoint (on the DirectRunner, a bundle) finalizes, so
 * this is what the job has durably read. It is only asked about a job that has read nothing at all:
 * such a job with a backlog is stuck, not drained. A job that has read records is judged by its
 * counters, since its committed offsets trail its reading by up to a checkpoint interval.
 */
public record SourceBacklog(
    String bootstrapServers,
    KafkaClientProperties clientProperties,
    String topic,
    String consumerGroup) {

  /** The records not yet consumed by the group, summed over the topic's partitions. */
  public long unread() throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    try (Admin admin = Admin.create(clientProperties.applyTo(config))) {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(partition -> new TopicPartition(topic, partition.partition()))
              .toList();
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest =
          offsets(admin, partitions, OffsetSpec.earliest());
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest =
          offsets(admin, partitions, OffsetSpec.latest());
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(consumerGroup)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      long unread = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata position = committed.get(partition);
        long from = position == null ? earliest.get(partition).offset() : position.offset();
        unread += Math.max(0, latest.get(partition).offset() - from);
      }
      return unread;
    }
  }

  private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(
      Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    return admin
        .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }
}
