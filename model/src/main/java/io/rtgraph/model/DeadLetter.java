package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.coders.DeadLetterCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A source record that broke an input rule, with the reason; the value of a {@code .dlq} record.
 */
@AutoValue
@DefaultCoder(DeadLetterCoder.class)
public abstract class DeadLetter {
  public abstract String sourceTopic();

  public abstract int partition();

  public abstract long offset();

  public abstract DeadLetterReason reason();

  /** A human-readable reason naming the offending field or limit. */
  public abstract String error();

  /** The original record value, untouched; null for a tombstone. */
  @SuppressWarnings("mutable")
  public abstract byte @Nullable [] payload();

  public static DeadLetter of(
      String sourceTopic,
      int partition,
      long offset,
      DeadLetterReason reason,
      String error,
      byte @Nullable [] payload) {
    return new AutoValue_DeadLetter(sourceTopic, partition, offset, reason, error, payload);
  }

  public static DeadLetter of(RawRecord record, InvalidEventException error) {
    return of(
        record.topic(),
        record.partition(),
        record.offset(),
        error.reason(),
        error.getMessage(),
        record.value());
  }
}
