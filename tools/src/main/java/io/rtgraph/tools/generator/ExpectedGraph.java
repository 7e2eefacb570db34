package io.rtgraph.tools.generator;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.transforms.CatalogLookup;
import io.rtgraph.transforms.GraphMapping;
import java.util.List;

/**
 * The graph the pipeline must build from generated records, computed without a pipeline: the raw
 * per-event updates of every record destined for the graph, merged directly. Parsing, filtering,
 * windowing, state and I/O play no part, so comparing a pipeline's folded output with this checks
 * all of them at once.
 */
public final class ExpectedGraph {
  private ExpectedGraph() {}

  public static MaterializedGraph of(List<GeneratedRecord> records, Catalogs catalogs) {
    MaterializedGraph graph = new MaterializedGraph();
    for (GeneratedRecord record : records) {
      if (record.fate() == GeneratedRecord.Fate.GRAPH) {
        for (GraphUpdate update : GraphMapping.updatesFor(CatalogLookup.enrich(record.event(), catalogs))) {
          graph.add(update);
        }
      }
    }
    return graph;
  }
}
