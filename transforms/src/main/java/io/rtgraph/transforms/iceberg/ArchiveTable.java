package io.rtgraph.transforms.iceberg;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.RawRecord;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The raw archive of one source topic: every record exactly as read, malformed ones included, so
 * that a backfill can rebuild the graph after Kafka's retention has expired.
 *
 * <p>Partitioned by day of {@code selection_time}, the time a backfill selects a record by: the
 * event time of a valid record, the ingestion time of an invalid one.
 */
public final class ArchiveTable {
  public static final org.apache.iceberg.Schema SCHEMA =
      new org.apache.iceberg.Schema(
          Types.NestedField.required(1, "topic", Types.StringType.get()),
          Types.NestedField.required(2, "partition", Types.IntegerType.get()),
          Types.NestedField.required(3, "offset", Types.LongType.get()),
          Types.NestedField.required(4, "kafka_timestamp", Types.TimestampType.withZone()),
          Types.NestedField.required(5, "ingestion_time", Types.TimestampType.withZone()),
          Types.NestedField.optional(
              6,
              "event_time",
              Types.TimestampType.withZone(),
              "the parsed eventTime when the record is valid; null for dead letters"),
          Types.NestedField.required(
              7,
              "selection_time",
              Types.TimestampType.withZone(),
              "event_time, or ingestion_time when event_time is null"),
          Types.NestedField.required(8, "value_size", Types.IntegerType.get()),
          Types.NestedField.optional(9, "value", Types.BinaryType.get(), "null for a tombstone"));

  public static final PartitionSpec SPEC =
      PartitionSpec.builderFor(SCHEMA).day("selection_time").build();

  static final Schema BEAM_SCHEMA =
      Schema.builder()
          .addStringField("topic")
          .addInt32Field("partition")
          .addInt64Field("offset")
          .addDateTimeField("kafka_timestamp")
          .addDateTimeField("ingestion_time")
          .addNullableField("event_time", Schema.FieldType.DATETIME)
          .addDateTimeField("selection_time")
          .addInt32Field("value_size")
          .addNullableField("value", Schema.FieldType.BYTES)
          .build();

  private ArchiveTable() {}

  /** The default table name of a source topic: {@code raw_member_playback}. */
  public static String defaultName(String topic) {
    return "raw_" + topic.replaceAll("[^A-Za-z0-9]", "_");
  }

  static Row toRow(ArchivedRecord archived) {
    RawRecord record = archived.record();
    return Row.withSchema(BEAM_SCHEMA)
        .addValues(
            record.topic(),
            record.partition(),
            record.offset(),
            record.kafkaTimestamp(),
            record.ingestionTime(),
            archived.eventTime(),
            archived.selectionTime(),
            record.sizeBytes(),
            record.value())
        .build();
  }

  /** A row read back through IcebergIO. */
  static ArchivedRecord fromRow(Row row) {
    org.joda.time.ReadableDateTime eventTime = row.getDateTime("event_time");
    return ArchivedRecord.of(
        RawRecord.of(
            row.getString("topic"),
            row.getInt32("partition"),
            row.getInt64("offset"),
            row.getDateTime("kafka_timestamp").toInstant(),
            row.getDateTime("ingestion_time").toInstant(),
            row.getBytes("value")),
        eventTime == null ? null : eventTime.toInstant());
  }

  /** A record read with Iceberg's own generic reader. */
  public static ArchivedRecord fromRecord(Record record) {
    OffsetDateTime eventTime = (OffsetDateTime) record.getField("event_time");
    return ArchivedRecord.of(
        RawRecord.of(
            (String) record.getField("topic"),
            (Integer) record.getField("partition"),
            (Long) record.getField("offset"),
            instant((OffsetDateTime) record.getField("kafka_timestamp")),
            instant((OffsetDateTime) record.getField("ingestion_time")),
            bytes((ByteBuffer) record.getField("value"))),
        eventTime == null ? null : instant(eventTime));
  }

  static Instant instant(OffsetDateTime time) {
    return new Instant(time.toInstant().toEpochMilli());
  }

  private static byte @Nullable [] bytes(@Nullable ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
