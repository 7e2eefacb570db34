package io.rtgraph.transforms.iceberg;

import io.rtgraph.model.GraphUpdate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.data.Record;
import org.joda.time.Instant;

/**
 * The graph tables: every merged update a pipeline emits, node updates in one table and edge
 * updates in another, for batch analysis and for the query tool. Folding a table's rows by {@code
 * element_id} with the CRDT merge gives the materialized graph.
 *
 * <p>Each property is a row of {@code properties}: name, value and the event time of the value, the
 * last-writer-wins register of PRODUCT.md. Both tables are partitioned by type and by day of {@code
 * last_seen}.
 */
public final class GraphUpdateTables {
  public static final org.apache.iceberg.Schema NODE_SCHEMA =
      GraphTableSchemas.nodes(GraphTableSchemas.Comments.NONE);

  public static final org.apache.iceberg.Schema EDGE_SCHEMA =
      GraphTableSchemas.edges(GraphTableSchemas.Comments.NONE);

  public static final PartitionSpec NODE_SPEC =
      PartitionSpec.builderFor(NODE_SCHEMA).identity("type").day("last_seen").build();

  public static final PartitionSpec EDGE_SPEC =
      PartitionSpec.builderFor(EDGE_SCHEMA).identity("type").day("last_seen").build();

  public static final String DEFAULT_NODE_TABLE = "graph_node_updates";
  public static final String DEFAULT_EDGE_TABLE = "graph_edge_updates";

  private static final Schema BEAM_PROPERTY =
      Schema.builder()
          .addStringField("name")
          .addStringField("value")
          .addDateTimeField("time")
          .build();

  static final Schema BEAM_NODE_SCHEMA =
      Schema.builder()
          .addStringField("element_id")
          .addStringField("type")
          .addArrayField("properties", Schema.FieldType.row(BEAM_PROPERTY))
          .addDateTimeField("first_seen")
          .addDateTimeField("last_seen")
          .addStringField("source_topic")
          .build();

  static final Schema BEAM_EDGE_SCHEMA =
      Schema.builder()
          .addStringField("element_id")
          .addStringField("type")
          .addStringField("src")
          .addStringField("dst")
          .addArrayField("properties", Schema.FieldType.row(BEAM_PROPERTY))
          .addDateTimeField("first_seen")
          .addDateTimeField("last_seen")
          .addStringField("source_topic")
          .build();

  private GraphUpdateTables() {}

  static Row toRow(GraphUpdate update) {
    List<Row> properties = new ArrayList<>(update.properties().size());
    for (Map.Entry<String, String> property : update.properties().entrySet()) {
      properties.add(
          Row.withSchema(BEAM_PROPERTY)
              .addValues(
                  property.getKey(),
                  property.getValue(),
                  update.propertyTimes().get(property.getKey()))
              .build());
    }
    if (update.element() == GraphUpdate.Element.NODE) {
      return Row.withSchema(BEAM_NODE_SCHEMA)
          .addValues(
              update.id(),
              update.type(),
              properties,
              update.firstSeen(),
              update.lastSeen(),
              update.sourceTopic())
          .build();
    }
    return Row.withSchema(BEAM_EDGE_SCHEMA)
        .addValues(
            update.id(),
            update.type(),
            update.src(),
            update.dst(),
            properties,
            update.firstSeen(),
            update.lastSeen(),
            update.sourceTopic())
        .build();
  }

  /** An update read with Iceberg's own generic reader, from either table. */
  public static GraphUpdate fromRecord(Record record) {
    boolean edge = record.struct().field("src") != null;
    Map<String, String> properties = new TreeMap<>();
    Map<String, Instant> times = new TreeMap<>();
    @SuppressWarnings("unchecked")
    List<Record> rows = (List<Record>) record.getField("properties");
    for (Record property : rows) {
      String name = (String) property.getField("name");
      properties.put(name, (String) property.getField("value"));
      times.put(name, ArchiveTable.instant((OffsetDateTime) property.getField("time")));
    }
    return GraphUpdate.create(
        edge ? GraphUpdate.Element.EDGE : GraphUpdate.Element.NODE,
        (String) record.getField("type"),
        (String) record.getField("element_id"),
        edge ? (String) record.getField("src") : null,
        edge ? (String) record.getField("dst") : null,
        properties,
        times,
        ArchiveTable.instant((OffsetDateTime) record.getField("first_seen")),
        ArchiveTable.instant((OffsetDateTime) record.getField("last_seen")),
        (String) record.getField("source_topic"));
  }
}
