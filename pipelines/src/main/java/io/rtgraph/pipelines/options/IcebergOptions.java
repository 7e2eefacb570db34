package io.rtgraph.pipelines.options;

import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.iceberg.PublishToIceberg;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where the Iceberg tables are: the catalog, the namespace, the table names, the commit rhythm. */
public interface IcebergOptions extends PipelineOptions {

  @Description(
      "Iceberg catalog type: jdbc (the default; without uri=... in --icebergCatalogProperties, an"
          + " SQLite catalog.db inside --icebergWarehouse, safe for several writing pipelines),"
          + " rest, hadoop (the warehouse folder alone: NOT safe when several pipelines write the"
          + " same tables, rows are lost), ...")
  @Default.String(GraphWarehouse.DEFAULT_CATALOG_TYPE)
  String getIcebergCatalogType();

  void setIcebergCatalogType(String value);

  @Description(
      "Warehouse location: a local folder (holding the embedded catalog's catalog.db) or a Hadoop"
          + " file-system URI.")
  @Default.String(GraphWarehouse.DEFAULT_WAREHOUSE)
  String getIcebergWarehouse();

  void setIcebergWarehouse(String value);

  @Description(
      "More catalog properties, key=value[,key=value...], e.g. uri=http://rest:8181 for a REST"
          + " catalog or uri=jdbc:postgresql://... for a JDBC one. Give credentials through the"
          + " environment, not here: flags are printed.")
  @Default.String("")
  String getIcebergCatalogProperties();

  void setIcebergCatalogProperties(String value);

  @Description("Iceberg catalog name.")
  @Default.String(GraphWarehouse.DEFAULT_CATALOG_NAME)
  String getIcebergCatalogName();

  void setIcebergCatalogName(String value);

  @Description("Namespace of the tables.")
  @Default.String(GraphWarehouse.DEFAULT_NAMESPACE)
  String getIcebergNamespace();

  void setIcebergNamespace(String value);

  @Description("In streaming mode, commit an Iceberg snapshot this often (e.g. 60s, 5m, PT1M).")
  @Default.String(PublishToIceberg.DEFAULT_COMMIT_INTERVAL_FLAG)
  String getIcebergCommitInterval();

  void setIcebergCommitInterval(String value);

  @Description(
      "Deprecated name of --icebergCommitInterval, in seconds; still accepted, and if both are"
          + " given they must agree.")
  Long getIcebergCommitIntervalSeconds();

  void setIcebergCommitIntervalSeconds(Long value);

  @Description(
      "Raw archive table of the source topic; defaults to raw_<inputTopic>, e.g. raw_member_playback.")
  @Default.String("")
  String getArchiveTable();

  void setArchiveTable(String value);

  @Description("Table of node updates.")
  @Default.String("graph_node_updates")
  String getNodeTable();

  void setNodeTable(String value);

  @Description("Table of edge updates.")
  @Default.String("graph_edge_updates")
  String getEdgeTable();

  void setEdgeTable(String value);

  @Description(
      "Where the output goes, a comma-separated subset of kafka, graph-tables, archive. Default:"
          + " all three for a streaming pipeline, kafka,graph-tables for a backfill.")
  @Default.String("")
  String getSinks();

  void setSinks(String value);
}
