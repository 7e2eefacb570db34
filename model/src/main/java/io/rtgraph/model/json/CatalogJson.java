package io.rtgraph.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.TitleInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the JSON-lines catalog files: one JSON object of string fields per line, blank lines
 * ignored.
 *
 * <p>A file is accepted whole or not at all: a single malformed line rejects it with a {@link
 * CatalogFormatException} naming the line. A half-written or corrupted file must not replace a good
 * catalog with a partial one.
 */
public final class CatalogJson {
  private static final JsonFactory JSON = new JsonFactory();

  private CatalogJson() {}

  /** A catalog file that cannot be used, with the file and line it failed on. */
  public static final class CatalogFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CatalogFormatException(String message) {
      super(message);
    }
  }

  public static Map<String, TitleInfo> readTitles(BufferedReader reader, String source)
      throws IOException {
    return read(reader, source, "titleId", CatalogJson::title);
  }

  public static Map<String, GameInfo> readGames(BufferedReader reader, String source)
      throws IOException {
    return read(reader, source, "gameId", CatalogJson::game);
  }

  public static Map<String, LiveEventInfo> readLiveEvents(BufferedReader reader, String source)
      throws IOException {
    return read(reader, source, "liveEventId", CatalogJson::liveEvent);
  }

  private static TitleInfo title(Map<String, String> fields) {
    String kind = fields.get("kind");
    if (kind != null && !TitleInfo.KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind is '" + kind + "'; allowed: " + TitleInfo.KINDS);
    }
    return TitleInfo.of(fields.get("titleId"), fields.get("name"), kind, fields.get("genre"));
  }

  private static GameInfo game(Map<String, String> fields) {
    return GameInfo.of(
        fields.get("gameId"),
        fields.get("name"),
        fields.get("genre"),
        emptyToNull(fields.get("basedOnTitleId")));
  }

  private static LiveEventInfo liveEvent(Map<String, String> fields) {
    return LiveEventInfo.of(fields.get("liveEventId"), fields.get("name"));
  }

  private static <T> Map<String, T> read(
      BufferedReader reader, String source, String idField, Function<Map<String, String>, T> entry)
      throws IOException {
    Map<String, T> entries = new HashMap<>();
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        Map<String, String> fields = flatObject(line);
        String id = fields.get(idField);
        if (id == null || id.isEmpty()) {
          throw new IllegalArgumentException("required field '" + idField + "' is missing");
        }
        entries.put(id, entry.apply(fields));
      } catch (IllegalArgumentException | IOException e) {
        throw new CatalogFormatException(source + " line " + lineNumber + ": " + e.getMessage());
      }
    }
    return entries;
  }

  private static Map<String, String> flatObject(String line) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(line)) {
      JsonObjects.startObject(parser, "not a JSON object");
      while (JsonObjects.nextField(parser)) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
          fields.put(parser.currentName(), parser.getText());
        } else if (token != JsonToken.VALUE_NULL) {
          parser.skipChildren(); // unknown non-string fields are ignored, like unknown event fields
        }
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("content after the JSON object");
      }
    }
    return fields;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
