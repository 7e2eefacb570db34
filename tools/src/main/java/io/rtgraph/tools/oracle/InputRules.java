package io.rtgraph.tools.oracle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.tools.oracle.Verdict.BrokenRule;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * PRODUCT.md's input rules, read off its tables: which records are valid, which valid records the
 * filter drops, and which rule a dead letter breaks. Written from the contract alone, with
 * Jackson's tree model; it shares no code with the pipelines' parser.
 */
public final class InputRules {
  /** {@code --maxRecordBytes}'s default in PRODUCT.md: 1 MiB. */
  public static final long DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

  /** {@code --maxFutureSkew}'s default in PRODUCT.md: one hour. */
  public static final long DEFAULT_MAX_FUTURE_SKEW_MILLIS = 60 * 60 * 1000;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private enum Kind {
    /**
     * An identifier, missing when empty: PRODUCT.md says "non-empty" of eventId, accountId and
     * deviceId, and a natural id is what a node id {@code <Type>:<naturalId>} is made of, so an
     * empty profileId, titleId, gameId or liveEventId names no node either.
     */
    NON_EMPTY_STRING,
    STRING,
    BOOLEAN,
    INTEGER
  }

  private record Field(String name, Kind kind, boolean required) {}

  private static final List<Field> COMMON =
      List.of(
          new Field("eventId", Kind.NON_EMPTY_STRING, true),
          new Field("eventTime", Kind.STRING, true),
          new Field("accountId", Kind.NON_EMPTY_STRING, true),
          new Field("deviceId", Kind.NON_EMPTY_STRING, true),
          new Field("deviceType", Kind.STRING, false),
          new Field("test", Kind.BOOLEAN, false));

  private final long maxRecordBytes;
  private final long maxFutureSkewMillis;
  private final LongSupplier processingClock;

  private InputRules(long maxRecordBytes, long maxFutureSkewMillis, LongSupplier processingClock) {
    this.maxRecordBytes = maxRecordBytes;
    this.maxFutureSkewMillis = maxFutureSkewMillis;
    this.processingClock = processingClock;
  }

  /** The rules with PRODUCT.md's default limits, against the system clock. */
  public static InputRules defaults() {
    return new InputRules(
        DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_FUTURE_SKEW_MILLIS, System::currentTimeMillis);
  }

  /** The same rules for a pipeline run with another {@code --maxRecordBytes}. */
  public InputRules withMaxRecordBytes(long bytes) {
    return new InputRules(bytes, maxFutureSkewMillis, processingClock);
  }

  /** The same rules against a fixed processing time, in epoch milliseconds. */
  public InputRules withProcessingTime(long epochMillis) {
    return new InputRules(maxRecordBytes, maxFutureSkewMillis, () -> epochMillis);
  }

