package io.rtgraph.tools.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.rtgraph.model.IsoInstants;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Writes events as their producers would: the contract's fields, sometimes with an offset or
 * without fractional seconds in {@code eventTime}, sometimes with fields the pipeline does not
 * know.
 */
final class EventWriter {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] APP_VERSIONS = {"8.101.0", "8.102.1", "9.0.0"};

  private EventWriter() {}

  static byte[] write(MemberEvent event, Random random) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(256)) {
      try (JsonGenerator json = JSON.createGenerator(buffer)) {
        json.writeStartObject();
        json.writeStringField("eventId", event.eventId());
        json.writeStringField("eventTime", eventTime(event, random));
        json.writeStringField("accountId", event.accountId());
        if (event.profileId() != null) {
          json.writeStringField("profileId", event.profileId());
        }
        json.writeStringField("deviceId", event.deviceId());
        if (event.deviceType() != null) {
          json.writeStringField("deviceType", event.deviceType());
        }
        if (event.test()) {
          json.writeBooleanField("test", true);
        }
        SourceTopic topic = event.sourceTopic();
        String subject = topic.subjectField();
        if (subject != null) {
          json.writeStringField(
              subject,
              topic == SourceTopic.PLAYBACK
                  ? event.titleId()
                  : topic == SourceTopic.GAMEPLAY ? event.gameId() : event.liveEventId());
        }
        json.writeStringField(topic.actionField(), event.action());
        if (event.positionMs() != null) {
          json.writeNumberField("positionMs", event.positionMs());
        }
        if (event.country() != null) {
          json.writeStringField("country", event.country());
        }
        if (random.nextInt(5) == 0) {
          json.writeStringField("appVersion", APP_VERSIONS[random.nextInt(APP_VERSIONS.length)]);
        }
        json.writeEndObject();
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Mostly UTC with milliseconds; one in ten with a +01:00 offset; whole seconds without fraction.
   */
  private static String eventTime(MemberEvent event, Random random) {
    long millis = event.eventTime().getMillis();
    if (millis % 1000 == 0 && random.nextBoolean()) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }
    if (random.nextInt(10) == 0) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneOffset.ofHours(1)));
    }
    return IsoInstants.format(millis);
  }
}
