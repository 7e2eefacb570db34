package io.rtgraph.tools.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.tools.generator.SampleCatalogs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The three catalogs of PRODUCT.md's "Reference data", read from their JSON-lines text with
 * Jackson's tree model: an entry per id, kept as the JSON object it was.
 */
public final class OracleCatalogs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> titles;
  private final Map<String, JsonNode> games;
  private final Map<String, JsonNode> liveEvents;

  private OracleCatalogs(
      Map<String, JsonNode> titles, Map<String, JsonNode> games, Map<String, JsonNode> liveEvents) {
    this.titles = titles;
    this.games = games;
    this.liveEvents = liveEvents;
  }

  /** The catalogs from their JSON-lines texts. */
  public static OracleCatalogs of(String titlesJsonl, String gamesJsonl, String liveEventsJsonl) {
    return new OracleCatalogs(
        read(new StringReader(titlesJsonl), "titleId"),
        read(new StringReader(gamesJsonl), "gameId"),
        read(new StringReader(liveEventsJsonl), "liveEventId"));
  }

  /** The sample catalogs the generator's events refer to, read from their files in the jar. */
  public static OracleCatalogs sample() {
    return new OracleCatalogs(
        read(open(SampleCatalogs.TITLES), "titleId"),
        read(open(SampleCatalogs.GAMES), "gameId"),
        read(open(SampleCatalogs.LIVE_EVENTS), "liveEventId"));
  }

  /** The entry of a title id, or null on a lookup miss. */
  public JsonNode title(String titleId) {
    return titles.get(titleId);
  }

  public JsonNode game(String gameId) {
    return games.get(gameId);
  }

  public JsonNode liveEvent(String liveEventId) {
    return liveEvents.get(liveEventId);
  }

  private static Map<String, JsonNode> read(Reader text, String idField) {
    Map<String, JsonNode> entries = new HashMap<>();
    try (BufferedReader lines = new BufferedReader(text)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode entry = JSON.readTree(line);
          entries.put(entry.get(idField).asText(), entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable catalog keyed by " + idField, e);
    }
    return entries;
  }

  private static Reader open(String name) {
    InputStream in = OracleCatalogs.class.getResourceAsStream("/sample-catalogs/" + name);
    if (in == null) {
      throw new IllegalStateException("sample catalog " + name + " is missing from the class path");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
