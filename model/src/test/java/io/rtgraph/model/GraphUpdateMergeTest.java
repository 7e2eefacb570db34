package io.rtgraph.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.json.GraphUpdateJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.joda.time.Instant;
import org.junit.Test;

/** The CRDT laws of the update merge, checked on seeded random updates and on chosen ties. */
public class GraphUpdateMergeTest {
  private static final Instant BASE = Instant.parse("2026-11-27T10:00:00.000Z");
  private static final String ID = "Title:t42";
  private static final int CASES = 3000;

  @Test
  public void mergeIsCommutative() {
    forRandomTriples(
        1, (a, b, c) -> assertThat(a + " + " + b, a.mergeWith(b), equalTo(b.mergeWith(a))));
  }

  @Test
  public void mergeIsAssociative() {
    forRandomTriples(
        2,
        (a, b, c) -> assertThat(a.mergeWith(b).mergeWith(c), equalTo(a.mergeWith(b.mergeWith(c)))));
  }

  @Test
  public void mergeIsIdempotent() {
    forRandomTriples(
        3,
        (a, b, c) -> {
          assertThat(a.mergeWith(a), equalTo(a));
          GraphUpdate ab = a.mergeWith(b);
          assertThat("redelivering b changes nothing", ab.mergeWith(b), equalTo(ab));
        });
  }

