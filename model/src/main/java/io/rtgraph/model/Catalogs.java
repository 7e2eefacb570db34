package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.coders.CatalogsCoder;
import java.util.Map;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One version of the reference data that enrichment joins against: the titles, games and
 * live-events catalogs, each keyed by its natural id. It travels as a single side input so that one
 * refresh replaces all three at once; {@link #version()} orders the refreshes, so that when two
 * loads meet in one side-input pane the newer one wins.
 */
@AutoValue
@DefaultCoder(CatalogsCoder.class)
public abstract class Catalogs {
  /** The refresh that produced this version: higher is newer. */
  public abstract long version();

  public abstract Map<String, TitleInfo> titles();

  public abstract Map<String, GameInfo> games();

  public abstract Map<String, LiveEventInfo> liveEvents();

  public static Catalogs of(
      long version,
      Map<String, TitleInfo> titles,
      Map<String, GameInfo> games,
      Map<String, LiveEventInfo> liveEvents) {
    return new AutoValue_Catalogs(
        version, Map.copyOf(titles), Map.copyOf(games), Map.copyOf(liveEvents));
  }

  public static Catalogs empty() {
    return of(0, Map.of(), Map.of(), Map.of());
  }

  public @Nullable TitleInfo title(String titleId) {
    return titles().get(titleId);
  }

  public @Nullable GameInfo game(String gameId) {
    return games().get(gameId);
  }

  public @Nullable LiveEventInfo liveEvent(String liveEventId) {
    return liveEvents().get(liveEventId);
  }

  @Override
  public final String toString() {
    return "Catalogs{version="
        + version()
        + ", titles="
        + titles().size()
        + ", games="
        + games().size()
        + ", liveEvents="
        + liveEvents().size()
        + "}";
  }
}
