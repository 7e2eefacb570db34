package io.rtgraph.tools.oracle;

import static io.rtgraph.tools.oracle.OracleInputs.expect;
import static io.rtgraph.tools.oracle.OracleInputs.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.json.GraphUpdateJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * The oracle against hand-written inputs and hand-written expected elements: each expectation below
 * is read off PRODUCT.md's graph table and merge rules, not computed.
 */
public class GraphOracleTest {

  /**
   * PRODUCT.md's Netflix example: start on a phone, continue on a TV, play the show's game on a
   * tablet.
   */
  private static final List<String[]> NETFLIX_EXAMPLE =
      List.of(
          new String[] {
            Topics.LOGIN,
            "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','profileId':'p7','deviceId':'d-phone','deviceType':'phone','result':'SUCCESS','country':'US'}"
          },
          new String[] {
            Topics.PLAYBACK,
            "{'eventId':'e2','eventTime':'2026-11-27T10:00:01.250Z','accountId':'a1','profileId':'p7','deviceId':'d-phone','deviceType':'phone','titleId':'t42','action':'START','positionMs':0}"
          },
          new String[] {
            Topics.PLAYBACK,
            "{'eventId':'e3','eventTime':'2026-11-27T10:20:00Z','accountId':'a1','profileId':'p7','deviceId':'d-phone','deviceType':'phone','titleId':'t42','action':'STOP','positionMs':1500000}"
          },
          new String[] {
            Topics.PLAYBACK,
            "{'eventId':'e4','eventTime':'2026-11-27T11:30:00+01:00','accountId':'a1','profileId':'p7','deviceId':'d-tv','deviceType':'smart_tv','titleId':'t42','action':'START'}"
          },
          new String[] {
            Topics.GAMEPLAY,
            "{'eventId':'e5','eventTime':'2026-11-27T11:00:00Z','accountId':'a1','profileId':'p7','deviceId':'d-tablet','deviceType':'tablet','gameId':'g7','action':'LAUNCH'}"
          });

  private static final List<String> NETFLIX_EXAMPLE_GRAPH =
      expect(
          "node Account:a1 10:00:00..11:00:00 member.gameplay {country=US@10:00:00}",
          "edge BASED_ON:Game:g7->Title:t42 11:00:00..11:00:00 member.gameplay {}",
          "node Device:d-phone 10:00:00..10:20:00 member.playback {deviceType=phone@10:20:00}",
          "node Device:d-tablet 11:00:00..11:00:00 member.gameplay {deviceType=tablet@11:00:00}",
          "node Device:d-tv 10:30:00..10:30:00 member.playback {deviceType=smart_tv@10:30:00}",
          "node Game:g7 11:00:00..11:00:00 member.gameplay {genre=puzzle@11:00:00, name=Stranger Things: Puzzle Tales@11:00:00}",
          "edge HAS_PROFILE:Account:a1->Profile:p7 10:00:00..11:00:00 member.gameplay {}",
          "edge LOGGED_IN_FROM:Account:a1->Device:d-phone 10:00:00..10:00:00 member.login {country=US@10:00:00}",
          "edge PLAYS:Profile:p7->Game:g7 11:00:00..11:00:00 member.gameplay {gameName=Stranger Things: Puzzle Tales@11:00:00}",
          "node Profile:p7 10:00:00..11:00:00 member.gameplay {}",
          "edge STARTED_WATCHING:Profile:p7->Title:t42 10:00:01.250..10:30:00 member.playback {titleName=Stranger Things@10:30:00}",
          "edge STREAMED_FROM:Profile:p7->Device:d-phone 10:00:01.250..10:20:00 member.playback {}",
          "edge STREAMED_FROM:Profile:p7->Device:d-tv 10:30:00..10:30:00 member.playback {}",
          "node Title:t42 10:00:01.250..11:00:00 member.gameplay {genre=sci-fi@11:00:00, kind=SHOW@11:00:00, name=Stranger Things@11:00:00}",
          "edge USES_DEVICE:Account:a1->Device:d-phone 10:00:00..10:20:00 member.playback {}",
          "edge USES_DEVICE:Account:a1->Device:d-tablet 11:00:00..11:00:00 member.gameplay {}",
          "edge USES_DEVICE:Account:a1->Device:d-tv 10:30:00..10:30:00 member.playback {}");

  @Test
  public void theNetflixExampleConnectsPhoneTvAndTabletThroughTheMember() {
    GraphOracle oracle = OracleInputs.oracle();
    feed(oracle, NETFLIX_EXAMPLE);
    assertThat(oracle.graph().describe(), equalTo(NETFLIX_EXAMPLE_GRAPH));
  }

