package io.rtgraph.transforms.iceberg;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.ArchivedRecord;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/** Appends every source record to the topic's raw archive table ({@link ArchiveTable}). */
@AutoValue
public abstract class ArchiveToIceberg extends PTransform<PCollection<ArchivedRecord>, PDone> {
  abstract GraphWarehouse warehouse();

  abstract String table();

  abstract Duration commitInterval();

  /** Writes to the table, committing a snapshot every interval when the input is unbounded. */
  public static ArchiveToIceberg to(
      GraphWarehouse warehouse, String table, Duration commitInterval) {
    return new AutoValue_ArchiveToIceberg(warehouse, table, commitInterval);
  }

  @Override
  public PDone expand(PCollection<ArchivedRecord> records) {
    records
        .apply("ToArchiveRows", MapElements.into(TypeDescriptors.rows()).via(ArchiveTable::toRow))
        .setRowSchema(ArchiveTable.BEAM_SCHEMA)
        .apply("WriteArchiveTable", warehouse().appendRows(table(), records, commitInterval()));
    return PDone.in(records.getPipeline());
  }
}
