package io.rtgraph.transforms.maintenance;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.testing.Warehouses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.joda.time.Instant;

/**
 * A warehouse with the update tables, filled the way the topic jobs fill them: each {@link #append}
 * is one commit of one small file per partition, written by Iceberg's own generic appender. Tables
 * are read back with Iceberg's generic reader.
 */
final class GraphTablesFixture {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final String[] NODE_TYPES = {"Profile", "Title", "Game"};
  private static final String[] EDGE_TYPES = {"STARTED_WATCHING", "PLAYS"};

  final GraphWarehouse warehouse;
  private final Random random;

  GraphTablesFixture(String folder, long seed) {
    this.warehouse = Warehouses.withUpdateTables(folder);
    this.random = new Random(seed);
    CurrentGraphTables.ensure(
        warehouse,
        GraphUpdate.Element.NODE,
        CurrentGraphTables.DEFAULT_NODE_TABLE,
        GraphUpdateTables.DEFAULT_NODE_TABLE,
        CurrentGraphTables.DEFAULT_TARGET_FILE_SIZE_BYTES);
    CurrentGraphTables.ensure(
        warehouse,
        GraphUpdate.Element.EDGE,
        CurrentGraphTables.DEFAULT_EDGE_TABLE,
        GraphUpdateTables.DEFAULT_EDGE_TABLE,
        CurrentGraphTables.DEFAULT_TARGET_FILE_SIZE_BYTES);
  }

