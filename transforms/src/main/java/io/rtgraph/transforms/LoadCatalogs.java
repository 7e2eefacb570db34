package io.rtgraph.transforms;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.Catalogs;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.model.json.CatalogJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the titles, games and live-events catalogs (JSON-lines files, any path or URI Beam's {@link
 * FileSystems} can open) into one singleton side input.
 *
 * <p>With a refresh interval it is the slowly-updating side-input pattern: a ticking source in the
 * global window, fired on every tick, re-reads the files, so a catalog change reaches the running
 * pipeline without a restart. The source ticks at once whenever the job starts or is restored
 * ({@link RefreshTicks}), so enrichment never waits a whole interval for its side input. A file
 * that is missing, unreadable or malformed at a refresh keeps the last good version of that
 * catalog, with a warning and the {@code catalog_refresh_failures} counter. The last good version
 * is kept in keyed state under a single key, so it survives a new DoFn instance, a failover and a
 * savepoint. Without an interval (batch, backfill) the files are read once.
 *
 * <p>A file that parses can still be wrong: one being rewritten in place is empty, then cut at a
 * line boundary, until the writer finishes. So a refresh that yields an empty catalog, or drops
 * more than {@link #withMaxShrink a fraction} of the last good version's entries, is refused the
 * same way, and also counted in {@code catalog_refresh_rejected}. A catalog that has no last good
 * version yet is taken as it is. To take a catalog that is legitimately much smaller, start the job
 * with {@link #acceptingAnyCatalogsAtStart}: the first refresh of each run is then taken whatever
 * its size, and the later ones are checked against it.
 */
@AutoValue
public abstract class LoadCatalogs extends PTransform<PBegin, PCollectionView<Catalogs>> {
  private static final String CATALOG_SET_KEY = "catalogs";

  /**
   * The refresh interval used when a streaming pipeline does not choose one, in seconds: a
   * compile-time constant, so that the pipelines' flag can name it as its default.
   */
  public static final long DEFAULT_REFRESH_SECONDS = 300;

  public static final Duration DEFAULT_REFRESH_INTERVAL =
      Duration.standardSeconds(DEFAULT_REFRESH_SECONDS);

  /**
   * The fraction of a catalog's entries one refresh may drop when a pipeline does not choose one; a
   * compile-time constant, so that the pipelines' flag can name it as its default.
   */
  public static final double DEFAULT_MAX_CATALOG_SHRINK = 0.5;

  abstract @Nullable String titlesPath();

  abstract @Nullable String gamesPath();

  abstract @Nullable String liveEventsPath();

  abstract Duration refreshInterval();

  abstract double maxShrink();

  abstract boolean anyCatalogsAtStart();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setTitlesPath(@Nullable String path);

    abstract Builder setGamesPath(@Nullable String path);

    abstract Builder setLiveEventsPath(@Nullable String path);

    abstract Builder setRefreshInterval(Duration interval);

    abstract Builder setMaxShrink(double fraction);

    abstract Builder setAnyCatalogsAtStart(boolean any);

    abstract LoadCatalogs build();
  }

  /** No catalog yet, read once; add catalogs with the {@code with*} methods. */
  public static LoadCatalogs once() {
    return new AutoValue_LoadCatalogs.Builder()
        .setRefreshInterval(Duration.ZERO)
        .setMaxShrink(DEFAULT_MAX_CATALOG_SHRINK)
        .setAnyCatalogsAtStart(false)
        .build();
  }

  public LoadCatalogs withTitles(@Nullable String path) {
    return toBuilder().setTitlesPath(path).build();
  }

  public LoadCatalogs withGames(@Nullable String path) {
    return toBuilder().setGamesPath(path).build();
  }

  public LoadCatalogs withLiveEvents(@Nullable String path) {
    return toBuilder().setLiveEventsPath(path).build();
  }

  /** Re-reads the files at this interval; {@link Duration#ZERO} reads them once. */
  public LoadCatalogs refreshedEvery(Duration interval) {
    if (interval.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("the catalog refresh interval must not be negative");
    }
    return toBuilder().setRefreshInterval(interval).build();
  }

  /**
   * Refuses a refresh that drops more than this fraction of a catalog's entries (0.5 by default);
   * 1.0 refuses only an empty catalog, which is always refused while a last good version exists.
   */
  public LoadCatalogs withMaxShrink(double fraction) {
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException(
          "the largest catalog shrink is a fraction from 0 to 1, not " + fraction);
    }
    return toBuilder().setMaxShrink(fraction).build();
  }

  /**
   * With {@code true}, the first refresh after the job starts or is restored takes the files
   * whatever their size, an empty catalog included; later refreshes are checked against it again.
   */
  public LoadCatalogs acceptingAnyCatalogsAtStart(boolean any) {
    return toBuilder().setAnyCatalogsAtStart(any).build();
  }

  @Override
  public PCollectionView<Catalogs> expand(PBegin begin) {
    PCollection<Long> loads;
    if (refreshInterval().isLongerThan(Duration.ZERO)) {
      loads =
          begin
              .apply("TickEveryRefresh", Read.from(new RefreshTicks(refreshInterval())))
              .apply(
                  "FireOnEveryTick",
                  Window.<Long>into(new GlobalWindows())
                      .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                      .discardingFiredPanes());
    } else {
      loads = begin.apply("LoadOnce", Create.of(0L));
    }
    return loads
        .apply("KeyAsTheOnlyCatalogSet", WithKeys.of(CATALOG_SET_KEY))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply(
            "ReadCatalogFiles",
            ParDo.of(
                new ReadCatalogsFn(
                    titlesPath(),
                    gamesPath(),
                    liveEventsPath(),
                    maxShrink(),
                    anyCatalogsAtStart())))
        .setCoder(ModelCoder.of(Catalogs.class))
        .apply(
            "KeepNewestVersion",
            Combine.globally(new NewestCatalogsFn()).withoutDefaults().asSingletonView());
  }

  /**
   * Of the catalog versions that meet in one pane, keeps the newest. An empty pane (the global
   * window's final one, when a job is drained) yields empty catalogs older than any real load,
   * never null.
   */
  static final class NewestCatalogsFn extends Combine.CombineFn<Catalogs, Catalogs, Catalogs> {
    private static final Catalogs NOTHING_LOADED =
        Catalogs.of(Long.MIN_VALUE, Map.of(), Map.of(), Map.of());

    @Override
    public Catalogs createAccumulator() {
      return NOTHING_LOADED;
    }

    @Override
    public Catalogs addInput(Catalogs newest, Catalogs input) {
      return input.version() > newest.version() ? input : newest;
    }

    @Override
    public Catalogs mergeAccumulators(Iterable<Catalogs> accumulators) {
      Catalogs newest = NOTHING_LOADED;
      for (Catalogs catalogs : accumulators) {
        newest = addInput(newest, catalogs);
      }
      return newest;
    }

    @Override
    public Catalogs extractOutput(Catalogs newest) {
      return newest;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Catalogs> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Catalogs> input) {
      return ModelCoder.of(Catalogs.class);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Catalogs> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Catalogs> input) {
      return ModelCoder.of(Catalogs.class);
    }
  }

  /**
   * Reads the configured files on every tick. State holds the last good version, the fallback for a
   * catalog that cannot be read or that shrank too much; it is one {@link Catalogs} value under the
   * single key.
   */
  static final class ReadCatalogsFn extends DoFn<KV<String, Long>, Catalogs> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadCatalogsFn.class);
    static final String LAST_GOOD = "lastGood";

    @StateId(LAST_GOOD)
    private final StateSpec<ValueState<Catalogs>> lastGoodSpec =
        StateSpecs.value(ModelCoder.of(Catalogs.class));

    private final @Nullable String titlesPath;
    private final @Nullable String gamesPath;
    private final @Nullable String liveEventsPath;
    private final double maxShrink;
    private final boolean anyCatalogsAtStart;
    private final Counter refreshFailures = GraphMetric.CATALOG_REFRESH_FAILURES.counter();
    private final Counter refreshRejections = GraphMetric.CATALOG_REFRESH_REJECTED.counter();

    /**
     * Whether this instance has refreshed yet. An instance lives as long as the job runs on one
     * worker: a start, a restore or a failover makes a new one, and that is what "at start" means.
     */
    private transient boolean refreshedOnce;

    ReadCatalogsFn(
        @Nullable String titlesPath,
        @Nullable String gamesPath,
        @Nullable String liveEventsPath,
        double maxShrink,
        boolean anyCatalogsAtStart) {
      this.titlesPath = titlesPath;
      this.gamesPath = gamesPath;
      this.liveEventsPath = liveEventsPath;
      this.maxShrink = maxShrink;
      this.anyCatalogsAtStart = anyCatalogsAtStart;
    }

    @Setup
    public void setup() {
      refreshedOnce = false;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Long> tick,
        @StateId(LAST_GOOD) ValueState<Catalogs> lastGood,
        OutputReceiver<Catalogs> out) {
      Catalogs current = refresh(tick.getValue(), lastGood.read());
      lastGood.write(current);
      out.output(current);
    }

    /** The catalogs of one tick: each one freshly read, or kept from the last good version. */
    Catalogs refresh(long version, @Nullable Catalogs lastGood) {
      Catalogs previous = lastGood == null ? Catalogs.empty() : lastGood;
      boolean checkShrink = refreshedOnce || !anyCatalogsAtStart;
      refreshedOnce = true;
      return Catalogs.of(
          version,
          load("titles", titlesPath, previous.titles(), checkShrink, CatalogJson::readTitles),
          load("games", gamesPath, previous.games(), checkShrink, CatalogJson::readGames),
          load(
              "live events",
              liveEventsPath,
              previous.liveEvents(),
              checkShrink,
              CatalogJson::readLiveEvents));
    }

    private <T> Map<String, T> load(
        String catalog,
        @Nullable String path,
        Map<String, T> lastGood,
        boolean checkShrink,
        CatalogReader<T> reader) {
      if (path == null) {
        return lastGood;
      }
      Map<String, T> loaded;
      try (ReadableByteChannel channel =
              FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId());
          BufferedReader lines = new BufferedReader(strictUtf8(channel))) {
        loaded = reader.read(lines, path);
      } catch (IOException | RuntimeException e) {
        refreshFailures.inc();
        LOG.warn(
            "Cannot read the {} catalog from {}; keeping the last good version ({} entries): {}",
            catalog,
            path,
            lastGood.size(),
            e.toString());
        return lastGood;
      }
      if (checkShrink && shrinksTooMuch(lastGood.size(), loaded.size(), maxShrink)) {
        refreshFailures.inc();
        refreshRejections.inc();
        LOG.warn(
            "Refusing the {} catalog from {}: it has {} entries where the last good version has {},"
                + " {}; keeping the last good version. If the smaller catalog is meant, restart the"
                + " job with --acceptAnyCatalogsAtStart (its first refresh takes the files as they"
                + " are){}.",
            catalog,
            path,
            loaded.size(),
            lastGood.size(),
            loaded.isEmpty()
                ? "and an empty catalog never replaces a good one"
                : String.format(
                    Locale.ROOT,
                    "a drop of %.0f%% where --maxCatalogShrink=%s allows at most %.0f%%",
                    100.0 * (lastGood.size() - loaded.size()) / lastGood.size(),
                    maxShrink,
                    100.0 * maxShrink),
            loaded.isEmpty() ? "" : " or with a larger --maxCatalogShrink");
        return lastGood;
      }
      if (loaded.size() != lastGood.size()) {
        LOG.info("Loaded the {} catalog from {}: {} entries", catalog, path, loaded.size());
      }
      return loaded;
    }

    private static Reader strictUtf8(ReadableByteChannel channel) {
      return Channels.newReader(
          channel,
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT),
          -1);
    }
  }

  /**
   * Whether a refresh from {@code lastGoodSize} to {@code loadedSize} entries looks like a file
   * caught while being rewritten: an empty catalog over a non-empty one, or a drop of more than
   * {@code maxShrink} of the entries. A catalog that had no entries takes anything.
   */
  static boolean shrinksTooMuch(int lastGoodSize, int loadedSize, double maxShrink) {
    if (lastGoodSize == 0) {
      return false;
    }
    if (loadedSize == 0) {
      return true;
    }
    return lastGoodSize - loadedSize > maxShrink * lastGoodSize;
  }

  /** One of the {@link CatalogJson} readers. */
  @FunctionalInterface
  interface CatalogReader<T> {
    Map<String, T> read(BufferedReader lines, String source) throws IOException;
  }
}
