package io.rtgraph.transforms.kafka;

import io.rtgraph.model.json.EventJson;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Event time for one Kafka partition: each record is stamped with its {@code eventTime}, and the
 * watermark trails the newest event time seen by the bounded out-of-orderness.
 *
 * <p>A partition that has delivered nothing for the idle timeout while it has no backlog, or that
 * has never delivered anything, is idle: its watermark follows the processing clock (minus the
 * out-of-orderness) instead, so that it does not hold back the reader's watermark, which is the
 * minimum over partitions. Without this, one quiet partition would stop every merge buffer from
 * ever flushing.
 *
 * <p>Records without a usable {@code eventTime}, and those dated further ahead of the processing
 * clock than the future-skew limit, are stamped with the newest event time seen and do not move the
 * watermark: they are dead-lettered downstream, and a timestamp in the year 2200 must not drag the
 * watermark with it.
 */
final class EventTimePolicy extends TimestampPolicy<byte[], byte[]> {
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private final Duration maxFutureSkew;
  private final Clock clock;

  private Instant newestEventTime = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant watermark;
  private long lastRecordMillis;

  /** The processing clock, replaceable in tests. */
  interface Clock extends java.io.Serializable {
    long millis();
  }

  EventTimePolicy(
      Duration maxOutOfOrderness,
      Duration idleTimeout,
      Duration maxFutureSkew,
      Optional<Instant> previousWatermark,
      Clock clock) {
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.idleTimeout = idleTimeout;
    this.maxFutureSkew = maxFutureSkew;
    this.clock = clock;
    this.watermark = previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE);
    this.lastRecordMillis = clock.millis();
  }

  @Override
  public Instant getTimestampForRecord(
      PartitionContext context, KafkaRecord<byte[], byte[]> record) {
    long now = clock.millis();
    lastRecordMillis = now;
    Instant eventTime = EventJson.peekEventTime(record.getKV().getValue());
    if (eventTime == null || eventTime.isAfter(new Instant(now).plus(maxFutureSkew))) {
      return newestEventTime.isAfter(watermark) ? newestEventTime : watermark;
    }
    if (eventTime.isAfter(newestEventTime)) {
      newestEventTime = eventTime;
    }
    return eventTime;
  }

  @Override
  public Instant getWatermark(PartitionContext context) {
    long now = clock.millis();
    Instant candidate =
        newestEventTime.equals(BoundedWindow.TIMESTAMP_MIN_VALUE)
            ? BoundedWindow.TIMESTAMP_MIN_VALUE
            : newestEventTime.minus(maxOutOfOrderness);
    boolean quiet = now - lastRecordMillis >= idleTimeout.getMillis();
    // The backlog is 0 when caught up, or negative (unknown) before the first poll.
    boolean caughtUp = context.getMessageBacklog() <= 0;
    if (quiet && caughtUp) {
      Instant byClock = new Instant(now).minus(maxOutOfOrderness);
      if (byClock.isAfter(candidate)) {
        candidate = byClock;
      }
    }
    if (candidate.isAfter(watermark)) {
      watermark = candidate;
    }
    return watermark;
  }

  /** Creates one policy per partition, resuming from the checkpointed watermark. */
  static final class Factory implements TimestampPolicyFactory<byte[], byte[]> {
    private final Duration maxOutOfOrderness;
    private final Duration idleTimeout;
    private final Duration maxFutureSkew;
    private final @Nullable Clock clock;

    Factory(
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        Duration maxFutureSkew,
        @Nullable Clock clock) {
      this.maxOutOfOrderness = maxOutOfOrderness;
      this.idleTimeout = idleTimeout;
      this.maxFutureSkew = maxFutureSkew;
      this.clock = clock;
    }

    @Override
    public TimestampPolicy<byte[], byte[]> createTimestampPolicy(
        TopicPartition partition, Optional<Instant> previousWatermark) {
      return new EventTimePolicy(
          maxOutOfOrderness,
          idleTimeout,
          maxFutureSkew,
          previousWatermark,
          clock == null ? System::currentTimeMillis : clock);
    }
  }
}
