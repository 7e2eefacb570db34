package io.rtgraph.tools.graph;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import java.util.ArrayList;
import java.util.List;

/** How two materialized graphs differ: elements missing, extra, or with different state. */
public record GraphDiff(List<String> missing, List<String> extra, List<String> differing) {

  public static GraphDiff between(MaterializedGraph expected, MaterializedGraph actual) {
    List<String> missing = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (GraphUpdate want : expected.elements().values()) {
      GraphUpdate got = actual.get(want.id());
      if (got == null) {
        missing.add(want.id());
      } else if (!got.equals(want)) {
        differing.add(want.id());
      }
    }
    List<String> extra = new ArrayList<>();
    for (String id : actual.elements().keySet()) {
      if (expected.get(id) == null) {
        extra.add(id);
      }
    }
    return new GraphDiff(missing, extra, differing);
  }

  public boolean isEmpty() {
    return missing.isEmpty() && extra.isEmpty() && differing.isEmpty();
  }

  /** Counts, and the first few ids of each kind. */
  @Override
  public String toString() {
    return String.format(
        "missing %d %s, extra %d %s, differing %d %s",
        missing.size(),
        head(missing),
        extra.size(),
        head(extra),
        differing.size(),
        head(differing));
  }

  private static List<String> head(List<String> ids) {
    return ids.subList(0, Math.min(5, ids.size()));
  }
}