  @Test
  public void theGraphDoesNotDependOnOrderOrRedelivery() {
    List<String[]> shuffled = new ArrayList<>(NETFLIX_EXAMPLE);
    shuffled.addAll(NETFLIX_EXAMPLE);
    Collections.reverse(shuffled);
    GraphOracle oracle = OracleInputs.oracle();
    feed(oracle, shuffled);
    assertThat(oracle.graph().describe(), equalTo(NETFLIX_EXAMPLE_GRAPH));
  }

  @Test
  public void aLateEventMovesFirstSeenBackButLosesTheProperty() {
    GraphOracle oracle = OracleInputs.oracle();
    oracle.accept(
        Topics.LIVE,
        json(
            "{'eventId':'on-time','eventTime':'2026-11-27T10:05:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','deviceType':'smart_tv','liveEventId':'l1','action':'JOIN'}"));
    oracle.accept(
        Topics.LIVE,
        json(
            "{'eventId':'late','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','deviceType':'browser','liveEventId':'l1','action':'LEAVE'}"));
    assertThat(
        oracle.graph().describe(),
        equalTo(
            expect(
                "node Account:a1 10:00:00..10:05:00 member.live {}",
                "node Device:d1 10:00:00..10:05:00 member.live {deviceType=smart_tv@10:05:00}",
                "edge HAS_PROFILE:Account:a1->Profile:p7 10:00:00..10:05:00 member.live {}",
                "node LiveEvent:l1 10:00:00..10:05:00 member.live {name=Stranger Things: Live Premiere@10:05:00}",
                "node Profile:p7 10:00:00..10:05:00 member.live {}",
                "edge STREAMED_FROM:Profile:p7->Device:d1 10:00:00..10:05:00 member.live {}",
                "edge USES_DEVICE:Account:a1->Device:d1 10:00:00..10:05:00 member.live {}",
                "edge WATCHED_LIVE:Profile:p7->LiveEvent:l1 10:00:00..10:05:00 member.live {}")));
  }

  @Test
  public void onEqualTimesTheGreaterJsonTextWinsInEitherOrder() {
    String phone =
        "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','deviceId':'d1','deviceType':'phone','result':'SUCCESS','country':'NL'}";
    String tablet =
        "{'eventId':'e2','eventTime':'2026-11-27T10:00:00.000Z','accountId':'a1','deviceId':'d1','deviceType':'tablet','result':'SUCCESS','country':'BR'}";
    List<String> expected =
        expect(
            "node Account:a1 10:00:00..10:00:00 member.login {country=NL@10:00:00}",
            "node Device:d1 10:00:00..10:00:00 member.login {deviceType=tablet@10:00:00}",
            "edge LOGGED_IN_FROM:Account:a1->Device:d1 10:00:00..10:00:00 member.login {country=NL@10:00:00}",
            "edge USES_DEVICE:Account:a1->Device:d1 10:00:00..10:00:00 member.login {}");
    for (List<String> order : List.of(List.of(phone, tablet), List.of(tablet, phone))) {
      GraphOracle oracle = OracleInputs.oracle();
      order.forEach(event -> oracle.accept(Topics.LOGIN, json(event)));
      assertThat(oracle.graph().describe(), equalTo(expected));
    }
  }

  /**
   * The tie-break compares JSON texts, not the strings: {@code "x\ty"} is written with a backslash
   * (0x5C), which is greater than {@code [} (0x5B), although a tab is less than {@code [}.
   */
  @Test
  public void theTieBreakComparesTheEscapedJsonText() {
    for (boolean tabFirst : new boolean[] {true, false}) {
      GraphOracle oracle = OracleInputs.oracle();
      String tab =
          "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','deviceId':'d1','deviceType':'x\\ty','result':'SUCCESS'}";
      String bracket =
          "{'eventId':'e2','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','deviceId':'d1','deviceType':'x[y','result':'SUCCESS'}";
      oracle.accept(Topics.LOGIN, json(tabFirst ? tab : bracket));
      oracle.accept(Topics.LOGIN, json(tabFirst ? bracket : tab));
      assertThat(
          oracle.graph().describe().get(1),
          equalTo(
              expect("node Device:d1 10:00:00..10:00:00 member.login {deviceType=x\ty@10:00:00}")));
    }
  }

