package io.rtgraph.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.PublishedDeadLetter;
import io.rtgraph.model.Utf8;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The JSON form of a dead-letter record: {@code sourceTopic}, {@code partition}, {@code offset},
 * {@code errorCode}, {@code error}, and the original value as {@code payload} when it is valid
 * UTF-8, otherwise base64 in {@code payloadBase64}.
 *
 * <p>A dead letter is written within a size bound (what its topic accepts), whatever the record
 * held: escaping can make a record six times larger (a control character becomes {@code \\u00XX}),
 * twelve for a character outside the BMP. When the whole payload would not fit, the payload is cut
 * to its longest prefix that does, at a character boundary (never inside a surrogate pair or an
 * escape), and the record says so with {@code payloadTruncated}, {@code payloadBytes} (the original
 * size) and {@code payloadSha256} (the digest of the original value). The untouched record is in
 * the raw archive. The {@code error} text is cut at {@link #MAX_ERROR_CHARS}: it can quote a field
 * of the record.
 */
public final class DeadLetterJson {
  /** The smallest bound a dead letter can be written within: its fields other than the payload. */
  public static final int MIN_MAX_BYTES = 16 * 1024;

  /** At most 6 bytes each once escaped, so the error never crowds out the payload. */
  public static final int MAX_ERROR_CHARS = 1000;

  private static final String ERROR_CUT_MARK = " [cut]";
  private static final JsonFactory JSON = new JsonFactory();
  private static final int[] ASCII_ESCAPES = CharTypes.get7BitOutputEscapes();

  private DeadLetterJson() {}

  /**
   * Writes the dead letter in at most {@code maxBytes} bytes, truncating its payload when the whole
   * one would not fit.
   *
   * @throws IllegalArgumentException when {@code maxBytes < MIN_MAX_BYTES}
   */
  public static byte[] toJsonBytes(DeadLetter deadLetter, int maxBytes) {
    if (maxBytes < MIN_MAX_BYTES) {
      throw new IllegalArgumentException(
          "a dead letter needs at least " + MIN_MAX_BYTES + " bytes, not " + maxBytes);
    }
    byte[] payload = deadLetter.payload();
    String text =
        payload != null && Utf8.isValid(payload)
            ? new String(payload, StandardCharsets.UTF_8)
            : null;
    byte[] whole = write(deadLetter, text, payload, null);
    if (whole.length <= maxBytes) {
      return whole;
    }
    Truncation truncation = Truncation.of(payload);
    byte[] withoutPayload = write(deadLetter, text == null ? null : "", new byte[0], truncation);
    int budget = maxBytes - withoutPayload.length;
    while (true) {
      byte[] written =
          text != null
              ? write(
                  deadLetter, text.substring(0, escapedPrefixEnd(text, budget)), null, truncation)
              : write(deadLetter, null, Arrays.copyOf(payload, budget / 4 * 3), truncation);
      if (written.length <= maxBytes) {
        return written;
      }
      // Only if the escaping estimate were short: shrink by the excess until it fits.
      budget -= written.length - maxBytes;
    }
  }

  public static String toJson(DeadLetter deadLetter, int maxBytes) {
    return new String(toJsonBytes(deadLetter, maxBytes), StandardCharsets.UTF_8);
  }

  /**
   * The end index of the longest prefix of {@code text}, cut between code points, whose escaped
   * form as Jackson's UTF-8 generator writes it takes at most {@code budget} bytes.
   */
  static int escapedPrefixEnd(String text, int budget) {
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      used += escapedBytes(codePoint);
      if (used > budget) {
        return i;
      }
      i += Character.charCount(codePoint);
    }
    return i;
  }

  private static int escapedBytes(int codePoint) {
    if (codePoint < 0x80) {
      int escape = ASCII_ESCAPES[codePoint];
      return escape == 0
          ? 1
          : escape > 0 ? 2 : 6; // as is, a two-character escape, or a six-character one
    }
    if (codePoint < 0x800) {
      return 2;
    }
    if (codePoint < 0x10000) {
      return Character.isSurrogate((char) codePoint) ? 6 : 3;
    }
    return 12; // Jackson escapes each surrogate of the pair
  }

  private static byte[] write(
      DeadLetter deadLetter,
      @Nullable String text,
      byte @Nullable [] bytes,
      @Nullable Truncation truncation) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(256 + deadLetter.error().length())) {
      try (JsonGenerator json = JSON.createGenerator(buffer)) {
        json.writeStartObject();
        json.writeStringField("sourceTopic", deadLetter.sourceTopic());
        json.writeNumberField("partition", deadLetter.partition());
        json.writeNumberField("offset", deadLetter.offset());
        json.writeStringField("errorCode", deadLetter.reason().name());
        json.writeStringField("error", cutError(deadLetter.error()));
        if (deadLetter.payload() == null) {
          json.writeNullField("payload");
        } else if (text != null) {
          json.writeStringField("payload", text);
        } else {
          json.writeStringField("payloadBase64", Base64.getEncoder().encodeToString(bytes));
        }
        if (truncation != null) {
          json.writeBooleanField("payloadTruncated", true);
          json.writeNumberField("payloadBytes", truncation.bytes);
          json.writeStringField("payloadSha256", truncation.sha256);
        }
        json.writeEndObject();
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String cutError(String error) {
    if (error.length() <= MAX_ERROR_CHARS) {
      return error;
    }
    int end = MAX_ERROR_CHARS;
    if (Character.isLowSurrogate(error.charAt(end))) {
      end--;
    }
    return error.substring(0, end) + ERROR_CUT_MARK;
  }

  /** The original value's size and digest, which a truncated dead letter carries. */
  private static final class Truncation {
    final long bytes;
    final String sha256;

    private Truncation(long bytes, String sha256) {
      this.bytes = bytes;
      this.sha256 = sha256;
    }

    static Truncation of(byte[] value) {
      try {
        return new Truncation(
            value.length,
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }
  }

  /** Reads a dead-letter record back, as tests and operators replaying a DLQ do. */
  public static DeadLetter fromJson(byte[] json) {
    return read(json).deadLetter();
  }

  /** Reads a dead-letter record back with what it says of a truncated payload. */
  public static PublishedDeadLetter read(byte[] json) {
    Map<String, String> texts = new HashMap<>();
    int partition = -1;
    long offset = -1;
    byte[] payload = null;
    boolean truncated = false;
    long payloadBytes = -1;
    try (JsonParser parser = JSON.createParser(json)) {
      JsonObjects.startObject(parser, "a dead letter must be a JSON object");
      while (JsonObjects.nextField(parser)) {
        String name = parser.currentName();
        switch (name) {
          case "sourceTopic", "errorCode", "error", "payloadSha256":
            texts.put(name, parser.getText());
            break;
          case "partition":
            partition = parser.getIntValue();
            break;
          case "offset":
            offset = parser.getLongValue();
            break;
          case "payload":
            payload =
                parser.currentToken() == JsonToken.VALUE_NULL
                    ? null
                    : parser.getText().getBytes(StandardCharsets.UTF_8);
            break;
          case "payloadBase64":
            payload = Base64.getDecoder().decode(parser.getText());
            break;
          case "payloadTruncated":
            truncated = parser.getBooleanValue();
            break;
          case "payloadBytes":
            payloadBytes = parser.getLongValue();
            break;
          default:
            parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("dead letter is not valid JSON: " + e.getMessage(), e);
    }
    String sourceTopic = texts.get("sourceTopic");
    String errorCode = texts.get("errorCode");
    DeadLetterReason reason = errorCode == null ? null : DeadLetterReason.valueOf(errorCode);
    String error = texts.get("error");
    String payloadSha256 = texts.get("payloadSha256");
    if (sourceTopic == null || reason == null || error == null || partition < 0 || offset < 0) {
      throw new IllegalArgumentException(
          "dead letter lacks sourceTopic, partition, offset, errorCode or error: "
              + new String(json, 0, Math.min(json.length, 1000), StandardCharsets.UTF_8));
    }
    DeadLetter deadLetter = DeadLetter.of(sourceTopic, partition, offset, reason, error, payload);
    if (!truncated) {
      return PublishedDeadLetter.whole(deadLetter);
    }
    if (payloadBytes < 0 || payloadSha256 == null) {
      throw new IllegalArgumentException(
          "truncated dead letter "
              + sourceTopic
              + "/"
              + partition
              + "@"
              + offset
              + " lacks payloadBytes or payloadSha256");
    }
    return PublishedDeadLetter.truncated(deadLetter, payloadBytes, payloadSha256);
  }
}
