package io.rtgraph.tools.graph;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads the project's Iceberg tables with Iceberg's own generic reader, not through Beam: what any
 * Iceberg engine sees. Folds the graph tables into the materialized graph.
 */
public final class IcebergGraphReader {
  private final GraphWarehouse warehouse;
  private final Catalog catalog;

  public IcebergGraphReader(GraphWarehouse warehouse) {
    this.warehouse = warehouse;
    this.catalog = warehouse.catalog();
  }

  /** The node and edge tables folded into the materialized graph. */
  public MaterializedGraph readGraph(String nodeTable, String edgeTable) {
    MaterializedGraph graph = new MaterializedGraph();
    readUpdates(nodeTable, Expressions.alwaysTrue()).forEach(graph::add);
    readUpdates(edgeTable, Expressions.alwaysTrue()).forEach(graph::add);
    return graph;
  }

  /** The updates of one graph table matching the filter, unfolded. */
  public List<GraphUpdate> readUpdates(String tableName, Expression filter) {
    List<GraphUpdate> updates = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(tableName)).where(filter).build()) {
      for (Record record : records) {
        updates.add(GraphUpdateTables.fromRecord(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read table " + tableName, e);
    }
    return updates;
  }

  /** Every row of a raw archive table. */
  public List<ArchivedRecord> readArchive(String tableName) {
    List<ArchivedRecord> archived = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(tableName)).build()) {
      for (Record record : records) {
        archived.add(ArchiveTable.fromRecord(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read table " + tableName, e);
    }
    return archived;
  }

  public Table table(String name) {
    try {
      return catalog.loadTable(warehouse.table(name));
    } catch (NoSuchTableException e) {
      throw new IllegalArgumentException(
          "no table " + warehouse.table(name) + " in the warehouse; run a pipeline with the same"
              + " --icebergWarehouse and --icebergNamespace first", e);
    }
  }
}
