package io.rtgraph.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.Catalogs;
import io.rtgraph.transforms.LoadCatalogs.ReadCatalogsFn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A refresh that empties a catalog or drops more than the allowed fraction of it keeps the last
 * good version, as a file caught while being rewritten in place would; the operator's start flag
 * lets a legitimately smaller catalog in. Runs the refresh of {@link ReadCatalogsFn} directly on
 * real files: the state it would keep is the value passed back in.
 */
public class CatalogShrinkGuardTest {
  private static final Set<String> TEN_TITLES =
      Set.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10");

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private Path titles;
  private Path games;

  @Before
  public void writeTenTitles() throws IOException {
    titles = folder.getRoot().toPath().resolve("titles.jsonl");
    games = folder.getRoot().toPath().resolve("games.jsonl");
    rewriteInPlace(titles, 10);
    Files.writeString(
        games, "{\"gameId\":\"g1\",\"name\":\"Dark Puzzles\"}\n", StandardCharsets.UTF_8);
  }

  @Test
  public void aFirstLoadIsTakenWhateverItsSize() throws IOException {
    rewriteInPlace(titles, 0);
    Catalogs loaded = guarded(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK).refresh(1, null);
    assertThat(loaded.titles().keySet(), equalTo(Set.of()));
    assertThat(loaded.games().keySet(), equalTo(Set.of("g1")));
  }

  @Test
  public void anEmptyFileKeepsTheLastGoodVersion() throws IOException {
    ReadCatalogsFn fn = guarded(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK);
    Catalogs lastGood = fn.refresh(1, null);
    assertThat(lastGood.titles().keySet(), equalTo(TEN_TITLES));

    rewriteInPlace(titles, 0);
    Catalogs refreshed = fn.refresh(2, lastGood);
    assertThat(refreshed.version(), equalTo(2L));
    assertThat(refreshed.titles(), equalTo(lastGood.titles()));
  }

  @Test
  public void aFileCutTo40PercentKeepsTheLastGoodVersion() throws IOException {
    assertThat(titlesAfterCut(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK, 4), equalTo(TEN_TITLES));
  }

  @Test
  public void aFileCutTo60PercentIsTaken() throws IOException {
    assertThat(
        titlesAfterCut(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK, 6),
        equalTo(Set.of("t1", "t2", "t3", "t4", "t5", "t6")));
  }

  /** The limit is "more than half": dropping exactly half is allowed. */
  @Test
  public void dropping50PercentIsTakenAtTheDefault() throws IOException {
    assertThat(
        titlesAfterCut(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK, 5),
        equalTo(Set.of("t1", "t2", "t3", "t4", "t5")));
  }

  @Test
  public void aStricterLimitRefusesASmallerDrop() throws IOException {
    assertThat(titlesAfterCut(0.1, 8), equalTo(TEN_TITLES));
  }

  @Test
  public void aLimitOfOneTakesAnyDropButNotAnEmptyCatalog() throws IOException {
    ReadCatalogsFn fn = guarded(1.0);
    Catalogs lastGood = fn.refresh(1, null);

    rewriteInPlace(titles, 0);
    assertThat(fn.refresh(2, lastGood).titles().keySet(), equalTo(TEN_TITLES));
    rewriteInPlace(titles, 1);
    assertThat(fn.refresh(3, lastGood).titles().keySet(), equalTo(Set.of("t1")));
  }

  /**
   * Each catalog is judged on its own: a refused titles file does not hold back a good games file.
   */
  @Test
  public void aRefusedCatalogDoesNotHoldBackTheOthers() throws IOException {
    ReadCatalogsFn fn = guarded(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK);
    Catalogs lastGood = fn.refresh(1, null);

    rewriteInPlace(titles, 0);
    Files.writeString(
        games,
        "{\"gameId\":\"g1\",\"name\":\"Dark Puzzles\"}\n{\"gameId\":\"g2\",\"name\":\"Chess\"}\n",
        StandardCharsets.UTF_8);
    Catalogs refreshed = fn.refresh(2, lastGood);
    assertThat(refreshed.titles().keySet(), equalTo(TEN_TITLES));
    assertThat(refreshed.games().keySet(), equalTo(Set.of("g1", "g2")));
  }

  /**
   * The operator's override: the first refresh of a started (or restored) job takes the files as
   * they are; the refreshes after it are guarded against that new version.
   */
  @Test
  public void withTheStartFlagTheFirstRefreshTakesASmallerCatalogAndTheNextIsGuardedAgain()
      throws IOException {
    Catalogs restoredLastGood = guarded(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK).refresh(1, null);
    rewriteInPlace(titles, 2);

    ReadCatalogsFn started = startFlagged();
    Catalogs taken = started.refresh(2, restoredLastGood);
    assertThat(taken.titles().keySet(), equalTo(Set.of("t1", "t2")));

    rewriteInPlace(titles, 0);
    assertThat(started.refresh(3, taken).titles().keySet(), equalTo(Set.of("t1", "t2")));
  }

  @Test
  public void withoutTheStartFlagTheFirstRefreshIsGuarded() throws IOException {
    Catalogs restoredLastGood = guarded(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK).refresh(1, null);
    rewriteInPlace(titles, 2);

    ReadCatalogsFn restarted = guarded(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK);
    assertThat(restarted.refresh(2, restoredLastGood).titles().keySet(), equalTo(TEN_TITLES));
  }

  @Test
  public void withTheStartFlagAnEmptyCatalogIsTakenAtStart() throws IOException {
    Catalogs restoredLastGood = guarded(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK).refresh(1, null);
    rewriteInPlace(titles, 0);

    assertThat(startFlagged().refresh(2, restoredLastGood).titles().keySet(), equalTo(Set.of()));
  }

  @Test
  public void aLimitOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LoadCatalogs.once().withMaxShrink(1.5));
    assertThrows(IllegalArgumentException.class, () -> LoadCatalogs.once().withMaxShrink(-0.1));
    assertThrows(
        IllegalArgumentException.class, () -> LoadCatalogs.once().withMaxShrink(Double.NaN));
  }

  /**
   * The titles a refresh guarded by {@code maxShrink} keeps once the ten-title file it loaded first
   * is cut to its first {@code count} lines.
   */
  private Set<String> titlesAfterCut(double maxShrink, int count) throws IOException {
    ReadCatalogsFn fn = guarded(maxShrink);
    Catalogs lastGood = fn.refresh(1, null);

    rewriteInPlace(titles, count);
    return fn.refresh(2, lastGood).titles().keySet();
  }

  private ReadCatalogsFn guarded(double maxShrink) {
    ReadCatalogsFn fn =
        new ReadCatalogsFn(titles.toString(), games.toString(), null, maxShrink, false);
    fn.setup();
    return fn;
  }

  private ReadCatalogsFn startFlagged() {
    ReadCatalogsFn fn =
        new ReadCatalogsFn(
            titles.toString(),
            games.toString(),
            null,
            LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK,
            true);
    fn.setup();
    return fn;
  }

  /**
   * Truncates the file and writes its first {@code count} of ten lines, as an in-place rewrite
   * leaves it.
   */
  static void rewriteInPlace(Path file, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add("{\"titleId\":\"t" + i + "\",\"name\":\"Title " + i + "\"}");
    }
    Files.writeString(
        file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
