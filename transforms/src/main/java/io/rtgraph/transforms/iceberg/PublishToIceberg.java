package io.rtgraph.transforms.iceberg;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.GraphResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/** Appends the merged node and edge updates to the graph tables ({@link GraphUpdateTables}). */
public final class PublishToIceberg extends PTransform<GraphResult, PDone> {
  /**
   * How often a streaming pipeline commits a snapshot when it does not choose: a compile-time
   * constant, so that the pipelines' flag can name it as its default.
   */
  public static final String DEFAULT_COMMIT_INTERVAL_FLAG = "60s";

  public static final Duration DEFAULT_COMMIT_INTERVAL =
      FlagDurations.parse("icebergCommitInterval", DEFAULT_COMMIT_INTERVAL_FLAG);

  static final TupleTag<Row> NODES = new TupleTag<Row>() {};
  static final TupleTag<Row> EDGES = new TupleTag<Row>() {};

  private final GraphWarehouse warehouse;
  private final String nodeTable;
  private final String edgeTable;
  private final Duration commitInterval;

  private PublishToIceberg(
      GraphWarehouse warehouse, String nodeTable, String edgeTable, Duration commitInterval) {
    this.warehouse = warehouse;
    this.nodeTable = nodeTable;
    this.edgeTable = edgeTable;
    this.commitInterval = commitInterval;
  }

  /** Writes to the tables, committing a snapshot every interval when the input is unbounded. */
  public static PublishToIceberg to(
      GraphWarehouse warehouse, String nodeTable, String edgeTable, Duration commitInterval) {
    return new PublishToIceberg(warehouse, nodeTable, edgeTable, commitInterval);
  }

  @Override
  public PDone expand(GraphResult result) {
    PCollectionTuple rows =
        result
            .updates()
            .apply(
                "ToTableRows",
                ParDo.of(new ToRowFn()).withOutputTags(NODES, TupleTagList.of(EDGES)));
    write(rows.get(NODES), GraphUpdateTables.BEAM_NODE_SCHEMA, nodeTable, "WriteNodeTable");
    write(rows.get(EDGES), GraphUpdateTables.BEAM_EDGE_SCHEMA, edgeTable, "WriteEdgeTable");
    return PDone.in(result.getPipeline());
  }

  private void write(PCollection<Row> rows, Schema schema, String table, String stepName) {
    rows.setRowSchema(schema).apply(stepName, warehouse.appendRows(table, rows, commitInterval));
  }

  /** Sends node updates to one output and edge updates to the other, as table rows. */
  static final class ToRowFn extends DoFn<GraphUpdate, Row> {
    @ProcessElement
    public void processElement(@Element GraphUpdate update, MultiOutputReceiver out) {
      out.get(update.element() == GraphUpdate.Element.NODE ? NODES : EDGES)
          .output(GraphUpdateTables.toRow(update));
    }
  }
}
