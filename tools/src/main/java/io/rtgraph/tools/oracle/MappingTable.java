package io.rtgraph.tools.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PRODUCT.md's graph table (and its "Adding a vertical" section for {@code member.rating}), written
 * out row by row: the elements one valid, unfiltered event touches, with the properties it gives
 * them, catalog lookups included.
 */
public final class MappingTable {
  private MappingTable() {}

  /** One element as one event sees it; every property takes the event's time. */
  public record Observation(
      String element,
      String type,
      String id,
      String src,
      String dst,
      Map<String, String> properties) {}

  public static List<Observation> observe(String topic, JsonNode event, OracleCatalogs catalogs) {
    List<Observation> seen = new ArrayList<>();
    String account =
        node(
            seen,
            "Account",
            text(event, "accountId"),
            props("country", Topics.LOGIN.equals(topic) ? text(event, "country") : null));
    String device =
        node(
            seen,
            "Device",
            text(event, "deviceId"),
            props("deviceType", text(event, "deviceType")));
    edge(seen, "USES_DEVICE", account, device, props());
    String profile = null;
    String profileId = text(event, "profileId");
    // An empty optional profileId names no profile (InputRules: ids are non-empty).
    if (profileId != null && !profileId.isEmpty()) {
      profile = node(seen, "Profile", profileId, props());
      edge(seen, "HAS_PROFILE", account, profile, props());
    }
    switch (topic) {
      case Topics.PLAYBACK:
        {
          String titleId = text(event, "titleId");
          String title = title(seen, catalogs, titleId);
          edge(seen, "STREAMED_FROM", profile, device, props());
          if ("START".equals(text(event, "action"))) {
            edge(
                seen,
                "STARTED_WATCHING",
                profile,
                title,
                props("titleName", text(catalogs.title(titleId), "name")));
          }
          break;
        }
      case Topics.LOGIN:
        edge(seen, "LOGGED_IN_FROM", account, device, props("country", text(event, "country")));
        break;
      case Topics.GAMEPLAY:
        {
          String gameId = text(event, "gameId");
          JsonNode entry = catalogs.game(gameId);
          String game = catalogNode(seen, "Game", gameId, entry, "name", "genre");
          edge(seen, "PLAYS", profile, game, props("gameName", text(entry, "name")));
          String basedOn = text(entry, "basedOnTitleId");
          if (basedOn != null) {
            String title = title(seen, catalogs, basedOn);
            edge(seen, "BASED_ON", game, title, props());
          }
          break;
        }
      case Topics.LIVE:
        {
          String liveEventId = text(event, "liveEventId");
          String liveEvent =
              catalogNode(seen, "LiveEvent", liveEventId, catalogs.liveEvent(liveEventId), "name");
          edge(seen, "STREAMED_FROM", profile, device, props());
          edge(seen, "WATCHED_LIVE", profile, liveEvent, props());
          break;
        }
      case Topics.RATING:
        {
          String titleId = text(event, "titleId");
          String title = title(seen, catalogs, titleId);
          edge(
              seen,
              "RATED",
              profile,
              title,
              props(
                  "rating",
                  text(event, "rating"),
                  "titleName",
                  text(catalogs.title(titleId), "name")));
          break;
        }
      default:
        throw new IllegalArgumentException("PRODUCT.md names no source topic '" + topic + "'");
    }
    return seen;
  }

  private static String title(List<Observation> seen, OracleCatalogs catalogs, String titleId) {
    return catalogNode(seen, "Title", titleId, catalogs.title(titleId), "name", "kind", "genre");
  }

  /**
   * The node of a title, game or live event: its properties are the named fields of its catalog
   * entry, under the same names, and none on a catalog miss.
   */
  private static String catalogNode(
      List<Observation> seen, String type, String naturalId, JsonNode entry, String... fields) {
    Map<String, String> properties = new TreeMap<>();
    for (String field : fields) {
      String value = text(entry, field);
      if (value != null) {
        properties.put(field, value);
      }
    }
    return node(seen, type, naturalId, properties);
  }

  private static String node(
      List<Observation> seen, String type, String naturalId, Map<String, String> properties) {
    String id = type + ":" + naturalId;
    seen.add(new Observation("node", type, id, null, null, properties));
    return id;
  }

  private static void edge(
      List<Observation> seen, String type, String src, String dst, Map<String, String> properties) {
    seen.add(new Observation("edge", type, type + ":" + src + "->" + dst, src, dst, properties));
  }

  /** Key-value pairs, leaving out the keys whose value is absent. */
  private static Map<String, String> props(String... keysAndValues) {
    Map<String, String> properties = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        properties.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return properties;
  }

  /**
   * A field's text; null when the object (a catalog miss) or the field is absent, or the field is
   * null.
   */
  private static String text(JsonNode object, String field) {
    if (object == null) {
      return null;
    }
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
