package io.rtgraph.tools.oracle;

import io.rtgraph.tools.oracle.MappingTable.Observation;

/**
 * The independent expected graph: source records in, PRODUCT.md's verdict on each out, and the
 * materialized graph of those that reach it. Feed it records of any topics in any order, repeated
 * or not; the graph is the same.
 *
 * <p>It shares no code with what it checks: validation, filters, mapping, catalog lookups and the
 * merge are written here again from PRODUCT.md, with Jackson's tree model for the JSON.
 */
public final class GraphOracle {
  private final InputRules rules;
  private final OracleCatalogs catalogs;
  private final OracleGraph graph = new OracleGraph();

  public GraphOracle(InputRules rules, OracleCatalogs catalogs) {
    this.rules = rules;
    this.catalogs = catalogs;
  }

  /** Judges one record value of the topic and, when it reaches the graph, folds its elements in. */
  public Verdict accept(String topic, byte[] value) {
    Verdict verdict = rules.judge(topic, value);
    if (verdict.fate() == Verdict.Fate.GRAPH) {
      for (Observation seen : MappingTable.observe(topic, verdict.event(), catalogs)) {
        graph.add(seen, verdict.eventTimeMillis(), topic);
      }
    }
    return verdict;
  }

  public OracleGraph graph() {
    return graph;
  }
}
