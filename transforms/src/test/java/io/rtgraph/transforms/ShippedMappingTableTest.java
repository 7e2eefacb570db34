package io.rtgraph.transforms;

import static io.rtgraph.transforms.ParseEventsTest.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;

/**
 * The mapping table of PRODUCT.md, topic by topic, from hand-written events to the exact updates
 * (written as the wire JSON, so that the expectation reads like the contract), as the shipped
 * mapping files of runner-configs/topics produce them. These expectations were written for the
 * hand-coded mapping those files replaced, and pass unchanged.
 */
public class ShippedMappingTableTest {
  private static final String T = "2026-11-27T10:00:00.000Z";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void playbackStartMapsToSixElementsAndTheStartedWatchingEdge() throws Exception {
    Parsed event =
        event(
            SourceTopic.PLAYBACK,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"profileId\":\"p7\","
                + "\"deviceId\":\"d1\",\"deviceType\":\"phone\",\"titleId\":\"t42\",\"action\":\"START\"}");
    TitleInfo title = TitleInfo.of("t42", "Stranger Things", "SHOW", "sci-fi");
    assertThat(
        json(event, title),
        containsInAnyOrder(
            node("Account", "Account:a1", "{}", "{}", "member.playback"),
            node(
                "Device",
                "Device:d1",
                "{\"deviceType\":\"phone\"}",
                "{\"deviceType\":\"" + T + "\"}",
                "member.playback"),
            node("Profile", "Profile:p7", "{}", "{}", "member.playback"),
            node(
                "Title",
                "Title:t42",
                "{\"genre\":\"sci-fi\",\"kind\":\"SHOW\",\"name\":\"Stranger Things\"}",
                "{\"genre\":\"" + T + "\",\"kind\":\"" + T + "\",\"name\":\"" + T + "\"}",
                "member.playback"),
            edge("USES_DEVICE", "Account:a1", "Device:d1", "{}", "{}", "member.playback"),
            edge("HAS_PROFILE", "Account:a1", "Profile:p7", "{}", "{}", "member.playback"),
            edge("STREAMED_FROM", "Profile:p7", "Device:d1", "{}", "{}", "member.playback"),
            edge(
                "STARTED_WATCHING",
                "Profile:p7",
                "Title:t42",
                "{\"titleName\":\"Stranger Things\"}",
                "{\"titleName\":\"" + T + "\"}",
                "member.playback")));
  }

  @Test
  public void playbackWithoutStartAndWithACatalogMissHasNoStartedWatchingNorTitleProperties()
      throws Exception {
    Parsed event =
        event(
            SourceTopic.PLAYBACK,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"profileId\":\"p7\","
                + "\"deviceId\":\"d1\",\"titleId\":\"t42\",\"action\":\"PAUSE\"}");
    assertThat(
        json(event),
        containsInAnyOrder(
            node("Account", "Account:a1", "{}", "{}", "member.playback"),
            node("Device", "Device:d1", "{}", "{}", "member.playback"),
            node("Profile", "Profile:p7", "{}", "{}", "member.playback"),
            node("Title", "Title:t42", "{}", "{}", "member.playback"),
            edge("USES_DEVICE", "Account:a1", "Device:d1", "{}", "{}", "member.playback"),
            edge("HAS_PROFILE", "Account:a1", "Profile:p7", "{}", "{}", "member.playback"),
            edge("STREAMED_FROM", "Profile:p7", "Device:d1", "{}", "{}", "member.playback")));
  }

