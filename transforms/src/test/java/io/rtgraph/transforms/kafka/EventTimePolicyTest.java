package io.rtgraph.transforms.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/** The per-partition event-time policy, driven by a fake processing clock. */
public class EventTimePolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final Duration OUT_OF_ORDERNESS = Duration.standardSeconds(5);
  private static final Duration IDLE = Duration.standardSeconds(30);

  private long clock = NOW.getMillis();
  private long backlog = 100;

  private final TimestampPolicy<byte[], byte[]> policy =
      new EventTimePolicy.Factory(OUT_OF_ORDERNESS, IDLE, Duration.standardHours(1), () -> clock)
          .createTimestampPolicy(new TopicPartition("member.playback", 0), Optional.empty());

  private final TimestampPolicy.PartitionContext context =
      new TimestampPolicy.PartitionContext() {
        @Override
        public long getMessageBacklog() {
          return backlog;
        }

        @Override
        public Instant getBacklogCheckTime() {
          return new Instant(clock);
        }
      };

  @Test
  public void recordsAreStampedWithTheirEventTimeAndTheWatermarkTrailsTheNewest() {
    assertThat(stamp("2026-11-27T11:00:10Z"), equalTo(Instant.parse("2026-11-27T11:00:10Z")));
    assertThat(stamp("2026-11-27T11:00:20Z"), equalTo(Instant.parse("2026-11-27T11:00:20Z")));
    assertThat(stamp("2026-11-27T11:00:12Z"), equalTo(Instant.parse("2026-11-27T11:00:12Z")));
    assertThat(policy.getWatermark(context), equalTo(Instant.parse("2026-11-27T11:00:15Z")));
  }

  @Test
  public void recordsWithoutAUsableEventTimeDoNotMoveTheWatermark() {
    stamp("2026-11-27T11:00:20Z");
    Instant before = policy.getWatermark(context);
    assertThat(
        "no event time", stampRaw("not json"), equalTo(Instant.parse("2026-11-27T11:00:20Z")));
    assertThat(
        "year 2200", stamp("2200-01-01T00:00:00Z"), equalTo(Instant.parse("2026-11-27T11:00:20Z")));
    assertThat(policy.getWatermark(context), equalTo(before));
  }

  @Test
  public void aPartitionThatNeverDeliveredFollowsTheClockOnceIdle() {
    backlog = 0;
    assertThat(policy.getWatermark(context), equalTo(BoundedWindow.TIMESTAMP_MIN_VALUE));
    clock += IDLE.getMillis();
    assertThat(policy.getWatermark(context), equalTo(new Instant(clock).minus(OUT_OF_ORDERNESS)));
  }

  @Test
  public void aQuietPartitionWithBacklogIsNotIdle() {
    stamp("2026-11-27T11:00:20Z");
    clock += IDLE.getMillis() * 10;
    backlog = 5_000;
    assertThat(policy.getWatermark(context), equalTo(Instant.parse("2026-11-27T11:00:15Z")));
    backlog = 0;
    assertThat(policy.getWatermark(context), equalTo(new Instant(clock).minus(OUT_OF_ORDERNESS)));
  }

  @Test
  public void theWatermarkNeverGoesBackAndResumesFromTheCheckpoint() {
    backlog = 0;
    clock += IDLE.getMillis();
    Instant idleWatermark = policy.getWatermark(context);
    stamp("2026-11-27T09:00:00Z"); // an old record after idling: late, but the watermark holds
    assertThat(policy.getWatermark(context), equalTo(idleWatermark));

    TimestampPolicy<byte[], byte[]> resumed =
        new EventTimePolicy.Factory(OUT_OF_ORDERNESS, IDLE, Duration.standardHours(1), () -> clock)
            .createTimestampPolicy(
                new TopicPartition("member.playback", 0), Optional.of(idleWatermark));
    backlog = 10;
    assertThat(resumed.getWatermark(context), equalTo(idleWatermark));
  }

  private Instant stamp(String eventTime) {
    return stampRaw("{\"eventId\":\"e\",\"eventTime\":\"" + eventTime + "\",\"accountId\":\"a\"}");
  }

  private Instant stampRaw(String value) {
    KafkaRecord<byte[], byte[]> record =
        new KafkaRecord<>(
            "member.playback",
            0,
            0,
            clock,
            KafkaTimestampType.CREATE_TIME,
            null,
            KV.of(null, value.getBytes(StandardCharsets.UTF_8)));
    return policy.getTimestampForRecord(context, record);
  }
}
