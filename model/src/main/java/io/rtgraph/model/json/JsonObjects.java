package io.rtgraph.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * How the JSON codecs walk an object with Jackson's streaming parser, field by field: each stops on
 * a field's value, where {@link JsonParser#currentName()} names the field and {@link
 * JsonParser#currentToken()} is the value's first token.
 */
final class JsonObjects {
  private JsonObjects() {}

  /** Reads the start of an object, or fails with {@code notAnObject}. */
  static void startObject(JsonParser parser, String notAnObject) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException(notAnObject);
    }
  }

  /** Moves to the value of the object's next field; false at the end of the object. */
  static boolean nextField(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.FIELD_NAME) {
      return false;
    }
    parser.nextToken();
    return true;
  }
}
