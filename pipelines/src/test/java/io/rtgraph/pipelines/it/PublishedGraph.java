package io.rtgraph.pipelines.it;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The update records of a job's graph topics, read once from the beginning to the end offsets with
 * a plain consumer: folded into the graph that the test compares, counted for verbatim repeats, and
 * timed by their Kafka timestamps (the producer's clock when the sink sent them).
 */
record PublishedGraph(List<GraphUpdate> updates, long lastPublishedMillis) {

  static PublishedGraph read(
      String bootstrapServers, KafkaClientProperties clientProperties, String graphTopicPrefix) {
    List<GraphUpdate> updates = new ArrayList<>();
    long[] last = {Long.MIN_VALUE};
    try (GraphTopicReader reader = new GraphTopicReader(bootstrapServers, clientProperties)) {
      List<String> topics = new ArrayList<>(reader.topicsWithPrefix(graphTopicPrefix + "node."));
      topics.addAll(reader.topicsWithPrefix(graphTopicPrefix + "edge."));
      reader.readAll(
          topics,
          record -> {
            updates.add(GraphUpdateJson.fromJson(record.value()));
            last[0] = Math.max(last[0], record.timestamp());
          });
    }
    return new PublishedGraph(updates, last[0]);
  }

  MaterializedGraph graph() {
    return MaterializedGraph.of(updates);
  }

  /** Update records that repeat an earlier one verbatim. */
  long duplicates() {
    return updates.size() - new HashSet<>(updates).size();
  }
}