  @Test
  public void loginMapsCountryToAccountAndLoggedInFrom() throws Exception {
    Parsed event =
        event(
            SourceTopic.LOGIN,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"deviceId\":\"d9\","
                + "\"deviceType\":\"smart_tv\",\"result\":\"SUCCESS\",\"country\":\"NL\"}");
    assertThat(
        json(event),
        containsInAnyOrder(
            node(
                "Account",
                "Account:a1",
                "{\"country\":\"NL\"}",
                "{\"country\":\"" + T + "\"}",
                "member.login"),
            node(
                "Device",
                "Device:d9",
                "{\"deviceType\":\"smart_tv\"}",
                "{\"deviceType\":\"" + T + "\"}",
                "member.login"),
            edge("USES_DEVICE", "Account:a1", "Device:d9", "{}", "{}", "member.login"),
            edge(
                "LOGGED_IN_FROM",
                "Account:a1",
                "Device:d9",
                "{\"country\":\"NL\"}",
                "{\"country\":\"" + T + "\"}",
                "member.login")));
  }

  @Test
  public void loginWithAProfileAddsTheProfileAndHasProfile() throws Exception {
    Parsed event =
        event(
            SourceTopic.LOGIN,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"profileId\":\"p2\","
                + "\"deviceId\":\"d9\",\"result\":\"SUCCESS\"}");
    assertThat(
        json(event),
        containsInAnyOrder(
            node("Account", "Account:a1", "{}", "{}", "member.login"),
            node("Device", "Device:d9", "{}", "{}", "member.login"),
            node("Profile", "Profile:p2", "{}", "{}", "member.login"),
            edge("USES_DEVICE", "Account:a1", "Device:d9", "{}", "{}", "member.login"),
            edge("HAS_PROFILE", "Account:a1", "Profile:p2", "{}", "{}", "member.login"),
            edge("LOGGED_IN_FROM", "Account:a1", "Device:d9", "{}", "{}", "member.login")));
  }

  @Test
  public void gameplayMapsTheGameAndTheTitleItIsBasedOn() throws Exception {
    Parsed event =
        event(
            SourceTopic.GAMEPLAY,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"profileId\":\"p7\","
                + "\"deviceId\":\"d2\",\"deviceType\":\"tablet\",\"gameId\":\"g5\",\"action\":\"LAUNCH\"}");
    GameInfo game = GameInfo.of("g5", "Stranger Things: The Game", "adventure", "t42");
    TitleInfo basedOn = TitleInfo.of("t42", "Stranger Things", "SHOW", "sci-fi");
    assertThat(
        json(event, game, basedOn),
        containsInAnyOrder(
            node("Account", "Account:a1", "{}", "{}", "member.gameplay"),
            node(
                "Device",
                "Device:d2",
                "{\"deviceType\":\"tablet\"}",
                "{\"deviceType\":\"" + T + "\"}",
                "member.gameplay"),
            node("Profile", "Profile:p7", "{}", "{}", "member.gameplay"),
            node(
                "Game",
                "Game:g5",
                "{\"genre\":\"adventure\",\"name\":\"Stranger Things: The Game\"}",
                "{\"genre\":\"" + T + "\",\"name\":\"" + T + "\"}",
                "member.gameplay"),
            node(
                "Title",
                "Title:t42",
                "{\"genre\":\"sci-fi\",\"kind\":\"SHOW\",\"name\":\"Stranger Things\"}",
                "{\"genre\":\"" + T + "\",\"kind\":\"" + T + "\",\"name\":\"" + T + "\"}",
                "member.gameplay"),
            edge("USES_DEVICE", "Account:a1", "Device:d2", "{}", "{}", "member.gameplay"),
            edge("HAS_PROFILE", "Account:a1", "Profile:p7", "{}", "{}", "member.gameplay"),
            edge(
                "PLAYS",
                "Profile:p7",
                "Game:g5",
                "{\"gameName\":\"Stranger Things: The Game\"}",
                "{\"gameName\":\"" + T + "\"}",
                "member.gameplay"),
            edge("BASED_ON", "Game:g5", "Title:t42", "{}", "{}", "member.gameplay")));
  }

