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
    return nodeTopic(prefix, type.typeName());
  }

  public static String edgeTopic(String prefix, EdgeType type) {
    return edgeTopic(prefix, type.typeName());
  }

  /** The topic of a node type by name, including types only a topic mapping declares. */
  public static String nodeTopic(String prefix, String nodeType) {
    return prefix + "node." + nodeType;
  }

  /** The topic of an edge type by name, including types only a topic mapping declares. */
  public static String edgeTopic(String prefix, String edgeType) {
    return prefix + "edge." + edgeType;
  }

  /** Every topic of the built-in node and edge types under the prefix. */
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
