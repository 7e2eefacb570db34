package io.rtgraph.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka topic of each element type: {@code <prefix>node.<Type>} and {@code
 * <prefix>edge.<EDGE_TYPE>}, with the prefix {@code graph.} by default.
 */
public final class GraphTopics {
  public static final String DEFAULT_PREFIX = "graph.";

  private GraphTopics() {}

  public static String topicFor(String prefix, GraphUpdate update) {
    return prefix + update.element().jsonName() + "." + update.type();
  }

  public static String nodeTopic(String prefix, NodeType type) {
    return prefix + "node." + type.typeName();
  }

  public static String edgeTopic(String prefix, EdgeType type) {
    return prefix + "edge." + type.typeName();
  }

  /** Every node and edge topic under the prefix. */
  public static List<String> all(String prefix) {
    List<String> topics = new ArrayList<>();
    for (NodeType type : NodeType.values()) {
      topics.add(nodeTopic(prefix, type));
    }
    for (EdgeType type : EdgeType.values()) {
      topics.add(edgeTopic(prefix, type));
    }
    return topics;
  }
}
