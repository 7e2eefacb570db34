package io.rtgraph.model.json;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.GameInfo;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Map;
import org.junit.Test;

public class CatalogJsonTest {

  @Test
  public void readsEntriesAndSkipsBlankLines() throws Exception {
    Map<String, GameInfo> games =
        CatalogJson.readGames(
            reader(
                "{\"gameId\":\"g1\",\"name\":\"G\",\"genre\":\"puzzle\",\"basedOnTitleId\":\"t1\"}\n\n"
                    + "{\"gameId\":\"g2\",\"name\":\"H\",\"popularity\":3}\n"),
            "games.jsonl");
    assertThat(
        games,
        equalTo(
            Map.of(
                "g1", GameInfo.of("g1", "G", "puzzle", "t1"),
                "g2", GameInfo.of("g2", "H", null, null))));
  }

  @Test
  public void oneBadLineRejectsTheWholeFileNamingTheLine() {
    CatalogJson.CatalogFormatException e =
        assertThrows(
            CatalogJson.CatalogFormatException.class,
            () ->
                CatalogJson.readTitles(
                    reader(
                        "{\"titleId\":\"t1\",\"kind\":\"SHOW\"}\n{\"titleId\":\"t2\",\"kind\":\"SERIES\"}\n"),
                    "titles.jsonl"));
    assertThat(e.getMessage(), containsString("titles.jsonl line 2"));
    assertThat(e.getMessage(), containsString("SERIES"));
  }

  @Test
  public void aTruncatedLineIsAFormatError() {
    assertThrows(
        CatalogJson.CatalogFormatException.class,
        () -> CatalogJson.readLiveEvents(reader("{\"liveEventId\":\"l1\",\"na"), "live.jsonl"));
  }

  private static BufferedReader reader(String text) {
    return new BufferedReader(new StringReader(text));
  }
}
