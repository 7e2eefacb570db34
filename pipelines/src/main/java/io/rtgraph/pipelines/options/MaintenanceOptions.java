package io.rtgraph.pipelines.options;

import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * The maintenance job: which current-graph tables to fold into, and how the tables are kept up. The
 * update tables are {@code --nodeTable} and {@code --edgeTable}.
 */
public interface MaintenanceOptions extends IcebergOptions {

  @Description("Current-graph table of nodes, one row per node, folded from --nodeTable.")
  @Default.String(CurrentGraphTables.DEFAULT_NODE_TABLE)
  String getCurrentNodeTable();

  void setCurrentNodeTable(String value);

  @Description("Current-graph table of edges, one row per edge, folded from --edgeTable.")
  @Default.String(CurrentGraphTables.DEFAULT_EDGE_TABLE)
  String getCurrentEdgeTable();

  void setCurrentEdgeTable(String value);

  @Description(
      "Size that compaction and the fold aim at for data files, in bytes; also set on every"
          + " maintained table as write.target-file-size-bytes. Default: Iceberg's, 512 MiB.")
  @Default.Long(CurrentGraphTables.DEFAULT_TARGET_FILE_SIZE_BYTES)
  long getTargetFileSizeBytes();

  void setTargetFileSizeBytes(long value);

  @Description(
      "Expire the snapshots of the graph tables (updates and current) older than this, e.g. 7d;"
          + " an update table keeps every snapshot the fold has not read yet.")
  @Default.String("7d")
  String getSnapshotRetention();

  void setSnapshotRetention(String value);

  @Description("Expire the snapshots of the raw archive tables older than this, e.g. 90d.")
  @Default.String("90d")
  String getArchiveSnapshotRetention();

  void setArchiveSnapshotRetention(String value);

  @Description(
      "Raw archive tables to compact and expire, comma-separated. Default: raw_<topic> of the four"
          + " source topics, those that exist. 'none' keeps up no archive.")
  @Default.String("")
  String getArchiveTables();

  void setArchiveTables(String value);
}
