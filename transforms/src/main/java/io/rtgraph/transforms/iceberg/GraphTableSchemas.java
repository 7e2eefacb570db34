package io.rtgraph.transforms.iceberg;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The columns of the graph tables, written once: the update tables ({@link GraphUpdateTables}) and
 * the current tables ({@link CurrentGraphTables}) share their names and field ids, so that a fold
 * copies columns by id, and differ only by their comments.
 */
final class GraphTableSchemas {
  /** The column comments; null where a table has none. */
  record Comments(
      @Nullable String elementId,
      @Nullable String type,
      @Nullable String src,
      @Nullable String dst,
      @Nullable String properties,
      @Nullable String propertyTime,
      @Nullable String firstSeen,
      @Nullable String lastSeen,
      @Nullable String sourceTopic) {

    static final Comments NONE = new Comments(null, null, null, null, null, null, null, null, null);
  }

  private GraphTableSchemas() {}

  static Schema nodes(Comments comments) {
    return new Schema(columns(comments, List.of()));
  }

  /** The node columns with {@code src} and {@code dst} after {@code type}. */
  static Schema edges(Comments comments) {
    return new Schema(
        columns(
            comments, List.of(string(7, "src", comments.src()), string(8, "dst", comments.dst()))));
  }

  private static List<Types.NestedField> columns(
      Comments comments, List<Types.NestedField> endpoints) {
    List<Types.NestedField> columns = new ArrayList<>();
    columns.add(string(1, "element_id", comments.elementId()));
    columns.add(string(2, "type", comments.type()));
    columns.addAll(endpoints);
    columns.add(properties(comments));
    columns.add(timestamp(4, "first_seen", comments.firstSeen()));
    columns.add(timestamp(5, "last_seen", comments.lastSeen()));
    columns.add(string(6, "source_topic", comments.sourceTopic()));
    return columns;
  }

  /** Each property a row of name, value and the event time of the value. */
  private static Types.NestedField properties(Comments comments) {
    Types.StructType property =
        Types.StructType.of(
            string(101, "name", null),
            string(102, "value", null),
            timestamp(103, "time", comments.propertyTime()));
    return required(
        3, "properties", Types.ListType.ofRequired(100, property), comments.properties());
  }

  private static Types.NestedField string(int id, String name, @Nullable String comment) {
    return required(id, name, Types.StringType.get(), comment);
  }

  private static Types.NestedField timestamp(int id, String name, @Nullable String comment) {
    return required(id, name, Types.TimestampType.withZone(), comment);
  }

  private static Types.NestedField required(
      int id, String name, Type type, @Nullable String comment) {
    return Types.NestedField.required(id, name, type, comment);
  }
}
