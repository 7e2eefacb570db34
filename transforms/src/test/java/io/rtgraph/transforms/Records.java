package io.rtgraph.transforms;

import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.joda.time.Instant;

/** Builds raw records for tests: one topic, partition 0, increasing offsets. */
final class Records {
  /** The time of every record's ingestion and of the events written without a time. */
  static final String T0_TEXT = "2026-11-27T10:00:00.000Z";

  static final Instant T0 = Instant.parse(T0_TEXT);

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

  /** The dead letter a record becomes, for this reason and with this error. */
  static DeadLetter deadLetter(RawRecord record, DeadLetterReason reason, String error) {
    return DeadLetter.of(
        record.topic(), record.partition(), record.offset(), reason, error, record.value());
  }

  /**
   * An event of account {@code a1}: its id and time, then the other members, written verbatim as
   * JSON members.
   */
  static String event(String eventId, String eventTime, String members) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"eventTime\":\""
        + eventTime
        + "\",\"accountId\":\"a1\","
        + members
        + "}";
  }

  /** A playback record: its fields, then extra JSON members appended verbatim. */
  static String playback(String eventId, String eventTime, String action, String extra) {
    return profileEvent(
        eventId,
        eventTime,
        "\"deviceId\":\"d1\",\"deviceType\":\"phone\",\"titleId\":\"t1\"",
        action,
        extra);
  }

  static String playback(String eventId, String action) {
    return playback(eventId, T0_TEXT, action, "");
  }

  static String login(String eventId, String result, String extra) {
    return event(eventId, T0_TEXT, "\"deviceId\":\"d1\",\"result\":\"" + result + "\"" + extra);
  }

  static String gameplay(String eventId, String gameId, String action) {
    String deviceAndGame =
        "\"deviceId\":\"d2\",\"deviceType\":\"tablet\",\"gameId\":\"" + gameId + "\"";
    return profileEvent(eventId, T0_TEXT, deviceAndGame, action, "");
  }

  static String live(String eventId, String liveEventId, String action) {
    String deviceAndLiveEvent = "\"deviceId\":\"d3\",\"liveEventId\":\"" + liveEventId + "\"";
    return profileEvent(eventId, T0_TEXT, deviceAndLiveEvent, action, "");
  }

  /**
   * An event of profile {@code p1}: its device and subject members, the action, then extra JSON
   * members appended verbatim.
   */
  private static String profileEvent(
      String eventId, String eventTime, String deviceAndSubject, String action, String extra) {
    return event(
        eventId,
        eventTime,
        "\"profileId\":\"p1\"," + deviceAndSubject + ",\"action\":\"" + action + "\"" + extra);
  }
}
