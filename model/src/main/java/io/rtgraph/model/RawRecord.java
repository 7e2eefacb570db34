package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.coders.RawRecordCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One source record exactly as it was read, with the coordinates that identify it: the unit that
 * enters every topic pipeline, that the raw archive stores, and that a backfill reads back.
 *
 * <p>{@code ingestionTime} is the processing time at which the pipeline first read the record. The
 * future-skew rule is measured against it rather than against "now", so a backfill months later
 * dead-letters exactly the records the streaming run dead-lettered.
 */
@AutoValue
@DefaultCoder(RawRecordCoder.class)
@SuppressWarnings("mutable") // value is never mutated after construction
public abstract class RawRecord {
  public abstract String topic();

  public abstract int partition();

  public abstract long offset();

  public abstract Instant kafkaTimestamp();

  public abstract Instant ingestionTime();

  /** The record value; null for a tombstone. */
  @SuppressWarnings("mutable")
  public abstract byte @Nullable [] value();

  public static RawRecord of(
      String topic,
      int partition,
      long offset,
      Instant kafkaTimestamp,
      Instant ingestionTime,
      byte @Nullable [] value) {
    return new AutoValue_RawRecord(topic, partition, offset, kafkaTimestamp, ingestionTime, value);
  }

  /** {@code topic/partition@offset}, for messages and logs. */
  public String coordinates() {
    return topic() + "/" + partition() + "@" + offset();
  }

  public int sizeBytes() {
    byte[] value = value();
    return value == null ? 0 : value.length;
  }
}