  /**
   * Updates of a small graph, so that ids repeat across batches: {@code elements} distinct ids at
   * most, properties whose values and times collide on purpose, over two days.
   */
  List<GraphUpdate> randomUpdates(int count, int elements) {
    List<GraphUpdate> updates = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int element = random.nextInt(elements);
      Instant time = T0.plus(random.nextInt(48 * 3600) * 1000L);
      Map<String, String> properties = new TreeMap<>();
      Map<String, Instant> times = new TreeMap<>();
      for (String name : new String[] {"a", "b", "c"}) {
        if (random.nextBoolean()) {
          properties.put(name, "v" + random.nextInt(4));
          times.put(name, random.nextBoolean() ? time : T0);
        }
      }
      String topic = random.nextBoolean() ? "member.playback" : "member.gameplay";
      if (element % 3 == 0) {
        String type = EDGE_TYPES[element % EDGE_TYPES.length];
        String src = "Profile:p" + element;
        String dst = "Title:t" + (element / 2);
        updates.add(
            GraphUpdate.create(
                GraphUpdate.Element.EDGE,
                type,
                type + ":" + src + "->" + dst,
                src,
                dst,
                properties,
                times,
                time,
                time,
                topic));
      } else {
        String type = NODE_TYPES[element % NODE_TYPES.length];
        updates.add(
            GraphUpdate.create(
                GraphUpdate.Element.NODE,
                type,
                type + ":n" + element,
                null,
                null,
                properties,
                times,
                time,
                time,
                topic));
      }
    }
    return updates;
  }

  /**
   * {@code commits} commits of {@link #randomUpdates} each, one after the other; returns every
   * update appended, in order.
   */
  List<GraphUpdate> appendCommits(int commits, int count, int elements) {
    List<GraphUpdate> appended = new ArrayList<>();
    for (int commit = 0; commit < commits; commit++) {
      List<GraphUpdate> batch = randomUpdates(count, elements);
      append(batch);
      appended.addAll(batch);
    }
    return appended;
  }

  /** One commit per table holding these updates, one file per partition, as a topic job commits. */
  void append(List<GraphUpdate> updates) {
    append(
        GraphUpdateTables.DEFAULT_NODE_TABLE,
        updates.stream().filter(u -> u.element() == GraphUpdate.Element.NODE).toList());
    append(
        GraphUpdateTables.DEFAULT_EDGE_TABLE,
        updates.stream().filter(u -> u.element() == GraphUpdate.Element.EDGE).toList());
  }

  private void append(String tableName, List<GraphUpdate> updates) {
    if (updates.isEmpty()) {
      return;
    }
    Table table = table(tableName);
    GenericAppenderFactory appenders = new GenericAppenderFactory(table.schema(), table.spec());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    Map<String, List<Record>> byPartition = new HashMap<>();
    Map<String, PartitionKey> keys = new HashMap<>();
    for (GraphUpdate update : updates) {
      Record record = CurrentGraphTables.toRecord(update, table.schema());
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(wrapper.wrap(record));
      byPartition.computeIfAbsent(key.toPath(), path -> new ArrayList<>()).add(record);
      keys.putIfAbsent(key.toPath(), key);
    }
    AppendFiles append = table.newAppend();
    for (Map.Entry<String, List<Record>> partition : byPartition.entrySet()) {
      String location =
          table
              .locationProvider()
              .newDataLocation(
                  table.spec(),
                  keys.get(partition.getKey()),
                  java.util.UUID.randomUUID() + ".parquet");
      DataWriter<Record> writer =
          appenders.newDataWriter(
              EncryptedFiles.plainAsEncryptedOutput(table.io().newOutputFile(location)),
              FileFormat.PARQUET,
              keys.get(partition.getKey()));
      try (writer) {
        partition.getValue().forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      append.appendFile(writer.toDataFile());
    }
    append.commit();
  }

  Table table(String name) {
    return warehouse.catalog().loadTable(warehouse.table(name));
  }

  /** Every row of a table, read with Iceberg's generic reader. */
  List<GraphUpdate> rows(String tableName) {
    List<GraphUpdate> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(tableName)).build()) {
      records.forEach(record -> rows.add(GraphUpdateTables.fromRecord(record)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The current tables' rows by element id; fails on an element with two rows. */
  Map<String, GraphUpdate> currentGraph() {
    Map<String, GraphUpdate> elements = new TreeMap<>();
    for (String table :
        List.of(CurrentGraphTables.DEFAULT_NODE_TABLE, CurrentGraphTables.DEFAULT_EDGE_TABLE)) {
      for (GraphUpdate row : rows(table)) {
        if (elements.put(row.id(), row) != null) {
          throw new AssertionError(row.id() + " has more than one row in " + table);
        }
      }
    }
    return elements;
  }

  /**
   * Runs the fold of both update tables into the current tables, as the maintenance job plans it
   * now.
   */
  void fold() {
    run(
        plan(GraphUpdateTables.DEFAULT_NODE_TABLE, CurrentGraphTables.DEFAULT_NODE_TABLE),
        plan(GraphUpdateTables.DEFAULT_EDGE_TABLE, CurrentGraphTables.DEFAULT_EDGE_TABLE));
  }

  FoldPlan plan(String updateTable, String currentTable) {
    return FoldPlan.plan(warehouse, updateTable, currentTable);
  }

  /** Runs folds of given plans in one batch pipeline on the DirectRunner. */
  void run(FoldPlan... plans) {
    org.apache.beam.sdk.Pipeline pipeline =
        org.apache.beam.sdk.Pipeline.create(
            org.apache.beam.sdk.testing.TestPipeline.testingPipelineOptions());
    for (FoldPlan plan : plans) {
      pipeline.apply(
          "Fold" + plan.updateTable(),
          FoldIntoCurrentGraph.of(
              warehouse, plan, CurrentGraphTables.DEFAULT_TARGET_FILE_SIZE_BYTES));
    }
    pipeline.run().waitUntilFinish();
  }

  /** The graph all these batches of updates fold into, by element id. */
  @SafeVarargs
  static Map<String, GraphUpdate> foldOf(List<GraphUpdate>... batches) {
    List<GraphUpdate> updates = new ArrayList<>();
    for (List<GraphUpdate> batch : batches) {
      updates.addAll(batch);
    }
    return new TreeMap<>(MaterializedGraph.of(updates).elements());
  }

  int dataFiles(String tableName) {
    int count = 0;
    try (CloseableIterable<org.apache.iceberg.FileScanTask> files =
        table(tableName).newScan().planFiles()) {
      for (Object ignored : files) {
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }
}
