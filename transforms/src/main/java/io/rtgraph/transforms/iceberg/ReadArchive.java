package io.rtgraph.transforms.iceberg;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.coders.ModelCoder;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.beam.sdk.io.iceberg.IcebergIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * Reads a topic's raw archive for a range {@code [from, to)}: valid records by event time, dead
 * letters by ingestion time (the archive's {@code selection_time}), each record once even if a
 * restarted streaming job archived it twice. What a backfill feeds into the graph chain.
 */
public final class ReadArchive extends PTransform<PBegin, PCollection<RawRecord>> {
  private static final DateTimeFormatter UTC_LOCAL =
      DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

  private final GraphWarehouse warehouse;
  private final String table;
  private final Instant from;
  private final Instant to;

  private ReadArchive(GraphWarehouse warehouse, String table, Instant from, Instant to) {
    this.warehouse = warehouse;
    this.table = table;
    this.from = from;
    this.to = to;
  }

  public static ReadArchive of(GraphWarehouse warehouse, String table, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "the backfill range is empty: --from " + from + " is not before --to " + to);
    }
    return new ReadArchive(warehouse, table, from, to);
  }

  @Override
  public PCollection<RawRecord> expand(PBegin begin) {
    // Prunes partitions; the exact bounds are applied again below on the parsed values.
    String filter =
        "selection_time >= '"
            + UTC_LOCAL.format(java.time.Instant.ofEpochMilli(from.getMillis()))
            + "' AND selection_time < '"
            + UTC_LOCAL.format(java.time.Instant.ofEpochMilli(to.getMillis()))
            + "'";
    return begin
        .apply(
            "ReadArchiveTable",
            IcebergIO.readRows(warehouse.catalogConfig())
                .from(warehouse.table(table))
                .withFilter(filter))
        .apply("KeepRange", ParDo.of(new InRangeFn(from, to)))
        .apply(
            "DropDuplicateRecords",
            Distinct.withRepresentativeValueFn((ArchivedRecord a) -> a.record().coordinates())
                .withRepresentativeType(TypeDescriptors.strings()))
        .apply(
            "ToRawRecords",
            MapElements.into(TypeDescriptor.of(RawRecord.class)).via(ArchivedRecord::record))
        .setCoder(ModelCoder.of(RawRecord.class));
  }

  /** Keeps the records whose selection time is in the range, counting them. */
  static final class InRangeFn extends DoFn<Row, ArchivedRecord> {
    private final Instant from;
    private final Instant to;
    private final Counter read = Metrics.counter("rtgraph", "archive_records_read");

    InRangeFn(Instant from, Instant to) {
      this.from = from;
      this.to = to;
    }

    @ProcessElement
    public void processElement(@Element Row row, OutputReceiver<ArchivedRecord> out) {
      ArchivedRecord archived = ArchiveTable.fromRow(row);
      Instant time = archived.selectionTime();
      if (!time.isBefore(from) && time.isBefore(to)) {
        read.inc();
        out.output(archived);
      }
    }
  }
}