  @Test
  public void anyOrderOfManyUpdatesGivesTheSameResult() {
    Random random = new Random(4);
    List<GraphUpdate> updates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      updates.add(randomUpdate(random));
    }
    GraphUpdate inOrder = fold(updates);
    for (int shuffle = 0; shuffle < 20; shuffle++) {
      List<GraphUpdate> reordered = new ArrayList<>(updates);
      Collections.shuffle(reordered, random);
      reordered.addAll(reordered.subList(0, 10)); // redeliveries
      assertThat(fold(reordered), equalTo(inOrder));
    }
  }

  @Test
  public void timesAreMinimumAndMaximum() {
    GraphUpdate early = titleUpdate(Map.of(), 1_000);
    GraphUpdate late = titleUpdate(Map.of(), 9_000);
    GraphUpdate merged = late.mergeWith(early);
    assertThat(merged.firstSeen(), equalTo(BASE.plus(1_000)));
    assertThat(merged.lastSeen(), equalTo(BASE.plus(9_000)));
  }

  @Test
  public void laterPropertyWinsWhateverItsValue() {
    GraphUpdate older = titleUpdate(Map.of("name", "zzz"), 1_000);
    GraphUpdate newer = titleUpdate(Map.of("name", "aaa"), 2_000);
    assertThat(older.mergeWith(newer).properties(), equalTo(Map.of("name", "aaa")));
    assertThat(newer.mergeWith(older).propertyTimes().get("name"), equalTo(BASE.plus(2_000)));
  }

  @Test
  public void propertiesOfBothSidesAreKept() {
    GraphUpdate withName = titleUpdate(Map.of("name", "Dark"), 1_000);
    GraphUpdate withGenre = titleUpdate(Map.of("genre", "sci-fi"), 2_000);
    GraphUpdate merged = withName.mergeWith(withGenre);
    assertThat(merged.properties(), equalTo(Map.of("name", "Dark", "genre", "sci-fi")));
    assertThat(merged.propertyTimes().get("name"), equalTo(BASE.plus(1_000)));
    assertThat(merged.propertyTimes().get("genre"), equalTo(BASE.plus(2_000)));
  }

  @Test
  public void onEqualTimesTheGreaterJsonTextWins() {
    GraphUpdate x = titleUpdate(Map.of("name", "x"), 5_000);
    GraphUpdate y = titleUpdate(Map.of("name", "y"), 5_000);
    assertThat(x.mergeWith(y).properties().get("name"), equalTo("y"));
    assertThat(y.mergeWith(x).properties().get("name"), equalTo("y"));
  }

  @Test
  public void tieBreakComparesTheJsonTextNotTheRawString() {
    // As JSON text "a" is "\"a\"" and "a!" is "\"a!\"": the closing quote (0x22) is greater
    // than '!' (0x21), so "a" wins although the raw string "a!" is the greater one.
    assertThat(tie("a", "a!"), equalTo("a"));
    // "\t" is written as the two characters \t and "\n" as \n; 't' > 'n', so the tab wins,
    // although the raw tab (0x09) is smaller than the raw newline (0x0A).
    assertThat(tie("a\n", "a\t"), equalTo("a\t"));
  }

  @Test
  public void tieBreakComparesTheEscapedTextOfACharacterOutsideTheBmp() {
    String grinning = new String(Character.toChars(0x1F600));
    // The update records carry U+1F600 as the escape pair backslash-u-D83D backslash-u-DE00
    // (checked first, since the rule depends on it). Its text starts with a backslash (0x5C):
    // smaller than 'a' (0x61) and
    // than U+FFFD, written as itself, although U+1F600 is the greater code point of the raw
    // strings.
    String written = GraphUpdateJson.toJson(titleUpdate(Map.of("name", grinning), 5_000));
    assertThat(written, containsString("\"name\":\"\\uD83D\\uDE00\""));
    assertThat(tie(grinning, "a"), equalTo("a"));
    assertThat(tie(grinning, "\uFFFD"), equalTo("\uFFFD"));
    // Both escaped: the pair's second escape decides, as its text does.
    assertThat(
        tie(grinning, new String(Character.toChars(0x1F601))),
        equalTo(new String(Character.toChars(0x1F601))));
  }

  @Test
  public void aConsumerMergingTheWireRecordsKeepsTheGreaterWireText() {
    // Two records as a consumer reads them from a graph topic, equal times, written by hand.
    String escaped = titleRecord("\\uD83D\\uDE00");
    String plain = titleRecord("\u00e9");
    GraphUpdate fromEscaped = GraphUpdateJson.fromJson(escaped);
    GraphUpdate fromPlain = GraphUpdateJson.fromJson(plain);
    assertThat(
        fromEscaped.properties().get("name"), equalTo(new String(Character.toChars(0x1F600))));
    // The contract's rule on the texts read: the escape (a backslash, 0x5C) against U+00E9 (as
    // UTF-8
    // C3 A9): the backslash is smaller, so the record carrying the e with an acute accent wins.
    String expected = "\u00e9";
    assertThat(fromEscaped.mergeWith(fromPlain).properties().get("name"), equalTo(expected));
    assertThat(fromPlain.mergeWith(fromEscaped).properties().get("name"), equalTo(expected));
    // And the merged record, written again, carries the text the consumer saw.
    assertThat(
        GraphUpdateJson.toJson(fromEscaped.mergeWith(fromPlain)),
        containsString("\"name\":\"\u00e9\""));
  }

  private static String titleRecord(String nameJsonText) {
    return "{\"element\":\"node\",\"type\":\"Title\",\"id\":\"Title:t42\","
        + "\"properties\":{\"name\":\""
        + nameJsonText
        + "\"},"
        + "\"propertyTimes\":{\"name\":\"2026-11-27T10:00:05.000Z\"},"
        + "\"firstSeen\":\"2026-11-27T10:00:05.000Z\",\"lastSeen\":\"2026-11-27T10:00:05.000Z\","
        + "\"sourceTopic\":\"member.playback\"}";
  }

  @Test
  public void sourceTopicFollowsTheLatestEvent() {
    GraphUpdate fromLogin = account(SourceTopic.LOGIN, 9_000);
    GraphUpdate fromPlayback = account(SourceTopic.PLAYBACK, 1_000);
    assertThat(fromPlayback.mergeWith(fromLogin).sourceTopic(), equalTo("member.login"));
    assertThat(fromLogin.mergeWith(fromPlayback).sourceTopic(), equalTo("member.login"));
  }

  @Test
  public void updatesOfDifferentElementsDoNotMerge() {
    GraphUpdate title = titleUpdate(Map.of(), 0);
    GraphUpdate other =
        GraphUpdate.node(NodeType.TITLE, "t43", BASE, SourceTopic.PLAYBACK, Map.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> title.mergeWith(other));
    assertThat(e.getMessage(), containsString("Title:t42"));
  }

  private static String tie(String left, String right) {
    GraphUpdate a = titleUpdate(Map.of("name", left), 5_000);
    GraphUpdate b = titleUpdate(Map.of("name", right), 5_000);
    String winner = a.mergeWith(b).properties().get("name");
    assertThat(
        "the tie-break is symmetric", b.mergeWith(a).properties().get("name"), equalTo(winner));
    return winner;
  }

  private static GraphUpdate fold(List<GraphUpdate> updates) {
    GraphUpdate result = updates.get(0);
    for (GraphUpdate update : updates.subList(1, updates.size())) {
      result = result.mergeWith(update);
    }
    return result;
  }

  private static GraphUpdate account(SourceTopic topic, long offsetMillis) {
    return GraphUpdate.node(NodeType.ACCOUNT, "a1", BASE.plus(offsetMillis), topic, Map.of());
  }

  /** A law of the merge, checked on three updates (it may use fewer). */
  private interface Law {
    void check(GraphUpdate a, GraphUpdate b, GraphUpdate c);
  }

  /** Checks a law on {@link #CASES} triples of updates drawn from one seeded generator. */
  private static void forRandomTriples(long seed, Law law) {
    Random random = new Random(seed);
    for (int i = 0; i < CASES; i++) {
      law.check(randomUpdate(random), randomUpdate(random), randomUpdate(random));
    }
  }

  private static GraphUpdate titleUpdate(Map<String, String> properties, long offsetMillis) {
    return GraphUpdate.node(
        NodeType.TITLE, "t42", BASE.plus(offsetMillis), SourceTopic.PLAYBACK, properties);
  }

  /** Few keys, values and times, so that collisions and exact ties are frequent. */
  private static GraphUpdate randomUpdate(Random random) {
    String[] keys = {"name", "kind", "genre"};
    String[] values = {"a", "b", "a!", "a\n", "a\t", "\u00e9", "\ud83d\ude00"};
    String[] topics = {"member.playback", "member.gameplay"};
    Map<String, String> properties = new TreeMap<>();
    Map<String, Instant> times = new TreeMap<>();
    for (String key : keys) {
      if (random.nextBoolean()) {
        properties.put(key, values[random.nextInt(values.length)]);
        times.put(key, BASE.plus(random.nextInt(4) * 1000L));
      }
    }
    long first = random.nextInt(4) * 1000L;
    long last = first + random.nextInt(3) * 1000L;
    return GraphUpdate.create(
        GraphUpdate.Element.NODE,
        "Title",
        ID,
        null,
        null,
        properties,
        times,
        BASE.plus(first),
        BASE.plus(last),
        topics[random.nextInt(topics.length)]);
  }
}
