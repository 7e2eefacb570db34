package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A dead-letter record as read back from a {@code .dlq} topic. A record whose escaped payload would
 * not fit the topic carries only a prefix of it: then {@link #payloadTruncated()} is true, the dead
 * letter's payload is that prefix, and the original value's size and SHA-256 digest identify the
 * untouched record in the raw archive.
 */
@AutoValue
public abstract class PublishedDeadLetter {
  /** The dead letter; its payload is a prefix of the original value when truncated. */
  public abstract DeadLetter deadLetter();

  public abstract boolean payloadTruncated();

  /** The size in bytes of the original value; -1 when not truncated (the payload is whole). */
  public abstract long payloadBytes();

  /** The SHA-256 digest of the original value, in lower-case hex; null when not truncated. */
  public abstract @Nullable String payloadSha256();

  public static PublishedDeadLetter whole(DeadLetter deadLetter) {
    return new AutoValue_PublishedDeadLetter(deadLetter, false, -1, null);
  }

  public static PublishedDeadLetter truncated(
      DeadLetter deadLetter, long payloadBytes, String payloadSha256) {
    return new AutoValue_PublishedDeadLetter(deadLetter, true, payloadBytes, payloadSha256);
  }
}
