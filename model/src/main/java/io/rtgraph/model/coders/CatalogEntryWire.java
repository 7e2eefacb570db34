package io.rtgraph.model.coders;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.TitleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.sdk.coders.CoderException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The binary form of one kind of catalog entry, shared by the catalogs and mapped-event coders: a
 * presence byte, the id, then each optional attribute behind its own presence byte. An entry is
 * seen here as its fields in wire order, the id first.
 */
final class CatalogEntryWire<T> {
  static final CatalogEntryWire<TitleInfo> TITLE =
      new CatalogEntryWire<>(
          4,
          t -> new String[] {t.titleId(), t.name(), t.kind(), t.genre()},
          f -> TitleInfo.of(f[0], f[1], f[2], f[3]));

  static final CatalogEntryWire<GameInfo> GAME =
      new CatalogEntryWire<>(
          4,
          g -> new String[] {g.gameId(), g.name(), g.genre(), g.basedOnTitleId()},
          f -> GameInfo.of(f[0], f[1], f[2], f[3]));

  static final CatalogEntryWire<LiveEventInfo> LIVE_EVENT =
      new CatalogEntryWire<>(
          2, l -> new String[] {l.liveEventId(), l.name()}, f -> LiveEventInfo.of(f[0], f[1]));

  private final int fieldCount;
  private final Function<T, @Nullable String[]> fields;
  private final Function<@Nullable String[], T> entry;

  private CatalogEntryWire(
      int fieldCount,
      Function<T, @Nullable String[]> fields,
      Function<@Nullable String[], T> entry) {
    this.fieldCount = fieldCount;
    this.fields = fields;
    this.entry = entry;
  }

  void write(@Nullable T value, OutputStream out) throws IOException {
    Wire.writeNullable(value, this::writeFields, out);
  }

  @Nullable T read(InputStream in) throws IOException {
    return Wire.readNullable(in, this::readFields);
  }

  /** A catalog: its size, then its entries sorted by id, so that equal catalogs are equal bytes. */
  void writeAll(Map<String, T> catalog, OutputStream out) throws IOException {
    Wire.writeInt(catalog.size(), out);
    for (T value : new TreeMap<>(catalog).values()) {
      write(value, out);
    }
  }

  /** A catalog {@link #writeAll} wrote, keyed by id. */
  Map<String, T> readAll(InputStream in) throws IOException {
    int count = Wire.readInt(in);
    Map<String, T> catalog = new HashMap<>();
    for (int i = 0; i < count; i++) {
      T value = read(in);
      if (value == null) {
        throw new CoderException("CatalogsCoder: a catalog holds an absent entry");
      }
      catalog.put(fields.apply(value)[0], value);
    }
    return catalog;
  }

  private void writeFields(T value, OutputStream out) throws IOException {
    @Nullable String[] values = fields.apply(value);
    Wire.writeString(values[0], out);
    for (int i = 1; i < values.length; i++) {
      Wire.writeNullableString(values[i], out);
    }
  }

  private T readFields(InputStream in) throws IOException {
    @Nullable String[] values = new String[fieldCount];
    values[0] = Wire.readString(in);
    for (int i = 1; i < fieldCount; i++) {
      values[i] = Wire.readNullableString(in);
    }
    return entry.apply(values);
  }
}
