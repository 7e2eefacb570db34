package io.rtgraph.pipelines.it;

import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Offsets as Kafka's own admin client reports them: what a job read and what a topic holds. */
final class TopicOffsets {
  private TopicOffsets() {}

  static Admin admin(String bootstrapServers, KafkaClientProperties clientProperties) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(clientProperties.applyTo(config));
  }

  /** The end offset of every partition of the topics. */
  static Map<TopicPartition, Long> ends(Admin admin, Collection<String> topics)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get()
        .forEach(
            (topic, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            request.put(
                                new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
        admin.listOffsets(request).all().get().entrySet()) {
      ends.put(end.getKey(), end.getValue().offset());
    }
    return ends;
  }

  /** The records the topics hold: the sum of their partitions' end offsets. */
  static long records(Admin admin, Collection<String> topics)
      throws InterruptedException, ExecutionException {
    return ends(admin, topics).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The topics whose names start with the prefix. */
  static List<String> withPrefix(Admin admin, String prefix)
      throws InterruptedException, ExecutionException {
    return admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList();
  }

  /** The consumer group's committed offset of every partition it committed. */
  static Map<TopicPartition, Long> committed(Admin admin, String group)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> committed :
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
      if (committed.getValue() != null) {
        offsets.put(committed.getKey(), committed.getValue().offset());
      }
    }
    return offsets;
  }
}
