package io.rtgraph.tools.graph;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A materialized graph indexed for traversal: the one-hop and multi-hop neighbourhood queries the
 * Netflix graph serves, answered from folded updates.
 */
public final class GraphIndex {
  /** One edge reached by a traversal, the hop it was reached at, and the node it leads to. */
  public record Step(
      int hop, GraphUpdate edge, String from, String to, @Nullable GraphUpdate node) {}

  private final MaterializedGraph graph;
  private final Map<String, List<GraphUpdate>> outgoing = new HashMap<>();
  private final Map<String, List<GraphUpdate>> incoming = new HashMap<>();

  public GraphIndex(MaterializedGraph graph) {
    this.graph = graph;
    for (GraphUpdate element : graph.elements().values()) {
      if (element.element() == GraphUpdate.Element.EDGE) {
        outgoing.computeIfAbsent(element.src(), k -> new ArrayList<>()).add(element);
        incoming.computeIfAbsent(element.dst(), k -> new ArrayList<>()).add(element);
      }
    }
  }

  public MaterializedGraph graph() {
    return graph;
  }

  public @Nullable GraphUpdate get(String id) {
    return graph.get(id);
  }

  /**
   * The edges within {@code maxHops} of the start node, breadth first, each edge once, following
   * only edges that pass the filter, up to {@code limit} steps.
   */
  public List<Step> neighbourhood(
      String start,
      Direction direction,
      int maxHops,
      Predicate<GraphUpdate> edgeFilter,
      int limit) {
    List<Step> steps = new ArrayList<>();
    Set<String> seenEdges = new HashSet<>();
    Set<String> visited = new HashSet<>(Set.of(start));
    Deque<String> frontier = new ArrayDeque<>(List.of(start));
    for (int hop = 1; hop <= maxHops && !frontier.isEmpty(); hop++) {
      Deque<String> next = new ArrayDeque<>();
      for (String node : frontier) {
        for (Map.Entry<GraphUpdate, String> edge : edgesOf(node, direction).entrySet()) {
          GraphUpdate update = edge.getKey();
          if (!edgeFilter.test(update) || !seenEdges.add(update.id())) {
            continue;
          }
          String other = edge.getValue();
          steps.add(new Step(hop, update, node, other, graph.get(other)));
          if (steps.size() >= limit) {
            return steps;
          }
          if (visited.add(other)) {
            next.add(other);
          }
        }
      }
      frontier = next;
    }
    return steps;
  }

  /** The node's edges in the direction, each with the node at its other end, sorted by edge id. */
  private Map<GraphUpdate, String> edgesOf(String node, Direction direction) {
    Map<GraphUpdate, String> edges = new LinkedHashMap<>();
    if (direction != Direction.IN) {
      outgoing.getOrDefault(node, List.of()).stream()
          .sorted((a, b) -> a.id().compareTo(b.id()))
          .forEach(e -> edges.put(e, e.dst()));
    }
    if (direction != Direction.OUT) {
      incoming.getOrDefault(node, List.of()).stream()
          .sorted((a, b) -> a.id().compareTo(b.id()))
          .forEach(e -> edges.put(e, e.src()));
    }
    return edges;
  }
}
