package io.rtgraph.tools.graph;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.maintenance.DataFileIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
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

  /**
   * The graph as the current-graph tables hold it, plus the updates committed to the update tables
   * since the last fold: the same graph {@link #readGraph} folds from all the updates, read from
   * one row per element and the few unfolded files. Where a current table does not exist yet, its
   * update table is folded whole.
   */
  public MaterializedGraph readCurrentGraph(
      String currentNodeTable, String currentEdgeTable, String nodeTable, String edgeTable) {
    MaterializedGraph graph = new MaterializedGraph();
    addCurrent(graph, currentNodeTable, nodeTable);
    addCurrent(graph, currentEdgeTable, edgeTable);
    return graph;
  }

  private void addCurrent(MaterializedGraph graph, String currentTable, String updateTable) {
    if (!catalog.tableExists(warehouse.table(currentTable))) {
      readUpdates(updateTable, Expressions.alwaysTrue()).forEach(graph::add);
      return;
    }
    // The rows and the snapshot they fold up to come from one metadata version: the fold commits
    // both at once.
    Table current = table(currentTable);
    Long folded = CurrentGraphTables.foldedSnapshot(current, updateTable);
    Snapshot currentSnapshot = current.currentSnapshot();
    if (currentSnapshot != null) {
      try (CloseableIterable<Record> records =
          IcebergGenerics.read(current).useSnapshot(currentSnapshot.snapshotId()).build()) {
        for (Record record : records) {
          graph.add(GraphUpdateTables.fromRecord(record));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read table " + currentTable, e);
      }
    }
    if (folded == null) {
      readUpdates(updateTable, Expressions.alwaysTrue()).forEach(graph::add);
      return;
    }
    Table updates = table(updateTable);
    if (updates.currentSnapshot() == null || updates.currentSnapshot().snapshotId() == folded) {
      return;
    }
    try (CloseableIterable<FileScanTask> tasks =
        updates
            .newIncrementalAppendScan()
            .fromSnapshotExclusive(folded)
            .toSnapshot(updates.currentSnapshot().snapshotId())
            .planFiles()) {
      for (FileScanTask task : tasks) {
        try (CloseableIterable<Record> records = DataFileIO.read(updates, task.file())) {
          for (Record record : records) {
            graph.add(GraphUpdateTables.fromRecord(record));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the updates of " + updateTable + " after snapshot " + folded, e);
    }
  }

  /** The updates of one graph table matching the filter, unfolded. */
  public List<GraphUpdate> readUpdates(String tableName, Expression filter) {
    List<GraphUpdate> updates = new ArrayList<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table(tableName)).where(filter).build()) {
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
          "no table "
              + warehouse.table(name)
              + " in the warehouse; run a pipeline with the same"
              + " --icebergWarehouse and --icebergNamespace first",
          e);
    }
  }
}
