package io.rtgraph.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rtgraph.model.IsoInstants;
import java.io.IOException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * What the Kafka source reads of a record value before the topic's mapping parses it: the event
 * time, which stamps the record. The mapping files of {@code runner-configs/topics} are the one
 * reader of whole events.
 */
public final class EventJson {
  private static final JsonFactory JSON = new JsonFactory();

  private EventJson() {}

  /**
   * The record's {@code eventTime} if it is a JSON object with a parseable one, else null; reads
   * only as far as that field, with Jackson's streaming parser (every source record passes here).
   */
  public static @Nullable Instant peekEventTime(byte @Nullable [] value) {
    if (value == null) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (JsonObjects.nextField(parser)) {
        if ("eventTime".equals(parser.currentName())) {
          return parser.currentToken() == JsonToken.VALUE_STRING
              ? IsoInstants.parse(parser.getText())
              : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
