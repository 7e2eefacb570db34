package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.IcebergOptions;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.ArchiveToIceberg;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.iceberg.PublishToIceberg;
import java.util.HashMap;
import java.util.Map;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the Iceberg flags into a topic pipeline's table sinks and launch-time table checks. */
final class TopicIceberg {
  private static final FlagDurations.SecondsAlias COMMIT_INTERVAL =
      FlagDurations.withSecondsAlias("icebergCommitInterval", "icebergCommitIntervalSeconds");

  private static final Logger LOG = LoggerFactory.getLogger(TopicIceberg.class);

  private TopicIceberg() {}

  static GraphWarehouse warehouse(IcebergOptions options) {
    return GraphWarehouse.of(
        options.getIcebergCatalogName(),
        options.getIcebergCatalogType(),
        options.getIcebergWarehouse(),
        catalogProperties(options),
        options.getIcebergNamespace());
  }

  static Map<String, String> catalogProperties(IcebergOptions options) {
    Map<String, String> properties = new HashMap<>();
    String flag = options.getIcebergCatalogProperties();
    if (flag == null || flag.isBlank()) {
      return properties;
    }
    for (String pair : flag.split(",")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "--icebergCatalogProperties: '" + pair + "' is not key=value");
      }
      properties.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return properties;
  }

  /** The archive of the topic actually read: {@code raw_<inputTopic>} unless named. */
  static String archiveTable(SourceTopic topic, TopicPipelineOptions options) {
    String table = options.getArchiveTable();
    return table == null || table.isBlank()
        ? ArchiveTable.defaultName(TopicKafka.inputTopic(topic, options))
        : table;
  }

  static Duration commitInterval(TopicPipelineOptions options) {
    Duration interval =
        COMMIT_INTERVAL.read(
            options, options.getIcebergCommitInterval(), options.getIcebergCommitIntervalSeconds());
    if (!interval.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          "--icebergCommitInterval must be positive, not " + options.getIcebergCommitInterval());
    }
    return interval;
  }

  static ArchiveToIceberg archiveSink(SourceTopic topic, TopicPipelineOptions options) {
    return ArchiveToIceberg.to(
        warehouse(options), archiveTable(topic, options), commitInterval(options));
  }

  static PublishToIceberg graphSink(TopicPipelineOptions options) {
    return PublishToIceberg.to(
        warehouse(options),
        options.getNodeTable(),
        options.getEdgeTable(),
        commitInterval(options));
  }

  /** Before launch: the tables the chosen sinks write exist, with their partition specs. */
  static void prepareTables(
      SourceTopic topic, TopicPipelineOptions options, java.util.Set<Sink> sinks) {
    GraphWarehouse warehouse = warehouse(options);
    if (warehouse.unsafeForConcurrentWriters()) {
      LOG.warn(
          "--icebergCatalogType={}: this catalog's commit is a file rename locked only inside one JVM;"
              + " when several pipelines write the same tables, their commits overwrite each other and"
              + " rows are lost. Use the default jdbc catalog unless this is the only writer.",
          warehouse.catalogType());
    }
    if (sinks.contains(Sink.ARCHIVE)) {
      warehouse.ensureTable(archiveTable(topic, options), ArchiveTable.SCHEMA, ArchiveTable.SPEC);
    }
    if (sinks.contains(Sink.GRAPH_TABLES)) {
      warehouse.ensureTable(
          options.getNodeTable(), GraphUpdateTables.NODE_SCHEMA, GraphUpdateTables.NODE_SPEC);
      warehouse.ensureTable(
          options.getEdgeTable(), GraphUpdateTables.EDGE_SCHEMA, GraphUpdateTables.EDGE_SPEC);
    }
  }
}
