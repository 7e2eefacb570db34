package io.rtgraph.tools.graph;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads Kafka topics from their beginning up to their end offsets at the time of the call, without
 * a consumer group: how the demo and the tests read back what the pipelines published.
 */
public final class GraphTopicReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long DEADLINE_MILLIS = 120_000;

  private final KafkaConsumer<byte[], byte[]> consumer;

  public GraphTopicReader(String bootstrapServers, KafkaClientProperties clientProperties) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    this.consumer =
        new KafkaConsumer<>(
            clientProperties.applyTo(config),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
  }

  /** The topics whose names start with the prefix. */
  public List<String> topicsWithPrefix(String prefix) {
    List<String> topics = new ArrayList<>();
    for (String topic : consumer.listTopics().keySet()) {
      if (topic.startsWith(prefix)) {
        topics.add(topic);
      }
    }
    return topics;
  }

  /** Every update in the graph topics under the prefix, folded. */
  public MaterializedGraph readGraph(String prefix) {
    MaterializedGraph graph = new MaterializedGraph();
    List<String> topics = new ArrayList<>();
    topics.addAll(topicsWithPrefix(prefix + "node."));
    topics.addAll(topicsWithPrefix(prefix + "edge."));
    readAll(topics, record -> graph.add(GraphUpdateJson.fromJson(record.value())));
    return graph;
  }

  /** The raw updates in the graph topics, unfolded, for counting duplicates. */
  public List<GraphUpdate> readUpdates(String prefix) {
    List<GraphUpdate> updates = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    topics.addAll(topicsWithPrefix(prefix + "node."));
    topics.addAll(topicsWithPrefix(prefix + "edge."));
    readAll(topics, record -> updates.add(GraphUpdateJson.fromJson(record.value())));
    return updates;
  }

  /** Reads each topic's partitions from the beginning to the end offsets seen now. */
  public void readAll(List<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos != null) {
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
    end.entrySet().removeIf(e -> e.getValue() == 0);
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (!end.isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "timed out reading " + topics + "; still behind on " + end.keySet());
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long last = end.get(partition);
        if (last == null || record.offset() >= last) {
          continue;
        }
        sink.accept(record);
        if (record.offset() >= last - 1) {
          end.remove(partition);
        }
      }
      end.keySet().removeIf(p -> consumer.position(p) >= end.get(p));
    }
    consumer.unsubscribe();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
