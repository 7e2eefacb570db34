package io.rtgraph.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON form of a dead-letter record: {@code sourceTopic}, {@code partition}, {@code offset},
 * {@code errorCode}, {@code error}, and the original value as {@code payload} when it is valid
 * UTF-8, otherwise base64 in {@code payloadBase64}.
 */
public final class DeadLetterJson {
  private static final JsonFactory JSON = new JsonFactory();

  private DeadLetterJson() {}

  public static byte[] toJsonBytes(DeadLetter deadLetter) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(256 + deadLetter.error().length())) {
      try (JsonGenerator json = JSON.createGenerator(buffer)) {
        json.writeStartObject();
        json.writeStringField("sourceTopic", deadLetter.sourceTopic());
        json.writeNumberField("partition", deadLetter.partition());
        json.writeNumberField("offset", deadLetter.offset());
        json.writeStringField("errorCode", deadLetter.reason().name());
        json.writeStringField("error", deadLetter.error());
        byte[] payload = deadLetter.payload();
        if (payload == null) {
          json.writeNullField("payload");
        } else if (Utf8.isValid(payload)) {
          json.writeStringField("payload", new String(payload, StandardCharsets.UTF_8));
        } else {
          json.writeStringField("payloadBase64", Base64.getEncoder().encodeToString(payload));
        }
        json.writeEndObject();
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String toJson(DeadLetter deadLetter) {
    return new String(toJsonBytes(deadLetter), StandardCharsets.UTF_8);
  }

  /** Reads a dead-letter record back, as tests and operators replaying a DLQ do. */
  public static DeadLetter fromJson(byte[] json) {
    String sourceTopic = null;
    int partition = -1;
    long offset = -1;
    DeadLetterReason reason = null;
    String error = null;
    byte[] payload = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a dead letter must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "sourceTopic":
            sourceTopic = parser.getText();
            break;
          case "partition":
            partition = parser.getIntValue();
            break;
          case "offset":
            offset = parser.getLongValue();
            break;
          case "errorCode":
            reason = DeadLetterReason.valueOf(parser.getText());
            break;
          case "error":
            error = parser.getText();
            break;
          case "payload":
            payload = token == JsonToken.VALUE_NULL ? null : parser.getText().getBytes(StandardCharsets.UTF_8);
            break;
          case "payloadBase64":
            payload = Base64.getDecoder().decode(parser.getText());
            break;
          default:
            parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("dead letter is not valid JSON: " + e.getMessage(), e);
    }
    if (sourceTopic == null || reason == null || error == null || partition < 0 || offset < 0) {
      throw new IllegalArgumentException(
          "dead letter lacks sourceTopic, partition, offset, errorCode or error: "
              + new String(json, StandardCharsets.UTF_8));
    }
    return DeadLetter.of(sourceTopic, partition, offset, reason, error, payload);
  }
}
