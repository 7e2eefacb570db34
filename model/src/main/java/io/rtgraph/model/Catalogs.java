package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.coders.CatalogsCoder;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One version of the reference data that enrichment joins against: the titles, games and
 * live-events catalogs, each keyed by its natural id. It travels as a single side input so that one
 * refresh replaces all three at once; {@link #version()} orders the refreshes, so that when two
 * loads meet in one side-input pane the newer one wins.
 *
 * <p><b>Footprint.</b> A catalog of 200,000 titles is tens of megabytes on the heap, and a running
 * job would hold it several times: the last good version in the loader's state, and one decoded
 * copy per parallel instance of every step that reads the side input. So {@link #of} returns one
 * shared instance per distinct content in the JVM (a weak interner: it holds nothing the job no
 * longer references), and it makes the entries share their repeated attribute values (a title's
 * kind and genre, the title id a game is based on), which the file and the wire repeat per entry.
 * The values are immutable, so sharing them is invisible to their readers.
 */
@AutoValue
@DefaultCoder(CatalogsCoder.class)
public abstract class Catalogs {
  /** The refresh that produced this version: higher is newer. */
  public abstract long version();

  public abstract Map<String, TitleInfo> titles();

  public abstract Map<String, GameInfo> games();

  public abstract Map<String, LiveEventInfo> liveEvents();

  /** The distinct catalog values alive in this JVM, each mapped to itself. */
  private static final Map<Catalogs, WeakReference<Catalogs>> SHARED = new WeakHashMap<>();

  public static Catalogs of(
      long version,
      Map<String, TitleInfo> titles,
      Map<String, GameInfo> games,
      Map<String, LiveEventInfo> liveEvents) {
    Map<String, String> values = new HashMap<>();
    Map<String, TitleInfo> sharedTitles = new HashMap<>(titles.size() * 2);
    for (Map.Entry<String, TitleInfo> entry : titles.entrySet()) {
      TitleInfo title = entry.getValue();
      sharedTitles.put(
          entry.getKey(),
          TitleInfo.of(
              title.titleId(),
              title.name(),
              share(title.kind(), values),
              share(title.genre(), values)));
    }
    Map<String, GameInfo> sharedGames = new HashMap<>(games.size() * 2);
    for (Map.Entry<String, GameInfo> entry : games.entrySet()) {
      GameInfo game = entry.getValue();
      TitleInfo basedOn = game.basedOnTitleId() == null ? null : titles.get(game.basedOnTitleId());
      sharedGames.put(
          entry.getKey(),
          GameInfo.of(
              game.gameId(),
              game.name(),
              share(game.genre(), values),
              basedOn == null ? game.basedOnTitleId() : basedOn.titleId()));
    }
    return shared(
        new AutoValue_Catalogs(
            version, Map.copyOf(sharedTitles), Map.copyOf(sharedGames), Map.copyOf(liveEvents)));
  }

  private static @Nullable String share(@Nullable String value, Map<String, String> values) {
    return value == null ? null : values.computeIfAbsent(value, v -> v);
  }

  /** The instance equal to {@code catalogs} that the JVM already holds, or {@code catalogs}. */
  private static Catalogs shared(Catalogs catalogs) {
    synchronized (SHARED) {
      WeakReference<Catalogs> held = SHARED.get(catalogs);
      Catalogs existing = held == null ? null : held.get();
      if (existing != null) {
        return existing;
      }
      SHARED.put(catalogs, new WeakReference<>(catalogs));
      return catalogs;
    }
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
