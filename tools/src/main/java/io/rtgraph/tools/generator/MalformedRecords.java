package io.rtgraph.tools.generator;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.SourceTopic;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Records that break one input rule each, built from a valid record of the same topic. */
final class MalformedRecords {
  private MalformedRecords() {}

  /**
   * A record whose only fault is the given reason; {@code valid} is a valid record's JSON, {@code
   * outOfRange} a restricted field and a JSON value outside what it allows (needed for {@link
   * DeadLetterReason#INVALID_ACTION} only).
   */
  static byte[] make(
      DeadLetterReason reason,
      SourceTopic topic,
      String valid,
      String @Nullable [] outOfRange,
      int oversizedBytes,
      Random random) {
    switch (reason) {
      case RECORD_TOO_LARGE:
        return pad(valid, oversizedBytes);
      case INVALID_UTF8:
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int at = valid.indexOf("\"accountId\":\"") + "\"accountId\":\"".length();
        byte[] broken = Arrays.copyOf(bytes, bytes.length);
        broken[at] =
            (byte) (random.nextBoolean() ? 0xFF : 0xC3); // never valid, or a lead byte alone
        return broken;
      case NOT_A_JSON_OBJECT:
        String[] notObjects = {
          "accountId=a1;action=START",
          "[" + valid + "]",
          "",
          valid.substring(0, valid.length() / 2),
          "\"" + topic + "\"",
          "null"
        };
        return utf8(notObjects[random.nextInt(notObjects.length)]);
      case MISSING_FIELD:
        return utf8(valid.replaceFirst("\"accountId\":\"[^\"]*\",", ""));
      case WRONG_FIELD_TYPE:
        return utf8(valid.replaceFirst("\"deviceId\":\"[^\"]*\"", "\"deviceId\":12345"));
      case INVALID_EVENT_TIME:
        String[] badTimes = {
          "yesterday", "2026-13-01T00:00:00Z", "1764238530", "2026-11-27 10:15:30"
        };
        return utf8(
            valid.replaceFirst(
                "\"eventTime\":\"[^\"]*\"",
                "\"eventTime\":\"" + badTimes[random.nextInt(badTimes.length)] + "\""));
      case INVALID_ACTION:
        if (outOfRange == null) {
          throw new IllegalArgumentException(topic.topicName() + " restricts no field's values");
        }
        return utf8(
            valid.replaceFirst(
                "\"" + outOfRange[0] + "\":(\"[^\"]*\"|-?[0-9]+)",
                "\"" + outOfRange[0] + "\":" + outOfRange[1]));
      case EVENT_TIME_TOO_FAR_IN_FUTURE:
        return utf8(
            valid.replaceFirst(
                "\"eventTime\":\"[^\"]*\"", "\"eventTime\":\"2200-01-01T00:00:00.000Z\""));
      default:
        throw new IllegalArgumentException("no malformed record for " + reason);
    }
  }

  private static byte[] pad(String valid, int size) {
    String prefix = valid.substring(0, valid.length() - 1) + ",\"padding\":\"";
    String suffix = "\"}";
    int fill = Math.max(0, size - prefix.length() - suffix.length());
    return utf8(prefix + "x".repeat(fill) + suffix);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
