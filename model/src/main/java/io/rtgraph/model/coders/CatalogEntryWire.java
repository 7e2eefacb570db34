package io.rtgraph.model.coders;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.TitleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Binary forms of the catalog entries, shared by the catalogs and mapped-event coders: a presence
 * byte, the id, then each optional attribute behind its own presence byte.
 */
final class CatalogEntryWire {
  private CatalogEntryWire() {}

  static void writeTitle(@Nullable TitleInfo title, OutputStream out) throws IOException {
    Wire.writeNullable(
        title, (t, o) -> writeEntry(o, t.titleId(), t.name(), t.kind(), t.genre()), out);
  }

  static @Nullable TitleInfo readTitle(InputStream in) throws IOException {
    return Wire.readNullable(
        in, i -> TitleInfo.of(Wire.readString(i), optional(i), optional(i), optional(i)));
  }

  static void writeGame(@Nullable GameInfo game, OutputStream out) throws IOException {
    Wire.writeNullable(
        game, (g, o) -> writeEntry(o, g.gameId(), g.name(), g.genre(), g.basedOnTitleId()), out);
  }

  static @Nullable GameInfo readGame(InputStream in) throws IOException {
    return Wire.readNullable(
        in, i -> GameInfo.of(Wire.readString(i), optional(i), optional(i), optional(i)));
  }

  static void writeLiveEvent(@Nullable LiveEventInfo liveEvent, OutputStream out)
      throws IOException {
    Wire.writeNullable(liveEvent, (l, o) -> writeEntry(o, l.liveEventId(), l.name()), out);
  }

  static @Nullable LiveEventInfo readLiveEvent(InputStream in) throws IOException {
    return Wire.readNullable(in, i -> LiveEventInfo.of(Wire.readString(i), optional(i)));
  }

  private static void writeEntry(OutputStream out, String id, @Nullable String... attributes)
      throws IOException {
    Wire.writeString(id, out);
    for (String attribute : attributes) {
      Wire.writeNullableString(attribute, out);
    }
  }

  private static @Nullable String optional(InputStream in) throws IOException {
    return Wire.readNullableString(in);
  }
}
