package io.rtgraph.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The materialized graph: the CRDT merge of all updates per element id. Because the merge is
 * commutative, associative and idempotent, the result does not depend on the order, batching or
 * repetition of the updates folded in; that is what makes it the yardstick for comparing a
 * streaming run, a backfill and a replay.
 */
public final class MaterializedGraph {
  private final TreeMap<String, GraphUpdate> elements = new TreeMap<>();
  private long updatesFolded;

  /** Folds all given updates into a new graph. */
  public static MaterializedGraph of(Iterable<GraphUpdate> updates) {
    MaterializedGraph graph = new MaterializedGraph();
    for (GraphUpdate update : updates) {
      graph.add(update);
    }
    return graph;
  }

  /** Merges one update into the element with its id. */
  public void add(GraphUpdate update) {
    updatesFolded++;
    elements.merge(update.id(), update, GraphUpdate::mergeWith);
  }

  /** Element id to merged state, sorted by id. */
  public Map<String, GraphUpdate> elements() {
    return Collections.unmodifiableMap(elements);
  }

  public GraphUpdate get(String id) {
    return elements.get(id);
  }

  public int size() {
    return elements.size();
  }

  public long nodeCount() {
    return elements.values().stream().filter(u -> u.element() == GraphUpdate.Element.NODE).count();
  }

  public long edgeCount() {
    return elements.values().stream().filter(u -> u.element() == GraphUpdate.Element.EDGE).count();
  }

  /** How many updates were folded in, duplicates included. */
  public long updatesFolded() {
    return updatesFolded;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MaterializedGraph
        && elements.equals(((MaterializedGraph) other).elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  @Override
  public String toString() {
    return "MaterializedGraph{" + nodeCount() + " nodes, " + edgeCount() + " edges}";
  }
}
