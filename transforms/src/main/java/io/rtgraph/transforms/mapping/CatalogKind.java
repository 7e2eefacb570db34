package io.rtgraph.transforms.mapping;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.TitleInfo;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The catalogs a mapping can join, with the fields a template may read from an entry. Adding a
 * catalog is Java (its file format, flag and side input), unlike adding a topic.
 */
public enum CatalogKind {
  TITLES("titles", "titles", List.of("titleId", "name", "kind", "genre")),
  GAMES("games", "games", List.of("gameId", "name", "genre", "basedOnTitleId")),
  LIVE_EVENTS("liveEvents", "live_events", List.of("liveEventId", "name"));

  private final String mappingName;
  private final String counterSuffix;
  private final List<String> fields;

  CatalogKind(String mappingName, String counterSuffix, List<String> fields) {
    this.mappingName = mappingName;
    this.counterSuffix = counterSuffix;
    this.fields = fields;
  }

  /** The name in a mapping file's {@code catalog:}. */
  public String mappingName() {
    return mappingName;
  }

  /** The suffix of the hit and miss counters: {@code catalog_miss_titles}. */
  public String counterSuffix() {
    return counterSuffix;
  }

  public List<String> fields() {
    return fields;
  }

  public static @Nullable CatalogKind fromMappingName(String name) {
    for (CatalogKind kind : values()) {
      if (kind.mappingName.equals(name)) {
        return kind;
      }
    }
    return null;
  }

  /** The entry for this id, or null on a miss. */
  @Nullable Object lookup(Catalogs catalogs, String id) {
    switch (this) {
      case TITLES:
        return catalogs.title(id);
      case GAMES:
        return catalogs.game(id);
      default:
        return catalogs.liveEvent(id);
    }
  }

  /**
   * Reads one field of an entry this catalog returned; resolved once per template, not per event.
   */
  EntryField field(String name) {
    switch (this) {
      case TITLES:
        switch (name) {
          case "titleId":
            return entry -> ((TitleInfo) entry).titleId();
          case "name":
            return entry -> ((TitleInfo) entry).name();
          case "kind":
            return entry -> ((TitleInfo) entry).kind();
          case "genre":
            return entry -> ((TitleInfo) entry).genre();
          default:
            break;
        }
        break;
      case GAMES:
        switch (name) {
          case "gameId":
            return entry -> ((GameInfo) entry).gameId();
          case "name":
            return entry -> ((GameInfo) entry).name();
          case "genre":
            return entry -> ((GameInfo) entry).genre();
          case "basedOnTitleId":
            return entry -> ((GameInfo) entry).basedOnTitleId();
          default:
            break;
        }
        break;
      default:
        switch (name) {
          case "liveEventId":
            return entry -> ((LiveEventInfo) entry).liveEventId();
          case "name":
            return entry -> ((LiveEventInfo) entry).name();
          default:
            break;
        }
    }
    throw new IllegalArgumentException(
        "catalog " + mappingName + " has no field '" + name + "'; it has " + fields);
  }

  /** A field of a catalog entry. */
  @FunctionalInterface
  interface EntryField extends java.io.Serializable {
    @Nullable String get(Object entry);
  }
}
