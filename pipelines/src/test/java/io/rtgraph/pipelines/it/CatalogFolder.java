package io.rtgraph.pipelines.it;

import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.tools.generator.SampleCatalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.rules.TemporaryFolder;

/**
 * A temporary folder holding the catalogs of a test, by default the sample catalogs that the
 * generator's events refer to, and the flags that point a topic job at them.
 */
public final class CatalogFolder extends TemporaryFolder {
  /** The titles, games and live-events catalogs, as JSON lines; null for the sample catalogs. */
  private final @Nullable List<String> catalogs;

  /** A folder of the sample catalogs. */
  public CatalogFolder() {
    this.catalogs = null;
  }

  private CatalogFolder(List<String> catalogs) {
    this.catalogs = catalogs;
  }

  /** A folder of these catalogs, each in JSON lines, instead of the sample ones. */
  public static CatalogFolder holding(String titles, String games, String liveEvents) {
    return new CatalogFolder(List.of(titles, games, liveEvents));
  }

  @Override
  protected void before() throws Throwable {
    super.before();
    if (catalogs == null) {
      SampleCatalogs.copyTo(path());
    } else {
      Files.writeString(path().resolve(SampleCatalogs.TITLES), catalogs.get(0));
      Files.writeString(path().resolve(SampleCatalogs.GAMES), catalogs.get(1));
      Files.writeString(path().resolve(SampleCatalogs.LIVE_EVENTS), catalogs.get(2));
    }
  }

  Path path() {
    return getRoot().toPath();
  }

  /** {@code --titlesCatalog}, {@code --gamesCatalog} and {@code --liveEventsCatalog}. */
  List<String> flags() {
    return flags(path());
  }

  static List<String> flags(Path catalogs) {
    return List.of(
        "--titlesCatalog=" + catalogs.resolve(SampleCatalogs.TITLES),
        "--gamesCatalog=" + catalogs.resolve(SampleCatalogs.GAMES),
        "--liveEventsCatalog=" + catalogs.resolve(SampleCatalogs.LIVE_EVENTS));
  }

  /** Points the options of a pipeline built in the test at these catalogs, as {@link #flags}. */
  public void pointAt(GraphOptions options) {
    options.setTitlesCatalog(path().resolve(SampleCatalogs.TITLES).toString());
    options.setGamesCatalog(path().resolve(SampleCatalogs.GAMES).toString());
    options.setLiveEventsCatalog(path().resolve(SampleCatalogs.LIVE_EVENTS).toString());
  }
}
