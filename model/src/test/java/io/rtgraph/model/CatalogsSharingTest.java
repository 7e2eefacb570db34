package io.rtgraph.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.model.json.CatalogJson;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/**
 * One catalog held once per JVM: the last good version and every decoded side-input copy are the
 * same instance, and the entries share their repeated values.
 */
public class CatalogsSharingTest {
  private static final String TITLES =
      "{\"titleId\":\"t1\",\"name\":\"A\",\"kind\":\"SHOW\",\"genre\":\"drama\"}\n"
          + "{\"titleId\":\"t2\",\"name\":\"B\",\"kind\":\"SHOW\",\"genre\":\"drama\"}\n";
  private static final String GAMES =
      "{\"gameId\":\"g1\",\"name\":\"G\",\"genre\":\"puzzle\",\"basedOnTitleId\":\"t2\"}\n"
          + "{\"gameId\":\"g2\",\"name\":\"H\",\"genre\":\"puzzle\"}\n";

  private static Catalogs load(long version) throws Exception {
    return Catalogs.of(
        version,
        CatalogJson.readTitles(new BufferedReader(new StringReader(TITLES)), "titles"),
        CatalogJson.readGames(new BufferedReader(new StringReader(GAMES)), "games"),
        Map.of("l1", LiveEventInfo.of("l1", "Live")));
  }

  @Test
  public void everyDecodedCopyIsTheInstanceAlreadyHeld() throws Exception {
    Catalogs loaded = load(7);
    byte[] encoded = CoderUtils.encodeToByteArray(ModelCoder.of(Catalogs.class), loaded);
    Catalogs firstCopy = CoderUtils.decodeFromByteArray(ModelCoder.of(Catalogs.class), encoded);
    Catalogs secondCopy = CoderUtils.decodeFromByteArray(ModelCoder.of(Catalogs.class), encoded);
    assertThat(firstCopy, sameInstance(loaded));
    assertThat(secondCopy, sameInstance(loaded));
  }

  @Test
  public void differentContentOrVersionStaysApart() throws Exception {
    Catalogs seven = load(7);
    Catalogs eight = load(8);
    assertThat(eight, not(sameInstance(seven)));
    assertThat(eight.version(), equalTo(8L));
    Catalogs fewer = Catalogs.of(7, Map.of("t1", seven.title("t1")), seven.games(), Map.of());
    assertThat(fewer.titles().size(), equalTo(1));
    assertThat(fewer.liveEvents().size(), equalTo(0));
    assertThat(load(7), sameInstance(seven));
  }

  @Test
  public void entriesShareTheirRepeatedValuesAndKeepThem() throws Exception {
    Catalogs catalogs = load(9);
    TitleInfo first = catalogs.title("t1");
    TitleInfo second = catalogs.title("t2");
    assertThat(first, equalTo(TitleInfo.of("t1", "A", "SHOW", "drama")));
    assertThat(second, equalTo(TitleInfo.of("t2", "B", "SHOW", "drama")));
    assertThat(second.genre(), sameInstance(first.genre()));
    assertThat(second.kind(), sameInstance(first.kind()));
    assertThat(catalogs.game("g2").genre(), sameInstance(catalogs.game("g1").genre()));
    assertThat(catalogs.game("g1").basedOnTitleId(), sameInstance(second.titleId()));
    assertThat(catalogs.game("g1"), equalTo(GameInfo.of("g1", "G", "puzzle", "t2")));
  }
}
