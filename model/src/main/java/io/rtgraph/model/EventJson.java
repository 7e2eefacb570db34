package io.rtgraph.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Turns one source-record value into a {@link MemberEvent}, enforcing every per-record rule of
 * PRODUCT.md that does not depend on configuration: valid UTF-8, one JSON object, required fields
 * present, non-empty and of the right type, a parseable {@code eventTime} and an allowed {@code
 * action}/{@code result}. Size and clock-skew limits are configuration and live in the transform
 * that calls this.
 *
 * <p>It reads the value once with Jackson's streaming parser: no tree, no reflection, which matters
 * because every source record passes through here.
 */
public final class EventJson {
  private static final JsonFactory JSON = new JsonFactory();

  private EventJson() {}

  /**
   * Parses and validates one record value of the given topic.
   *
   * @throws InvalidEventException with the dead-letter reason and a message naming the offending
   *     field and value
   */
  public static MemberEvent parse(SourceTopic topic, byte @Nullable [] value)
      throws InvalidEventException {
    if (value == null) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_A_JSON_OBJECT, "value is null (a tombstone), not a JSON object");
    }
    int badByte = Utf8.firstInvalidOffset(value);
    if (badByte >= 0) {
      throw new InvalidEventException(
          DeadLetterReason.INVALID_UTF8,
          "value is not valid UTF-8: malformed byte sequence at offset " + badByte);
    }
    Fields fields = readFields(topic, value);
    return fields.toEvent(topic);
  }

  /**
   * The record's {@code eventTime} if it is a JSON object with a parseable one, else null; reads
   * only as far as that field. The Kafka source's timestamp policy uses it to stamp records before
   * {@link #parse} validates them.
   */
  public static @Nullable Instant peekEventTime(byte @Nullable [] value) {
    if (value == null) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean isEventTime = "eventTime".equals(parser.currentName());
        JsonToken token = parser.nextToken();
        if (isEventTime) {
          return token == JsonToken.VALUE_STRING ? IsoInstants.parse(parser.getText()) : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Fields readFields(SourceTopic topic, byte[] value) throws InvalidEventException {
    Fields fields = new Fields();
    try (JsonParser parser = JSON.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidEventException(
            DeadLetterReason.NOT_A_JSON_OBJECT,
            first == null
                ? "value is empty, not a JSON object"
                : "value is JSON " + describe(first) + ", not a JSON object");
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken valueToken = parser.nextToken();
        fields.read(topic, name, valueToken, parser);
      }
      if (token != JsonToken.END_OBJECT) {
        throw new InvalidEventException(
            DeadLetterReason.NOT_A_JSON_OBJECT, "value is not a JSON object");
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidEventException(
            DeadLetterReason.NOT_A_JSON_OBJECT,
            "value has content after the JSON object: " + describe(trailing));
      }
    } catch (JsonParseException e) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_A_JSON_OBJECT,
          "value is not valid JSON: " + e.getOriginalMessage() + " at " + location(e));
    } catch (IOException e) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_A_JSON_OBJECT, "value is not valid JSON: " + e.getMessage());
    }
    return fields;
  }

  private static String location(JsonParseException e) {
    return e.getLocation() == null ? "unknown position" : "byte " + e.getLocation().getByteOffset();
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_ARRAY:
        return "array";
      case VALUE_STRING:
        return "string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean";
      case VALUE_NULL:
        return "null";
      case START_OBJECT:
        return "object";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }

  /**
   * The fields seen so far, and the first type error, reported once the JSON is known to be whole.
   */
  private static final class Fields {
    @Nullable String eventId;
    @Nullable String eventTime;
    @Nullable String accountId;
    @Nullable String profileId;
    @Nullable String deviceId;
    @Nullable String deviceType;
    boolean test;
    @Nullable String action;
    @Nullable String subject;
    @Nullable Long positionMs;
    @Nullable String country;
    @Nullable String typeError;

    void read(SourceTopic topic, String name, JsonToken token, JsonParser parser)
        throws IOException {
      switch (name) {
        case "eventId":
          eventId = string(name, token, parser);
          return;
        case "eventTime":
          eventTime = string(name, token, parser);
          return;
        case "accountId":
          accountId = string(name, token, parser);
          return;
        case "profileId":
          profileId = string(name, token, parser);
          return;
        case "deviceId":
          deviceId = string(name, token, parser);
          return;
        case "deviceType":
          deviceType = string(name, token, parser);
          return;
        case "test":
          test = bool(name, token);
          return;
        default:
          break;
      }
      if (name.equals(topic.actionField())) {
        action = string(name, token, parser);
      } else if (name.equals(topic.subjectField())) {
        subject = string(name, token, parser);
      } else if (topic == SourceTopic.PLAYBACK && name.equals("positionMs")) {
        positionMs = integer(name, token, parser);
      } else if (topic == SourceTopic.LOGIN && name.equals("country")) {
        country = string(name, token, parser);
      } else {
        parser.skipChildren(); // unknown fields are ignored, as the contract says
      }
    }

    private @Nullable String string(String name, JsonToken token, JsonParser parser)
        throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (token != JsonToken.VALUE_NULL) {
        noteTypeError(name, "a string", token);
        parser.skipChildren();
      }
      return null;
    }

    private boolean bool(String name, JsonToken token) {
      if (token == JsonToken.VALUE_TRUE) {
        return true;
      }
      if (token != JsonToken.VALUE_FALSE && token != JsonToken.VALUE_NULL) {
        noteTypeError(name, "a boolean", token);
      }
      return false;
    }

    private @Nullable Long integer(String name, JsonToken token, JsonParser parser)
        throws IOException {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        try {
          return parser.getLongValue();
        } catch (InputCoercionException e) {
          noteTypeError(name, "an integer within 64 bits", token);
          return null;
        }
      }
      if (token != JsonToken.VALUE_NULL) {
        noteTypeError(name, "an integer", token);
        parser.skipChildren();
      }
      return null;
    }

    private void noteTypeError(String name, String expected, JsonToken actual) {
      if (typeError == null) {
        typeError = "field '" + name + "' must be " + expected + ", but is " + describe(actual);
      }
    }

    MemberEvent toEvent(SourceTopic topic) throws InvalidEventException {
      if (typeError != null) {
        throw new InvalidEventException(DeadLetterReason.WRONG_FIELD_TYPE, typeError);
      }
      require("eventId", eventId);
      require("eventTime", eventTime);
      require("accountId", accountId);
      if (topic.profileRequired()) {
        require("profileId", profileId);
      }
      require("deviceId", deviceId);
      String subjectField = topic.subjectField();
      if (subjectField != null) {
        require(subjectField, subject);
      }
      require(topic.actionField(), action);
      Instant time;
      try {
        time = IsoInstants.parse(eventTime);
      } catch (IllegalArgumentException e) {
        throw new InvalidEventException(
            DeadLetterReason.INVALID_EVENT_TIME, "field 'eventTime' is invalid: " + e.getMessage());
      }
      if (!topic.isAllowedAction(action)) {
        throw new InvalidEventException(
            DeadLetterReason.INVALID_ACTION,
            "field '"
                + topic.actionField()
                + "' is '"
                + action
                + "'; "
                + topic.topicName()
                + " allows "
                + String.join(", ", topic.allowedActions()));
      }
      return MemberEvent.builder()
          .setSourceTopic(topic)
          .setEventId(eventId)
          .setEventTime(time)
          .setAccountId(accountId)
          .setProfileId(emptyToNull(profileId))
          .setDeviceId(deviceId)
          .setDeviceType(emptyToNull(deviceType))
          .setTest(test)
          .setAction(action)
          .setTitleId(topic == SourceTopic.PLAYBACK ? subject : null)
          .setGameId(topic == SourceTopic.GAMEPLAY ? subject : null)
          .setLiveEventId(topic == SourceTopic.LIVE ? subject : null)
          .setPositionMs(positionMs)
          .setCountry(emptyToNull(country))
          .build();
    }

    private static void require(String name, @Nullable String value) throws InvalidEventException {
      if (value == null) {
        throw new InvalidEventException(
            DeadLetterReason.MISSING_FIELD, "required field '" + name + "' is missing");
      }
      if (value.isEmpty()) {
        throw new InvalidEventException(
            DeadLetterReason.MISSING_FIELD, "required field '" + name + "' is empty");
      }
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
      return value == null || value.isEmpty() ? null : value;
    }
  }
}
