package io.rtgraph.tools.generator;

import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.tools.oracle.GraphOracle;
import io.rtgraph.tools.oracle.InputRules;
import io.rtgraph.tools.oracle.OracleCatalogs;
import io.rtgraph.tools.oracle.OracleGraph;
import java.util.List;

/**
 * The graph the pipelines must build from generated records (of one topic or several), computed by
 * the {@link GraphOracle} from the record bytes and the sample catalogs' files alone: PRODUCT.md's
 * rules written again, sharing no parsing, mapping, enrichment or merge code with the pipelines.
 * Windowing, state and I/O play no part either, so comparing a pipeline's folded output with this
 * checks all of them at once.
 */
public final class ExpectedGraph {
  private ExpectedGraph() {}

  /** For pipelines run with the default {@code --maxRecordBytes}. */
  public static MaterializedGraph of(List<GeneratedRecord> records) {
    return of(records, InputRules.DEFAULT_MAX_RECORD_BYTES);
  }

  /** For pipelines run with {@code --maxRecordBytes=maxRecordBytes}. */
  public static MaterializedGraph of(List<GeneratedRecord> records, long maxRecordBytes) {
    return fold(records, maxRecordBytes).toMaterializedGraph();
  }

  /** The oracle's own form of the same graph. */
  public static OracleGraph fold(List<GeneratedRecord> records, long maxRecordBytes) {
    GraphOracle oracle =
        new GraphOracle(
            InputRules.defaults().withMaxRecordBytes(maxRecordBytes), OracleCatalogs.sample());
    for (GeneratedRecord record : records) {
      oracle.accept(record.topic().topicName(), record.value());
    }
    return oracle.graph();
  }
}
