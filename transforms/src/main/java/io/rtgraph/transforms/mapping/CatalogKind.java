package io.rtgraph.transforms.mapping;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.TitleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The catalogs a mapping can join, with the fields a template may read from an entry. Adding a
 * catalog is Java (its file format, flag and side input), unlike adding a topic.
 */
public enum CatalogKind {
  TITLES(
      "titles",
      "titles",
      Catalogs::title,
      new EntryFields<>(TitleInfo.class)
          .add("titleId", TitleInfo::titleId)
          .add("name", TitleInfo::name)
          .add("kind", TitleInfo::kind)
          .add("genre", TitleInfo::genre)),
  GAMES(
      "games",
      "games",
      Catalogs::game,
      new EntryFields<>(GameInfo.class)
          .add("gameId", GameInfo::gameId)
          .add("name", GameInfo::name)
          .add("genre", GameInfo::genre)
          .add("basedOnTitleId", GameInfo::basedOnTitleId)),
  LIVE_EVENTS(
      "liveEvents",
      "live_events",
      Catalogs::liveEvent,
      new EntryFields<>(LiveEventInfo.class)
          .add("liveEventId", LiveEventInfo::liveEventId)
          .add("name", LiveEventInfo::name));

  private final String mappingName;
  private final String counterSuffix;
  private final BiFunction<Catalogs, String, @Nullable Object> lookup;
  private final Map<String, EntryField> fieldsByName;
  private final List<String> fields;

  CatalogKind(
      String mappingName,
      String counterSuffix,
      BiFunction<Catalogs, String, @Nullable Object> lookup,
      EntryFields<?> fields) {
    this.mappingName = mappingName;
    this.counterSuffix = counterSuffix;
    this.lookup = lookup;
    this.fieldsByName = fields.byName;
    this.fields = List.copyOf(fields.byName.keySet());
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
    return lookup.apply(catalogs, id);
  }

  /**
   * Reads one field of an entry this catalog returned; resolved once per template, not per event.
   */
  EntryField field(String name) {
    EntryField field = fieldsByName.get(name);
    if (field == null) {
      throw new IllegalArgumentException(
          "catalog " + mappingName + " has no field '" + name + "'; it has " + fields);
    }
    return field;
  }

  /** A field of a catalog entry. */
  @FunctionalInterface
  interface EntryField extends java.io.Serializable {
    @Nullable String get(Object entry);
  }

  /**
   * The readable fields of one catalog's entries, each named once with its accessor, in the order a
   * mapping's error lists them.
   */
  private static final class EntryFields<T> {
    private final Class<T> entryType;
    private final Map<String, EntryField> byName = new LinkedHashMap<>();

    EntryFields(Class<T> entryType) {
      this.entryType = entryType;
    }

    EntryFields<T> add(String name, SerializableFunction<T, @Nullable String> accessor) {
      byName.put(name, entry -> accessor.apply(entryType.cast(entry)));
      return this;
    }
  }
}
