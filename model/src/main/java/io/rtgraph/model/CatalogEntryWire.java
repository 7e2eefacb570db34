package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Binary forms of the catalog entries, shared by the catalogs and enriched-event coders. */
final class CatalogEntryWire {
  private CatalogEntryWire() {}

  static void writeTitle(@Nullable TitleInfo title, OutputStream out) throws IOException {
    out.write(title == null ? 0 : 1);
    if (title != null) {
      Wire.writeString(title.titleId(), out);
      Wire.writeNullableString(title.name(), out);
      Wire.writeNullableString(title.kind(), out);
      Wire.writeNullableString(title.genre(), out);
    }
  }

  static @Nullable TitleInfo readTitle(InputStream in) throws IOException {
    if (!Wire.readPresence(in)) {
      return null;
    }
    return TitleInfo.of(
        Wire.readString(in),
        Wire.readNullableString(in),
        Wire.readNullableString(in),
        Wire.readNullableString(in));
  }

  static void writeGame(@Nullable GameInfo game, OutputStream out) throws IOException {
    out.write(game == null ? 0 : 1);
    if (game != null) {
      Wire.writeString(game.gameId(), out);
      Wire.writeNullableString(game.name(), out);
      Wire.writeNullableString(game.genre(), out);
      Wire.writeNullableString(game.basedOnTitleId(), out);
    }
  }

  static @Nullable GameInfo readGame(InputStream in) throws IOException {
    if (!Wire.readPresence(in)) {
      return null;
    }
    return GameInfo.of(
        Wire.readString(in),
        Wire.readNullableString(in),
        Wire.readNullableString(in),
        Wire.readNullableString(in));
  }

  static void writeLiveEvent(@Nullable LiveEventInfo liveEvent, OutputStream out)
      throws IOException {
    out.write(liveEvent == null ? 0 : 1);
    if (liveEvent != null) {
      Wire.writeString(liveEvent.liveEventId(), out);
      Wire.writeNullableString(liveEvent.name(), out);
    }
  }

  static @Nullable LiveEventInfo readLiveEvent(InputStream in) throws IOException {
    if (!Wire.readPresence(in)) {
      return null;
    }
    return LiveEventInfo.of(Wire.readString(in), Wire.readNullableString(in));
  }
}
