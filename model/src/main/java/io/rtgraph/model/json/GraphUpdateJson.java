package io.rtgraph.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.IsoInstants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The JSON form of an update record, exactly as PRODUCT.md shows it: the Kafka value of every graph
 * topic. Fields are written in the contract's order; unknown fields are skipped on reading, since
 * the contract allows extra fields.
 */
public final class GraphUpdateJson {
  private static final JsonFactory JSON = new JsonFactory();

  private GraphUpdateJson() {}

  public static byte[] toJsonBytes(GraphUpdate update) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(256)) {
      try (JsonGenerator json = JSON.createGenerator(buffer)) {
        write(update, json);
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write update " + update.id(), e);
    }
  }

  /**
   * The JSON text of one string value, quotes included, as UTF-8 bytes: exactly what {@link
   * #toJsonBytes} writes for it, since both go through the same generator. Jackson's UTF-8
   * generator escapes control characters, quote and backslash, and writes a character outside the
   * BMP as two {@code \\uXXXX} escapes (its surrogates); the CRDT tie-break compares this text.
   */
  public static byte[] wireText(String value) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(value.length() + 16)) {
      try (JsonGenerator json = JSON.createGenerator(buffer)) {
        json.writeString(value);
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a string value", e);
    }
  }

  public static String toJson(GraphUpdate update) {
    return new String(toJsonBytes(update), StandardCharsets.UTF_8);
  }

  private static void write(GraphUpdate update, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("element", update.element().jsonName());
    json.writeStringField("type", update.type());
    json.writeStringField("id", update.id());
    if (update.element() == GraphUpdate.Element.EDGE) {
      json.writeStringField("src", update.src());
      json.writeStringField("dst", update.dst());
    }
    json.writeObjectFieldStart("properties");
    for (Map.Entry<String, String> property : update.properties().entrySet()) {
      json.writeStringField(property.getKey(), property.getValue());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("propertyTimes");
    for (Map.Entry<String, Instant> time : update.propertyTimes().entrySet()) {
      json.writeStringField(time.getKey(), IsoInstants.format(time.getValue()));
    }
    json.writeEndObject();
    json.writeStringField("firstSeen", IsoInstants.format(update.firstSeen()));
    json.writeStringField("lastSeen", IsoInstants.format(update.lastSeen()));
    json.writeStringField("sourceTopic", update.sourceTopic());
    json.writeEndObject();
  }

  public static GraphUpdate fromJson(String json) {
    return fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads one update record.
   *
   * @throws IllegalArgumentException naming the missing or malformed field
   */
  public static GraphUpdate fromJson(byte[] json) {
    Map<String, String> texts = new HashMap<>();
    Map<String, String> properties = new TreeMap<>();
    Map<String, Instant> propertyTimes = new TreeMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "the update");
      while (JsonObjects.nextField(parser)) {
        String name = parser.currentName();
        JsonToken token = parser.currentToken();
        switch (name) {
          case "element", "type", "id", "src", "dst", "firstSeen", "lastSeen", "sourceTopic":
            texts.put(name, text(parser, token, name));
            break;
          case "properties":
            readStringMap(parser, token, name, properties);
            break;
          case "propertyTimes":
            Map<String, String> times = new TreeMap<>();
            readStringMap(parser, token, name, times);
            times.forEach((key, time) -> propertyTimes.put(key, IsoInstants.parse(time)));
            break;
          default:
            parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("update is not valid JSON: " + e.getMessage(), e);
    }
    return GraphUpdate.create(
        GraphUpdate.Element.fromJsonName(required(texts, "element")),
        required(texts, "type"),
        required(texts, "id"),
        texts.get("src"),
        texts.get("dst"),
        properties,
        propertyTimes,
        IsoInstants.parse(required(texts, "firstSeen")),
        IsoInstants.parse(required(texts, "lastSeen")),
        required(texts, "sourceTopic"));
  }

  private static void readStringMap(
      JsonParser parser, JsonToken token, String name, Map<String, String> into)
      throws IOException {
    expect(token, JsonToken.START_OBJECT, "field '" + name + "'");
    while (JsonObjects.nextField(parser)) {
      String key = parser.currentName();
      into.put(key, text(parser, parser.currentToken(), name + "." + key));
    }
  }

  private static String text(JsonParser parser, JsonToken token, String name) throws IOException {
    expect(token, JsonToken.VALUE_STRING, "field '" + name + "'");
    return parser.getText();
  }

  private static void expect(@Nullable JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          what
              + " must be "
              + (expected == JsonToken.START_OBJECT ? "an object" : "a string")
              + ", not "
              + actual);
    }
  }

  private static String required(Map<String, String> texts, String name) {
    String value = texts.get(name);
    if (value == null) {
      throw new IllegalArgumentException("update lacks the required field '" + name + "'");
    }
    return value;
  }
}
