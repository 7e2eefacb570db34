package io.rtgraph.model;

import io.rtgraph.model.coders.MappedEventCoder;
import java.util.Arrays;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One validated event of any source topic, as its topic mapping reads it: the values of the
 * mapping's fields by position (a {@code String}, {@code Long}, {@code Boolean} or {@code Instant},
 * or null when absent), and after enrichment the catalog entry of each of the mapping's joins, also
 * by position. Only the compiled mapping that made it knows what each position means; it reads them
 * by index, never by name, which keeps the per-element work to array reads.
 */
@DefaultCoder(MappedEventCoder.class)
public final class MappedEvent {
  private static final Object[] NO_JOINS = new Object[0];

  private final Instant eventTime;
  private final @Nullable Object[] values;
  private final @Nullable Object[] joined;

  private MappedEvent(Instant eventTime, @Nullable Object[] values, @Nullable Object[] joined) {
    this.eventTime = eventTime;
    this.values = values;
    this.joined = joined;
  }

  /** An event not yet enriched; the array is owned by the event from now on. */
  public static MappedEvent of(Instant eventTime, @Nullable Object[] values) {
    return new MappedEvent(eventTime, values, NO_JOINS);
  }

  /** This event with the catalog entries of its joins (null for a miss or an absent key). */
  public MappedEvent withJoined(@Nullable Object[] entries) {
    return new MappedEvent(eventTime, values, entries);
  }

  public Instant eventTime() {
    return eventTime;
  }

  /** The value of the field at this position of the mapping. */
  public @Nullable Object value(int position) {
    return values[position];
  }

  public int valueCount() {
    return values.length;
  }

  /** The catalog entry of the join at this position, or null. */
  public @Nullable Object joined(int position) {
    return position < joined.length ? joined[position] : null;
  }

  public int joinedCount() {
    return joined.length;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof MappedEvent)) {
      return false;
    }
    MappedEvent that = (MappedEvent) other;
    return eventTime.equals(that.eventTime)
        && Arrays.equals(values, that.values)
        && Arrays.equals(joined, that.joined);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * eventTime.hashCode() + Arrays.hashCode(values)) + Arrays.hashCode(joined);
  }

  @Override
  public String toString() {
    return "MappedEvent{"
        + eventTime
        + ", "
        + Arrays.toString(values)
        + ", joined="
        + Arrays.toString(joined)
        + "}";
  }
}