  /** What becomes of one record value of the given source topic. */
  public Verdict judge(String topic, byte[] value) {
    List<Field> fields = fieldsOf(topic);
    if (value.length > maxRecordBytes) {
      return Verdict.deadLetter(BrokenRule.TOO_LARGE);
    }
    if (!isUtf8(value)) {
      return Verdict.deadLetter(BrokenRule.NOT_UTF8);
    }
    JsonNode event;
    try {
      event = JSON.readTree(value);
    } catch (IOException e) {
      return Verdict.deadLetter(BrokenRule.NOT_A_JSON_OBJECT);
    }
    if (event == null || !event.isObject()) {
      return Verdict.deadLetter(BrokenRule.NOT_A_JSON_OBJECT);
    }
    for (Field field : fields) {
      JsonNode node = event.get(field.name());
      if (node == null
          || node.isNull()
          || (field.kind() == Kind.NON_EMPTY_STRING && "".equals(node.textValue()))) {
        if (field.required()) {
          return Verdict.deadLetter(BrokenRule.MISSING_FIELD);
        }
      } else if (!hasKind(node, field.kind())) {
        return Verdict.deadLetter(BrokenRule.WRONG_FIELD_TYPE);
      }
    }
    long eventTime;
    try {
      eventTime =
          OffsetDateTime.parse(
                  event.get("eventTime").asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant()
              .toEpochMilli();
    } catch (DateTimeParseException e) {
      return Verdict.deadLetter(BrokenRule.UNPARSEABLE_EVENT_TIME);
    }
    if (!valuesAllowed(topic, event)) {
      return Verdict.deadLetter(BrokenRule.VALUE_NOT_ALLOWED);
    }
    if (eventTime > processingClock.getAsLong() + maxFutureSkewMillis) {
      return Verdict.deadLetter(BrokenRule.EVENT_TIME_IN_FUTURE);
    }
    return isFilteredOut(topic, event)
        ? Verdict.filtered(event, eventTime)
        : Verdict.graph(event, eventTime);
  }

  /** The per-topic table of PRODUCT.md: the common fields and the topic's extra fields. */
  private static List<Field> fieldsOf(String topic) {
    boolean profileRequired = !Topics.LOGIN.equals(topic);
    List<Field> extra;
    switch (topic) {
      case Topics.PLAYBACK:
        extra =
            List.of(
                new Field("titleId", Kind.NON_EMPTY_STRING, true),
                new Field("action", Kind.STRING, true),
                new Field("positionMs", Kind.INTEGER, false));
        break;
      case Topics.LOGIN:
        extra =
            List.of(
                new Field("result", Kind.STRING, true), new Field("country", Kind.STRING, false));
        break;
      case Topics.GAMEPLAY:
        extra =
            List.of(
                new Field("gameId", Kind.NON_EMPTY_STRING, true),
                new Field("action", Kind.STRING, true));
        break;
      case Topics.LIVE:
        extra =
            List.of(
                new Field("liveEventId", Kind.NON_EMPTY_STRING, true),
                new Field("action", Kind.STRING, true));
        break;
      case Topics.RATING:
        extra =
            List.of(
                new Field("titleId", Kind.NON_EMPTY_STRING, true),
                new Field("rating", Kind.INTEGER, true));
        break;
      default:
        throw new IllegalArgumentException("PRODUCT.md names no source topic '" + topic + "'");
    }
    List<Field> fields = new ArrayList<>(COMMON);
    fields.add(new Field("profileId", Kind.NON_EMPTY_STRING, profileRequired));
    fields.addAll(extra);
    return fields;
  }

  /** The enumerations of the per-topic table, and the rating's range. */
  private static boolean valuesAllowed(String topic, JsonNode event) {
    switch (topic) {
      case Topics.PLAYBACK:
        return Set.of("START", "PAUSE", "RESUME", "STOP", "HEARTBEAT")
            .contains(event.get("action").asText());
      case Topics.LOGIN:
        return Set.of("SUCCESS", "FAILURE").contains(event.get("result").asText());
      case Topics.GAMEPLAY:
        return Set.of("LAUNCH", "PLAY", "EXIT", "HEARTBEAT").contains(event.get("action").asText());
      case Topics.LIVE:
        return Set.of("JOIN", "LEAVE", "HEARTBEAT").contains(event.get("action").asText());
      case Topics.RATING:
        BigInteger rating = event.get("rating").bigIntegerValue();
        return rating.compareTo(BigInteger.ONE) >= 0
            && rating.compareTo(BigInteger.valueOf(5)) <= 0;
      default:
        throw new IllegalArgumentException("PRODUCT.md names no source topic '" + topic + "'");
    }
  }

  /** The column "dropped by the filter" of the per-topic table. */
  private static boolean isFilteredOut(String topic, JsonNode event) {
    if (event.path("test").asBoolean(false)) {
      return true;
    }
    switch (topic) {
      case Topics.LOGIN:
        return "FAILURE".equals(event.get("result").asText());
      case Topics.RATING:
        return false;
      default:
        return "HEARTBEAT".equals(event.get("action").asText());
    }
  }

  private static boolean hasKind(JsonNode node, Kind kind) {
    switch (kind) {
      case NON_EMPTY_STRING:
      case STRING:
        return node.isTextual();
      case BOOLEAN:
        return node.isBoolean();
      case INTEGER:
        return node.isIntegralNumber();
      default:
        throw new IllegalStateException("unknown field kind " + kind);
    }
  }

  private static boolean isUtf8(byte[] value) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
