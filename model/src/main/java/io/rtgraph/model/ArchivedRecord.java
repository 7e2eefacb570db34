package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.coders.ArchivedRecordCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A source record as the raw archive keeps it: the record itself and, when it passed validation,
 * its event time. The event time being null marks a dead letter; a backfill selects valid records
 * by event time and dead letters by ingestion time.
 */
@AutoValue
@DefaultCoder(ArchivedRecordCoder.class)
public abstract class ArchivedRecord {
  public abstract RawRecord record();

  public abstract @Nullable Instant eventTime();

  public static ArchivedRecord of(RawRecord record, @Nullable Instant eventTime) {
    return new AutoValue_ArchivedRecord(record, eventTime);
  }

  /** The time a backfill selects the record by: its event time, or when invalid its ingestion. */
  public Instant selectionTime() {
    Instant eventTime = eventTime();
    return eventTime != null ? eventTime : record().ingestionTime();
  }
}
