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
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

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

  /**
   * One row of PRODUCT.md's per-topic table: whether the topic requires a profileId, its extra
   * fields, the values its enumerations (or the rating's range) allow, and what its filter drops
   * besides test traffic.
   */
  private record TopicRow(
      boolean profileRequired,
      List<Field> extra,
      Predicate<JsonNode> valuesAllowed,
      Predicate<JsonNode> filteredOut) {
    List<Field> fields() {
      List<Field> fields = new ArrayList<>(COMMON);
      fields.add(new Field("profileId", Kind.NON_EMPTY_STRING, profileRequired));
      fields.addAll(extra);
      return fields;
    }
  }

  private static final Predicate<JsonNode> HEARTBEAT = event -> is(event, "action", "HEARTBEAT");

  private static final Map<String, TopicRow> TOPICS =
      Map.of(
          Topics.PLAYBACK,
          new TopicRow(
              true,
              List.of(
                  new Field("titleId", Kind.NON_EMPTY_STRING, true),
                  new Field("action", Kind.STRING, true),
                  new Field("positionMs", Kind.INTEGER, false)),
              event -> is(event, "action", "START", "PAUSE", "RESUME", "STOP", "HEARTBEAT"),
              HEARTBEAT),
          Topics.LOGIN,
          new TopicRow(
              false,
              List.of(
                  new Field("result", Kind.STRING, true), new Field("country", Kind.STRING, false)),
              event -> is(event, "result", "SUCCESS", "FAILURE"),
              event -> is(event, "result", "FAILURE")),
          Topics.GAMEPLAY,
          new TopicRow(
              true,
              List.of(
                  new Field("gameId", Kind.NON_EMPTY_STRING, true),
                  new Field("action", Kind.STRING, true)),
              event -> is(event, "action", "LAUNCH", "PLAY", "EXIT", "HEARTBEAT"),
              HEARTBEAT),
          Topics.LIVE,
          new TopicRow(
              true,
              List.of(
                  new Field("liveEventId", Kind.NON_EMPTY_STRING, true),
                  new Field("action", Kind.STRING, true)),
              event -> is(event, "action", "JOIN", "LEAVE", "HEARTBEAT"),
              HEARTBEAT),
          Topics.RATING,
          new TopicRow(
              true,
              List.of(
                  new Field("titleId", Kind.NON_EMPTY_STRING, true),
                  new Field("rating", Kind.INTEGER, true)),
              InputRules::ratingInRange,
              event -> false));

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
    TopicRow row = TOPICS.get(topic);
    if (row == null) {
      throw new IllegalArgumentException("PRODUCT.md names no source topic '" + topic + "'");
    }
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
    for (Field field : row.fields()) {
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
    if (!row.valuesAllowed().test(event)) {
      return Verdict.deadLetter(BrokenRule.VALUE_NOT_ALLOWED);
    }
    if (eventTime > processingClock.getAsLong() + maxFutureSkewMillis) {
      return Verdict.deadLetter(BrokenRule.EVENT_TIME_IN_FUTURE);
    }
    return event.path("test").asBoolean(false) || row.filteredOut().test(event)
        ? Verdict.filtered(event, eventTime)
        : Verdict.graph(event, eventTime);
  }

  /** Whether the (present, validated) field holds one of the values. */
  private static boolean is(JsonNode event, String field, String... values) {
    return Set.of(values).contains(event.get(field).asText());
  }

  private static boolean ratingInRange(JsonNode event) {
    BigInteger rating = event.get("rating").bigIntegerValue();
    return rating.compareTo(BigInteger.ONE) >= 0 && rating.compareTo(BigInteger.valueOf(5)) <= 0;
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
