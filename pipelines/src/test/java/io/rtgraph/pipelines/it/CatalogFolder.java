package io.rtgraph.pipelines.it;

import io.rtgraph.tools.generator.SampleCatalogs;
import java.nio.file.Path;
import java.util.List;
import org.junit.rules.TemporaryFolder;

/**
 * A temporary folder holding the sample catalogs that the generator's events refer to, and the
 * flags that point a topic job at them.
 */
public final class CatalogFolder extends TemporaryFolder {
  @Override
  protected void before() throws Throwable {
    super.before();
    SampleCatalogs.copyTo(path());
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
}
