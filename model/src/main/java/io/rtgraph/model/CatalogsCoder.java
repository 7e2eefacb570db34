package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link Catalogs}, the side-input value. */
public final class CatalogsCoder extends AtomicCoder<Catalogs> {
  private static final CatalogsCoder INSTANCE = new CatalogsCoder();

  private CatalogsCoder() {}

  public static CatalogsCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Catalogs.class), INSTANCE);
  }

  @Override
  public void encode(Catalogs catalogs, OutputStream out) throws IOException {
    Wire.writeLong(catalogs.version(), out);
    Wire.writeInt(catalogs.titles().size(), out);
    for (TitleInfo title : catalogs.titles().values()) {
      CatalogEntryWire.writeTitle(title, out);
    }
    Wire.writeInt(catalogs.games().size(), out);
    for (GameInfo game : catalogs.games().values()) {
      CatalogEntryWire.writeGame(game, out);
    }
    Wire.writeInt(catalogs.liveEvents().size(), out);
    for (LiveEventInfo liveEvent : catalogs.liveEvents().values()) {
      CatalogEntryWire.writeLiveEvent(liveEvent, out);
    }
  }

  @Override
  public Catalogs decode(InputStream in) throws IOException {
    long version = Wire.readLong(in);
    int titleCount = Wire.readInt(in);
    Map<String, TitleInfo> titles = new HashMap<>();
    for (int i = 0; i < titleCount; i++) {
      TitleInfo title = CatalogEntryWire.readTitle(in);
      titles.put(title.titleId(), title);
    }
    int gameCount = Wire.readInt(in);
    Map<String, GameInfo> games = new HashMap<>();
    for (int i = 0; i < gameCount; i++) {
      GameInfo game = CatalogEntryWire.readGame(in);
      games.put(game.gameId(), game);
    }
    int liveEventCount = Wire.readInt(in);
    Map<String, LiveEventInfo> liveEvents = new HashMap<>();
    for (int i = 0; i < liveEventCount; i++) {
      LiveEventInfo liveEvent = CatalogEntryWire.readLiveEvent(in);
      liveEvents.put(liveEvent.liveEventId(), liveEvent);
    }
    return Catalogs.of(version, titles, games, liveEvents);
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