  @Test
  public void gameplayWithAGameCatalogMissHasNoBasedOn() throws Exception {
    Parsed event =
        event(
            SourceTopic.GAMEPLAY,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"profileId\":\"p7\","
                + "\"deviceId\":\"d2\",\"gameId\":\"g5\",\"action\":\"EXIT\"}");
    assertThat(
        json(event),
        containsInAnyOrder(
            node("Account", "Account:a1", "{}", "{}", "member.gameplay"),
            node("Device", "Device:d2", "{}", "{}", "member.gameplay"),
            node("Profile", "Profile:p7", "{}", "{}", "member.gameplay"),
            node("Game", "Game:g5", "{}", "{}", "member.gameplay"),
            edge("USES_DEVICE", "Account:a1", "Device:d2", "{}", "{}", "member.gameplay"),
            edge("HAS_PROFILE", "Account:a1", "Profile:p7", "{}", "{}", "member.gameplay"),
            edge("PLAYS", "Profile:p7", "Game:g5", "{}", "{}", "member.gameplay")));
  }

  @Test
  public void liveMapsTheLiveEventStreamedFromAndWatchedLive() throws Exception {
    Parsed event =
        event(
            SourceTopic.LIVE,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"profileId\":\"p7\","
                + "\"deviceId\":\"d3\",\"liveEventId\":\"l1\",\"action\":\"JOIN\"}");
    assertThat(
        json(event, LiveEventInfo.of("l1", "Tudum Live")),
        containsInAnyOrder(
            node("Account", "Account:a1", "{}", "{}", "member.live"),
            node("Device", "Device:d3", "{}", "{}", "member.live"),
            node("Profile", "Profile:p7", "{}", "{}", "member.live"),
            node(
                "LiveEvent",
                "LiveEvent:l1",
                "{\"name\":\"Tudum Live\"}",
                "{\"name\":\"" + T + "\"}",
                "member.live"),
            edge("USES_DEVICE", "Account:a1", "Device:d3", "{}", "{}", "member.live"),
            edge("HAS_PROFILE", "Account:a1", "Profile:p7", "{}", "{}", "member.live"),
            edge("STREAMED_FROM", "Profile:p7", "Device:d3", "{}", "{}", "member.live"),
            edge("WATCHED_LIVE", "Profile:p7", "LiveEvent:l1", "{}", "{}", "member.live")));
  }

  @Test
  public void theTransformEmitsAndCountsEveryRawUpdate() throws Exception {
    Parsed login =
        event(
            SourceTopic.LOGIN,
            "{\"eventId\":\"e1\",\"eventTime\":\""
                + T
                + "\",\"accountId\":\"a1\",\"deviceId\":\"d9\",\"result\":\"SUCCESS\"}");
    PAssert.that(p.apply(Create.of(login.event)).apply(MapToGraphUpdates.by(login.mapping)))
        .containsInAnyOrder(KV.of("Account:a1", login.mapping.updatesFor(login.event)));
    PipelineResult result = p.run();
    assertThat(counter(result, GraphMetrics.RAW_UPDATES), equalTo(4L));
  }

  private static Parsed event(SourceTopic topic, String json) throws Exception {
    CompiledMapping mapping = TopicMappings.shipped(topic);
    return new Parsed(mapping, mapping.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The updates of the event joined with these catalog entries, in the order of its mapping's
   * joins.
   */
  private static List<String> json(Parsed parsed, Object... joined) {
    return parsed.mapping.updatesFor(parsed.event.withJoined(joined)).stream()
        .map(GraphUpdateJson::toJson)
        .collect(Collectors.toList());
  }

  /** An event and the mapping that read it. */
  private static final class Parsed {
    final CompiledMapping mapping;
    final MappedEvent event;

    Parsed(CompiledMapping mapping, MappedEvent event) {
      this.mapping = mapping;
      this.event = event;
    }
  }

  private static String node(
      String type, String id, String properties, String times, String topic) {
    return ExpectedUpdateJson.node(type, id, properties, times, T, T, topic);
  }

  private static String edge(
      String type, String src, String dst, String properties, String times, String topic) {
    return ExpectedUpdateJson.edge(type, src, dst, properties, times, T, T, topic);
  }
}
