package io.rtgraph.tools.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.json.CatalogJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Catalogs of a chosen size, read back with the pipelines' own catalog parser. */
public class CatalogWriterTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void holdsTheSampleAndGeneratedEntriesUpToTheSize() throws IOException {
    Path dir = folder.newFolder().toPath();
    CatalogWriter.write(dir, 1_000, 300, 50, 7);
    var titles = CatalogJson.readTitles(reader(dir, SampleCatalogs.TITLES), "titles");
    Map<String, GameInfo> games = CatalogJson.readGames(reader(dir, SampleCatalogs.GAMES), "games");
    var liveEvents =
        CatalogJson.readLiveEvents(reader(dir, SampleCatalogs.LIVE_EVENTS), "live events");
    assertThat(titles.size(), equalTo(1_000));
    assertThat(games.size(), equalTo(300));
    assertThat(liveEvents.size(), equalTo(50));
    // The events the generator makes name the sample's entries: they stay.
    assertThat(titles, hasKey(ExampleMember.TITLE));
    assertThat(titles, hasKey("t-0200"));
    assertThat(games, hasKey(ExampleMember.GAME));
    assertThat(liveEvents, hasKey(ExampleMember.LIVE_EVENT));
    for (GameInfo game : games.values()) {
      if (game.basedOnTitleId() != null) {
        assertThat(game.toString(), titles, hasKey(game.basedOnTitleId()));
      }
    }
  }

  @Test
  public void aSizeBelowTheSampleWritesTheSampleAlone() throws IOException {
    Path dir = folder.newFolder().toPath();
    CatalogWriter.write(dir, 0, 0, 0, 7);
    for (String name :
        new String[] {SampleCatalogs.TITLES, SampleCatalogs.GAMES, SampleCatalogs.LIVE_EVENTS}) {
      assertThat(
          name,
          Files.readAllBytes(dir.resolve(name)),
          equalTo(Files.readAllBytes(Path.of("../scripts/sample-catalogs", name))));
    }
  }

  @Test
  public void theSameSeedWritesTheSameBytes() throws IOException {
    Path first = folder.newFolder().toPath();
    Path second = folder.newFolder().toPath();
    Path otherSeed = folder.newFolder().toPath();
    CatalogWriter.write(first, 2_000, 100, 20, 42);
    CatalogWriter.write(second, 2_000, 100, 20, 42);
    CatalogWriter.write(otherSeed, 2_000, 100, 20, 43);
    for (String name :
        new String[] {SampleCatalogs.TITLES, SampleCatalogs.GAMES, SampleCatalogs.LIVE_EVENTS}) {
      byte[] bytes = Files.readAllBytes(first.resolve(name));
      assertThat(name, Files.readAllBytes(second.resolve(name)), equalTo(bytes));
      assertThat(name, Files.readAllBytes(otherSeed.resolve(name)), not(equalTo(bytes)));
    }
  }

  private static BufferedReader reader(Path dir, String name) throws IOException {
    return Files.newBufferedReader(dir.resolve(name));
  }
}
