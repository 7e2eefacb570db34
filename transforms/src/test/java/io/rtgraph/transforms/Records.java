package io.rtgraph.transforms;

import io.rtgraph.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.joda.time.Instant;

/** Builds raw records for tests: one topic, partition 0, increasing offsets. */
final class Records {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");

  private final String topic;
  private final AtomicLong nextOffset = new AtomicLong();

  Records(String topic) {
    this.topic = topic;
  }

  RawRecord json(String json) {
    return bytes(json.getBytes(StandardCharsets.UTF_8));
  }

  RawRecord bytes(byte[] value) {
    return RawRecord.of(topic, 0, nextOffset.getAndIncrement(), T0, T0, value);
  }

  /** A playback record: its fields, then extra JSON members appended verbatim. */
  static String playback(String eventId, String eventTime, String action, String extra) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"eventTime\":\""
        + eventTime
        + "\",\"accountId\":\"a1\","
        + "\"profileId\":\"p1\",\"deviceId\":\"d1\",\"deviceType\":\"phone\",\"titleId\":\"t1\","
        + "\"action\":\""
        + action
        + "\""
        + extra
        + "}";
  }

  static String playback(String eventId, String action) {
    return playback(eventId, "2026-11-27T10:00:00.000Z", action, "");
  }

  static String login(String eventId, String result, String extra) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"eventTime\":\"2026-11-27T10:00:00.000Z\",\"accountId\":\"a1\","
        + "\"deviceId\":\"d1\",\"result\":\""
        + result
        + "\""
        + extra
        + "}";
  }

  static String gameplay(String eventId, String gameId, String action) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"eventTime\":\"2026-11-27T10:00:00.000Z\",\"accountId\":\"a1\","
        + "\"profileId\":\"p1\",\"deviceId\":\"d2\",\"deviceType\":\"tablet\",\"gameId\":\""
        + gameId
        + "\","
        + "\"action\":\""
        + action
        + "\"}";
  }

  static String live(String eventId, String liveEventId, String action) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"eventTime\":\"2026-11-27T10:00:00.000Z\",\"accountId\":\"a1\","
        + "\"profileId\":\"p1\",\"deviceId\":\"d3\",\"liveEventId\":\""
        + liveEventId
        + "\","
        + "\"action\":\""
        + action
        + "\"}";
  }
}
