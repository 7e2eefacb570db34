package io.rtgraph.pipelines;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.MaintenanceOptions;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.maintenance.CompactAndExpire;
import io.rtgraph.transforms.maintenance.FoldIntoCurrentGraph;
import io.rtgraph.transforms.maintenance.FoldPlan;
import io.rtgraph.transforms.maintenance.MaintainTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The maintenance of the graph tables, a batch pipeline to run every few hours (cron, or a Flink
 * batch job): folds the updates committed since its last run into the current-graph tables ({@code
 * graph_nodes}, {@code graph_edges}), then compacts and expires the update tables, the current
 * tables and the raw archives. Safe while the topic jobs write: they only append, and the fold
 * reads up to the snapshot it planned from.
 */
public final class MaintainGraphPipeline {
  private MaintainGraphPipeline() {}

  public static void main(String[] args) {
    MaintenanceOptions options;
    PipelineResult result;
    try {
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(MaintenanceOptions.class);
      result = create(options).run();
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      System.err.printf("[maintenance] cannot launch: %s%n", e.getMessage());
      System.exit(2);
      return;
    }
    PipelineResult.State state = result.waitUntilFinish();
    for (MetricResult<Long> counter :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      System.out.printf(
          "[maintenance] %s = %d%n", counter.getName().getName(), counter.getAttempted());
    }
    System.out.printf("[maintenance] %s%n", state);
    System.exit(state == PipelineResult.State.DONE ? 0 : 1);
  }

  /**
   * Creates the current tables when missing, plans the folds from the tables as they are now, and
   * builds the job.
   */
  public static Pipeline create(MaintenanceOptions options) {
    GraphWarehouse warehouse = TopicIceberg.warehouse(options);
    long target = options.getTargetFileSizeBytes();
    if (target <= 0) {
      throw new IllegalArgumentException("--targetFileSizeBytes must be positive, not " + target);
    }
    Duration graphRetention =
        FlagDurations.parse("snapshotRetention", options.getSnapshotRetention());
    Duration archiveRetention =
        FlagDurations.parse("archiveSnapshotRetention", options.getArchiveSnapshotRetention());
    requireTable(warehouse, options.getNodeTable(), "nodeTable");
    requireTable(warehouse, options.getEdgeTable(), "edgeTable");
    Pipeline pipeline = Pipeline.create(options);
    PCollection<String> nodes =
        fold(pipeline, options, warehouse, GraphUpdate.Element.NODE, target);
    PCollection<String> edges =
        fold(pipeline, options, warehouse, GraphUpdate.Element.EDGE, target);

    List<MaintainTable> tables = new ArrayList<>();
    tables.add(
        MaintainTable.of(options.getNodeTable(), target, graphRetention)
            .foldedInto(options.getCurrentNodeTable()));
    tables.add(
        MaintainTable.of(options.getEdgeTable(), target, graphRetention)
            .foldedInto(options.getCurrentEdgeTable()));
    tables.add(MaintainTable.of(options.getCurrentNodeTable(), target, graphRetention));
    tables.add(MaintainTable.of(options.getCurrentEdgeTable(), target, graphRetention));
    for (String archive : archiveTables(warehouse, options)) {
      tables.add(MaintainTable.of(archive, target, archiveRetention));
    }
    pipeline.apply(
        "CompactAndExpireTables",
        CompactAndExpire.of(warehouse, tables).after(List.of(nodes, edges)));
    return pipeline;
  }

  /**
   * Creates the element's current table when missing, plans the fold of its update table from the
   * tables as they are now, and applies it as {@code FoldNodeUpdates} or {@code FoldEdgeUpdates}.
   */
  private static PCollection<String> fold(
      Pipeline pipeline,
      MaintenanceOptions options,
      GraphWarehouse warehouse,
      GraphUpdate.Element element,
      long target) {
    boolean nodes = element == GraphUpdate.Element.NODE;
    String updateTable = nodes ? options.getNodeTable() : options.getEdgeTable();
    String currentTable = nodes ? options.getCurrentNodeTable() : options.getCurrentEdgeTable();
    CurrentGraphTables.ensure(warehouse, element, currentTable, updateTable, target);
    FoldPlan plan = FoldPlan.plan(warehouse, updateTable, currentTable);
    return pipeline.apply(
        nodes ? "FoldNodeUpdates" : "FoldEdgeUpdates",
        FoldIntoCurrentGraph.of(warehouse, plan, target));
  }

  private static void requireTable(GraphWarehouse warehouse, String table, String flag) {
    if (!warehouse.catalog().tableExists(warehouse.table(table))) {
      throw new IllegalArgumentException(
          "--"
              + flag
              + ": no table "
              + warehouse.table(table)
              + " in --icebergWarehouse; run a topic pipeline first");
    }
  }

  /** The archives named by the flag, or by default those of the four source topics that exist. */
  private static List<String> archiveTables(GraphWarehouse warehouse, MaintenanceOptions options) {
    String flag = options.getArchiveTables();
    if ("none".equals(flag)) {
      return List.of();
    }
    if (flag != null && !flag.isBlank()) {
      List<String> named =
          Arrays.stream(flag.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
      for (String table : named) {
        requireTable(warehouse, table, "archiveTables");
      }
      return named;
    }
    return Arrays.stream(SourceTopic.values())
        .map(topic -> ArchiveTable.defaultName(topic.topicName()))
        .filter(table -> warehouse.catalog().tableExists(warehouse.table(table)))
        .toList();
  }
}