  @Test
  public void aCatalogMissKeepsTheElementsWithoutCatalogProperties() {
    GraphOracle oracle = OracleInputs.oracle();
    oracle.accept(
        Topics.PLAYBACK,
        json(
            "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','titleId':'t-unknown','action':'START'}"));
    oracle.accept(
        Topics.GAMEPLAY,
        json(
            "{'eventId':'e2','eventTime':'2026-11-27T10:01:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','gameId':'g-unknown','action':'PLAY'}"));
    oracle.accept(
        Topics.GAMEPLAY,
        json(
            "{'eventId':'e3','eventTime':'2026-11-27T10:02:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','gameId':'g8','action':'PLAY'}"));
    oracle.accept(
        Topics.GAMEPLAY,
        json(
            "{'eventId':'e4','eventTime':'2026-11-27T10:03:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','gameId':'g9','action':'EXIT'}"));
    oracle.accept(
        Topics.LIVE,
        json(
            "{'eventId':'e5','eventTime':'2026-11-27T10:04:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','liveEventId':'l-unknown','action':'JOIN'}"));
    assertThat(
        oracle.graph().describe(),
        equalTo(
            expect(
                "node Account:a1 10:00:00..10:04:00 member.live {}",
                "edge BASED_ON:Game:g8->Title:t-gone 10:02:00..10:02:00 member.gameplay {}",
                "node Device:d1 10:00:00..10:04:00 member.live {}",
                "node Game:g-unknown 10:01:00..10:01:00 member.gameplay {}",
                "node Game:g8 10:02:00..10:02:00 member.gameplay {genre=arcade@10:02:00, name=Lost Relic@10:02:00}",
                "node Game:g9 10:03:00..10:03:00 member.gameplay {genre=trivia@10:03:00, name=Solo Trivia@10:03:00}",
                "edge HAS_PROFILE:Account:a1->Profile:p7 10:00:00..10:04:00 member.live {}",
                "node LiveEvent:l-unknown 10:04:00..10:04:00 member.live {}",
                "edge PLAYS:Profile:p7->Game:g-unknown 10:01:00..10:01:00 member.gameplay {}",
                "edge PLAYS:Profile:p7->Game:g8 10:02:00..10:02:00 member.gameplay {gameName=Lost Relic@10:02:00}",
                "edge PLAYS:Profile:p7->Game:g9 10:03:00..10:03:00 member.gameplay {gameName=Solo Trivia@10:03:00}",
                "node Profile:p7 10:00:00..10:04:00 member.live {}",
                "edge STARTED_WATCHING:Profile:p7->Title:t-unknown 10:00:00..10:00:00 member.playback {}",
                "edge STREAMED_FROM:Profile:p7->Device:d1 10:00:00..10:04:00 member.live {}",
                "node Title:t-gone 10:02:00..10:02:00 member.gameplay {}",
                "node Title:t-unknown 10:00:00..10:00:00 member.playback {}",
                "edge USES_DEVICE:Account:a1->Device:d1 10:00:00..10:04:00 member.live {}",
                "edge WATCHED_LIVE:Profile:p7->LiveEvent:l-unknown 10:04:00..10:04:00 member.live {}")));
  }

  /** An empty id names no node; an empty property value is still a value. */
  @Test
  public void anEmptyOptionalProfileIdNamesNoProfile() {
    GraphOracle oracle = OracleInputs.oracle();
    oracle.accept(
        Topics.LOGIN,
        json(
            "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','profileId':'','deviceId':'d1','deviceType':'','result':'SUCCESS'}"));
    assertThat(
        oracle.graph().describe(),
        equalTo(
            expect(
                "node Account:a1 10:00:00..10:00:00 member.login {}",
                "node Device:d1 10:00:00..10:00:00 member.login {deviceType=@10:00:00}",
                "edge LOGGED_IN_FROM:Account:a1->Device:d1 10:00:00..10:00:00 member.login {}",
                "edge USES_DEVICE:Account:a1->Device:d1 10:00:00..10:00:00 member.login {}")));
  }

