package io.rtgraph.transforms.iceberg;

import io.rtgraph.model.GraphUpdate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The current graph as tables: {@code graph_nodes} and {@code graph_edges}, one row per element,
 * the CRDT merge of every update folded so far. The maintenance job folds the update tables into
 * them; other engines read them as plain tables.
 *
 * <p>The columns are those of {@link GraphUpdateTables} (same field ids), with comments. Both
 * tables are partitioned by {@code type} and {@code bucket(element_id)}: a fold rewrites only the
 * partitions its new updates touch, and the bucket count bounds how many elements one partition,
 * and so one rewrite, holds.
 *
 * <p>Each table records, in the property {@link #foldedSnapshotProperty}, the last snapshot of its
 * update table that it contains; the fold sets it in the same commit as the rows.
 */
public final class CurrentGraphTables {
  public static final String DEFAULT_NODE_TABLE = "graph_nodes";
  public static final String DEFAULT_EDGE_TABLE = "graph_edges";

  /** Partitions per type: a fold holds one partition's elements in memory at a time. */
  public static final int BUCKETS = 16;

  /** Iceberg's default data file size, which other engines' writers also aim at. */
  public static final long DEFAULT_TARGET_FILE_SIZE_BYTES =
      TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT;

  private static final String FOLDED_SNAPSHOT_PREFIX = "rtgraph.folded-snapshot.";

  public static final Schema NODE_SCHEMA =
      GraphTableSchemas.nodes(comments("node type, e.g. Profile"));

  public static final Schema EDGE_SCHEMA =
      GraphTableSchemas.edges(comments("edge type, e.g. STARTED_WATCHING"));

  public static final PartitionSpec NODE_SPEC =
      PartitionSpec.builderFor(NODE_SCHEMA).identity("type").bucket("element_id", BUCKETS).build();

  public static final PartitionSpec EDGE_SPEC =
      PartitionSpec.builderFor(EDGE_SCHEMA).identity("type").bucket("element_id", BUCKETS).build();

  private CurrentGraphTables() {}

  private static GraphTableSchemas.Comments comments(String type) {
    return new GraphTableSchemas.Comments(
        "Type:naturalId for a node, EDGE_TYPE:src->dst for an edge",
        type,
        "element_id of the source node",
        "element_id of the destination node",
        "the merged properties, each with the event time of its value",
        "event time of the value: the last writer by this time wins",
        "earliest event time of any update of the element",
        "latest event time of any update of the element",
        "the source topic of the update that set last_seen");
  }

  /**
   * The table property holding the id of the last snapshot of {@code updateTable} folded in, e.g.
   * {@code rtgraph.folded-snapshot.graph_node_updates}.
   */
  public static String foldedSnapshotProperty(String updateTable) {
    return FOLDED_SNAPSHOT_PREFIX + updateTable;
  }

  /**
   * The last snapshot of the update table folded into this current table, or null before the first
   * fold.
   */
  public static @Nullable Long foldedSnapshot(Table current, String updateTable) {
    String value = current.properties().get(foldedSnapshotProperty(updateTable));
    return value == null ? null : Long.parseLong(value);
  }

  /**
   * The comment other engines show for the table (Spark's DESCRIBE TABLE EXTENDED, Trino's SHOW
   * CREATE TABLE).
   */
  public static String comment(GraphUpdate.Element element, String updateTable) {
    return "The current graph's "
        + (element == GraphUpdate.Element.NODE ? "nodes" : "edges")
        + ", one row per element: the CRDT merge of the rows of "
        + updateTable
        + " up to the snapshot in table property "
        + foldedSnapshotProperty(updateTable)
        + ". Written by the rtgraph maintenance job.";
  }

  /**
   * Creates a current table when missing, and sets its comment and the file size that writes and
   * compaction aim at; the commit retries come from {@link GraphWarehouse#ensureTable}.
   */
  public static Table ensure(
      GraphWarehouse warehouse,
      GraphUpdate.Element element,
      String table,
      String updateTable,
      long targetFileSizeBytes) {
    boolean node = element == GraphUpdate.Element.NODE;
    warehouse.ensureTable(table, node ? NODE_SCHEMA : EDGE_SCHEMA, node ? NODE_SPEC : EDGE_SPEC);
    Table current = warehouse.catalog().loadTable(warehouse.table(table));
    Map<String, String> wanted = new HashMap<>();
    wanted.put("comment", comment(element, updateTable));
    wanted.put(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, String.valueOf(targetFileSizeBytes));
    setProperties(current, wanted);
    return current;
  }

  /** Sets the properties that differ, in one commit; none when all are already set. */
  public static void setProperties(Table table, Map<String, String> wanted) {
    UpdateProperties update = table.updateProperties();
    boolean changed = false;
    for (Map.Entry<String, String> property : wanted.entrySet()) {
      if (!property.getValue().equals(table.properties().get(property.getKey()))) {
        update.set(property.getKey(), property.getValue());
        changed = true;
      }
    }
    if (changed) {
      update.commit();
    }
  }

  /** An element as a row of a current table (or of an update table: the columns are the same). */
  public static Record toRecord(GraphUpdate update, Schema schema) {
    GenericRecord record = GenericRecord.create(schema);
    Types.StructType propertyType =
        schema.findField("properties").type().asListType().elementType().asStructType();
    List<Record> properties = new ArrayList<>(update.properties().size());
    for (Map.Entry<String, String> property : update.properties().entrySet()) {
      GenericRecord row = GenericRecord.create(propertyType);
      row.setField("name", property.getKey());
      row.setField("value", property.getValue());
      row.setField("time", time(update.propertyTimes().get(property.getKey())));
      properties.add(row);
    }
    record.setField("element_id", update.id());
    record.setField("type", update.type());
    if (update.element() == GraphUpdate.Element.EDGE) {
      record.setField("src", update.src());
      record.setField("dst", update.dst());
    }
    record.setField("properties", properties);
    record.setField("first_seen", time(update.firstSeen()));
    record.setField("last_seen", time(update.lastSeen()));
    record.setField("source_topic", update.sourceTopic());
    return record;
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(
        java.time.Instant.ofEpochMilli(instant.getMillis()), ZoneOffset.UTC);
  }
}
