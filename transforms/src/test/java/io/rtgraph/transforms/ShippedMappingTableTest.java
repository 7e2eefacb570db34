package io.rtgraph.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The mapping table of PRODUCT.md, topic by topic, from hand-written events to the exact updates
 * (written as the wire JSON, so that the expectation reads like the contract), as the shipped
 * mapping files of runner-configs/topics produce them. These expectations were written for the
 * hand-coded mapping those files replaced, and pass unchanged.
 *
 * <p>Each row is one case: an event (every event is {@code e1} of account {@code a1} at {@link
 * #T}), the catalog entries it joins, and the updates it maps to. The rows of the contract's table
 * that hold for every topic ({@code Account}, {@code Device}, {@code USES_DEVICE}, and with a
 * profile {@code Profile} and {@code HAS_PROFILE}) are {@link #memberElements}; each row lists the
 * rest.
 */
@RunWith(Parameterized.class)
public class ShippedMappingTableTest {
  private static final String T = "2026-11-27T10:00:00.000Z";
  private static final TitleInfo STRANGER_THINGS =
      TitleInfo.of("t42", "Stranger Things", "SHOW", "sci-fi");
  private static final GameInfo STRANGER_THINGS_GAME =
      GameInfo.of("g5", "Stranger Things: The Game", "adventure", "t42");

  @Parameters(name = "{0}")
  public static List<Row> rows() throws Exception {
    return List.of(
        row(
            "playbackStartMapsToSixElementsAndTheStartedWatchingEdge",
            event(
                SourceTopic.PLAYBACK,
                Map.of(
                    "profileId", "p7",
                    "deviceId", "d1",
                    "deviceType", "phone",
                    "titleId", "t42",
                    "action", "START")),
            List.of(STRANGER_THINGS),
            memberElements("Profile:p7", "Device:d1", "phone"),
            node("Title:t42", "genre", "sci-fi", "kind", "SHOW", "name", "Stranger Things"),
            edge("STREAMED_FROM", "Profile:p7", "Device:d1"),
            edge("STARTED_WATCHING", "Profile:p7", "Title:t42", "titleName", "Stranger Things")),
        row(
            "playbackWithoutStartAndWithACatalogMissHasNoStartedWatchingNorTitleProperties",
            event(
                SourceTopic.PLAYBACK,
                Map.of("profileId", "p7", "deviceId", "d1", "titleId", "t42", "action", "PAUSE")),
            List.of(),
            memberElements("Profile:p7", "Device:d1", null),
            node("Title:t42"),
            edge("STREAMED_FROM", "Profile:p7", "Device:d1")),
        row(
            "loginMapsCountryToAccountAndLoggedInFrom",
            event(
                SourceTopic.LOGIN,
                Map.of(
                    "deviceId", "d9",
                    "deviceType", "smart_tv",
                    "result", "SUCCESS",
                    "country", "NL")),
            List.of(),
            List.of( // the member elements, with the country on the account
                node("Account:a1", "country", "NL"),
                node("Device:d9", "deviceType", "smart_tv"),
                edge("USES_DEVICE", "Account:a1", "Device:d9")),
            edge("LOGGED_IN_FROM", "Account:a1", "Device:d9", "country", "NL")),
        row(
            "loginWithAProfileAddsTheProfileAndHasProfile",
            event(
                SourceTopic.LOGIN,
                Map.of("profileId", "p2", "deviceId", "d9", "result", "SUCCESS")),
            List.of(),
            memberElements("Profile:p2", "Device:d9", null),
            edge("LOGGED_IN_FROM", "Account:a1", "Device:d9")),
        row(
            "gameplayMapsTheGameAndTheTitleItIsBasedOn",
            event(
                SourceTopic.GAMEPLAY,
                Map.of(
                    "profileId", "p7",
                    "deviceId", "d2",
                    "deviceType", "tablet",
                    "gameId", "g5",
                    "action", "LAUNCH")),
            List.of(STRANGER_THINGS_GAME, STRANGER_THINGS),
            memberElements("Profile:p7", "Device:d2", "tablet"),
            node("Game:g5", "genre", "adventure", "name", "Stranger Things: The Game"),
            node("Title:t42", "genre", "sci-fi", "kind", "SHOW", "name", "Stranger Things"),
            edge("PLAYS", "Profile:p7", "Game:g5", "gameName", "Stranger Things: The Game"),
            edge("BASED_ON", "Game:g5", "Title:t42")),
        row(
            "gameplayWithAGameCatalogMissHasNoBasedOn",
            event(
                SourceTopic.GAMEPLAY,
                Map.of("profileId", "p7", "deviceId", "d2", "gameId", "g5", "action", "EXIT")),
            List.of(),
            memberElements("Profile:p7", "Device:d2", null),
            node("Game:g5"),
            edge("PLAYS", "Profile:p7", "Game:g5")),
        row(
            "liveMapsTheLiveEventStreamedFromAndWatchedLive",
            event(
                SourceTopic.LIVE,
                Map.of("profileId", "p7", "deviceId", "d3", "liveEventId", "l1", "action", "JOIN")),
            List.of(LiveEventInfo.of("l1", "Tudum Live")),
            memberElements("Profile:p7", "Device:d3", null),
            node("LiveEvent:l1", "name", "Tudum Live"),
            edge("STREAMED_FROM", "Profile:p7", "Device:d3"),
            edge("WATCHED_LIVE", "Profile:p7", "LiveEvent:l1")));
  }

  @Parameter public Row row;

  @Test
  public void theEventMapsToExactlyTheRowsUpdates() {
    Parsed parsed = row.parsed();
    String topic = parsed.mapping().topic();
    List<String> actual =
        parsed.mapping().updatesFor(parsed.event().withJoined(row.joined().toArray())).stream()
            .map(GraphUpdateJson::toJson)
            .collect(Collectors.toList());
    assertThat(
        actual,
        containsInAnyOrder(
            row.expected().stream().map(update -> update.json(topic)).toArray(String[]::new)));
  }

  /** A row: the event, the catalog entries it joins, and the updates it maps to. */
  record Row(String name, Parsed parsed, List<Object> joined, List<Update> expected) {
    /** The row's name is its test's name. */
    @Override
    public String toString() {
      return name;
    }
  }

  /** A row whose updates are the member elements and the topic's own elements. */
  private static Row row(
      String name,
      Parsed parsed,
      List<Object> joined,
      List<Update> memberElements,
      Update... topicElements) {
    List<Update> expected = new ArrayList<>(memberElements);
    expected.addAll(List.of(topicElements));
    return new Row(name, parsed, joined, expected);
  }

  /**
   * The updates every topic maps an event to: its account and device and the edge between them, and
   * with a profile, the profile and its edge from the account.
   */
  private static List<Update> memberElements(
      @Nullable String profile, String device, @Nullable String deviceType) {
    List<Update> updates = new ArrayList<>();
    updates.add(node("Account:a1"));
    updates.add(deviceType == null ? node(device) : node(device, "deviceType", deviceType));
    updates.add(edge("USES_DEVICE", "Account:a1", device));
    if (profile != null) {
      updates.add(node(profile));
      updates.add(edge("HAS_PROFILE", "Account:a1", profile));
    }
    return updates;
  }

  /** The event {@code e1} of account {@code a1} at {@link #T}, with these fields, as read. */
  private static Parsed event(SourceTopic topic, Map<String, String> fields) throws Exception {
    Map<String, String> all = new TreeMap<>(fields);
    all.put("eventId", "e1");
    all.put("eventTime", T);
    all.put("accountId", "a1");
    String json =
        all.entrySet().stream()
            .map(field -> "\"" + field.getKey() + "\":\"" + field.getValue() + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    CompiledMapping mapping = TopicMappings.shipped(topic);
    return new Parsed(mapping, mapping.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** An event and the mapping that read it. */
  record Parsed(CompiledMapping mapping, MappedEvent event) {}

  /** A node, typed by its id's prefix, with properties as key, value, key, value... all at T. */
  private static Update node(String id, String... properties) {
    String type = id.substring(0, id.indexOf(':'));
    return topic ->
        ExpectedUpdateJson.node(
            type, id, json(properties, false), json(properties, true), T, T, topic);
  }

  private static Update edge(String type, String src, String dst, String... properties) {
    return topic ->
        ExpectedUpdateJson.edge(
            type, src, dst, json(properties, false), json(properties, true), T, T, topic);
  }

  /** The properties object, or with {@code times} its propertyTimes object: keys in order. */
  private static String json(String[] keyValues, boolean times) {
    Map<String, String> object = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      object.put(keyValues[i], times ? T : keyValues[i + 1]);
    }
    return object.entrySet().stream()
        .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** An expected update, written out once the source topic is known. */
  interface Update {
    String json(String topic);
  }
}