  /** PRODUCT.md's fifth vertical, from its "Adding a vertical" section. */
  @Test
  public void aRatingGivesARatedEdgeWithTheRatingAsAString() {
    GraphOracle oracle = OracleInputs.oracle();
    oracle.accept(
        Topics.RATING,
        json(
            "{'eventId':'r1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','deviceType':'smart_tv','titleId':'t42','rating':4}"));
    oracle.accept(
        Topics.RATING,
        json(
            "{'eventId':'r2','eventTime':'2026-11-27T10:05:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','titleId':'t42','rating':5}"));
    oracle.accept(
        Topics.RATING,
        json(
            "{'eventId':'r3','eventTime':'2026-11-27T10:06:00Z','accountId':'a1','profileId':'p8','deviceId':'d1','titleId':'t-unknown','rating':1,'comment':'unknown fields are ignored'}"));
    assertThat(
        oracle.graph().describe(),
        equalTo(
            expect(
                "node Account:a1 10:00:00..10:06:00 member.rating {}",
                "node Device:d1 10:00:00..10:06:00 member.rating {deviceType=smart_tv@10:00:00}",
                "edge HAS_PROFILE:Account:a1->Profile:p7 10:00:00..10:05:00 member.rating {}",
                "edge HAS_PROFILE:Account:a1->Profile:p8 10:06:00..10:06:00 member.rating {}",
                "node Profile:p7 10:00:00..10:05:00 member.rating {}",
                "node Profile:p8 10:06:00..10:06:00 member.rating {}",
                "edge RATED:Profile:p7->Title:t42 10:00:00..10:05:00 member.rating {rating=5@10:05:00, titleName=Stranger Things@10:05:00}",
                "edge RATED:Profile:p8->Title:t-unknown 10:06:00..10:06:00 member.rating {rating=1@10:06:00}",
                "node Title:t-unknown 10:06:00..10:06:00 member.rating {}",
                "node Title:t42 10:00:00..10:05:00 member.rating {genre=sci-fi@10:05:00, kind=SHOW@10:05:00, name=Stranger Things@10:05:00}",
                "edge USES_DEVICE:Account:a1->Device:d1 10:00:00..10:06:00 member.rating {}")));
  }

  /** The hand-over to the comparison's value type keeps every field as it is. */
  @Test
  public void theMaterializedGraphCarriesEveryField() {
    GraphOracle oracle = OracleInputs.oracle();
    feed(oracle, NETFLIX_EXAMPLE);
    MaterializedGraph graph = oracle.graph().toMaterializedGraph();
    assertThat(graph.size(), equalTo(NETFLIX_EXAMPLE_GRAPH.size()));
    assertThat(graph.updatesFolded(), equalTo((long) NETFLIX_EXAMPLE_GRAPH.size()));
    Instant tv = Instant.parse("2026-11-27T10:30:00Z");
    assertThat(
        graph.get("STARTED_WATCHING:Profile:p7->Title:t42"),
        equalTo(
            GraphUpdate.create(
                GraphUpdate.Element.EDGE,
                "STARTED_WATCHING",
                "STARTED_WATCHING:Profile:p7->Title:t42",
                "Profile:p7",
                "Title:t42",
                Map.of("titleName", "Stranger Things"),
                Map.of("titleName", tv),
                Instant.parse("2026-11-27T10:00:01.250Z"),
                tv,
                "member.playback")));
    assertThat(
        graph.get("Account:a1"),
        equalTo(
            GraphUpdate.create(
                GraphUpdate.Element.NODE,
                "Account",
                "Account:a1",
                null,
                null,
                Map.of("country", "US"),
                Map.of("country", Instant.parse("2026-11-27T10:00:00Z")),
                Instant.parse("2026-11-27T10:00:00Z"),
                Instant.parse("2026-11-27T11:00:00Z"),
                "member.gameplay")));
  }

  @Test
  public void theJsonLinesAreInTheContractsForm() {
    GraphOracle oracle = OracleInputs.oracle();
    feed(oracle, NETFLIX_EXAMPLE);
    List<String> lines = oracle.graph().toJsonLines();
    assertThat(lines.size(), equalTo(NETFLIX_EXAMPLE_GRAPH.size()));
    assertThat(
        lines.get(10),
        equalTo(
            "{\"element\":\"edge\",\"type\":\"STARTED_WATCHING\",\"id\":\"STARTED_WATCHING:Profile:p7->Title:t42\","
                + "\"src\":\"Profile:p7\",\"dst\":\"Title:t42\",\"properties\":{\"titleName\":\"Stranger Things\"},"
                + "\"propertyTimes\":{\"titleName\":\"2026-11-27T10:30:00.000Z\"},"
                + "\"firstSeen\":\"2026-11-27T10:00:01.250Z\",\"lastSeen\":\"2026-11-27T10:30:00.000Z\",\"sourceTopic\":\"member.playback\"}"));
  }

  /**
   * show-graph.sh reads the demo's expected-graph file with the model's reader: the lines must read
   * back whole.
   */
  @Test
  public void theJsonLinesReadBackAsTheSameGraph() {
    GraphOracle oracle = OracleInputs.oracle();
    feed(oracle, NETFLIX_EXAMPLE);
    MaterializedGraph readBack = new MaterializedGraph();
    oracle.graph().toJsonLines().forEach(line -> readBack.add(GraphUpdateJson.fromJson(line)));
    assertThat(readBack, equalTo(oracle.graph().toMaterializedGraph()));
  }

  private static void feed(GraphOracle oracle, List<String[]> records) {
    for (String[] record : records) {
      Verdict verdict = oracle.accept(record[0], json(record[1]));
      assertThat(record[1], verdict.fate(), equalTo(Verdict.Fate.GRAPH));
    }
  }
}
