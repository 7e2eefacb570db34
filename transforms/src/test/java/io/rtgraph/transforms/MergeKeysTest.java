package io.rtgraph.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMapping.Colocation;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Which updates the merge keeps with their event's account, as the mappings' {@code colocate}
 * declares it; the expected keys are written out by hand from PRODUCT.md's mapping table.
 */
public class MergeKeysTest {
  private static final String ACCOUNT = "Account:a1";
  private static final MergeKeys MEMBER_KEYS =
      MergeKeys.of(new Colocation("Account", List.of("Profile", "Device")));

  @Test
  public void theMembersOwnNodesAndTheEdgesLeavingThemGoWithTheAccount() {
    assertThat(key(node(NodeType.ACCOUNT, "a1")), equalTo(ACCOUNT));
    assertThat(key(node(NodeType.PROFILE, "p1")), equalTo(ACCOUNT));
    assertThat(key(node(NodeType.DEVICE, "d1")), equalTo(ACCOUNT));
    assertThat(key(edge(EdgeType.USES_DEVICE, "Account:a1", "Device:d1")), equalTo(ACCOUNT));
    assertThat(key(edge(EdgeType.LOGGED_IN_FROM, "Account:a1", "Device:d1")), equalTo(ACCOUNT));
    assertThat(key(edge(EdgeType.STREAMED_FROM, "Profile:p1", "Device:d1")), equalTo(ACCOUNT));
    assertThat(key(edge(EdgeType.STARTED_WATCHING, "Profile:p1", "Title:t1")), equalTo(ACCOUNT));
    assertThat(key(edge(EdgeType.PLAYS, "Profile:p1", "Game:g1")), equalTo(ACCOUNT));
    assertThat(key(edge(EdgeType.WATCHED_LIVE, "Profile:p1", "LiveEvent:l1")), equalTo(ACCOUNT));
  }

  @Test
  public void sharedContentIsKeyedByItsOwnId() {
    assertThat(key(node(NodeType.TITLE, "t1")), equalTo("Title:t1"));
    assertThat(key(node(NodeType.GAME, "g1")), equalTo("Game:g1"));
    assertThat(key(node(NodeType.LIVE_EVENT, "l1")), equalTo("LiveEvent:l1"));
    assertThat(
        key(edge(EdgeType.BASED_ON, "Game:g1", "Title:t1")), equalTo("BASED_ON:Game:g1->Title:t1"));
  }

  @Test
  public void aTypeNameThatOnlyStartsLikeAMemberTypeIsShared() {
    GraphUpdate accountant =
        GraphUpdate.create(
            GraphUpdate.Element.NODE,
            "Accountant",
            "Accountant:x",
            null,
            null,
            Map.of(),
            Map.of(),
            Records.T0,
            Records.T0,
            "member.playback");
    assertThat(key(accountant), equalTo("Accountant:x"));
  }

  @Test
  public void aShippedMappingKeepsAPlaybackEventsMemberElementsUnderItsAccount() throws Exception {
    Map<String, String> keys =
        keysOf(
            TopicMappings.shipped(SourceTopic.PLAYBACK),
            "{\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T10:00:00Z\",\"accountId\":\"a1\","
                + "\"profileId\":\"p1\",\"deviceId\":\"d1\",\"titleId\":\"t1\",\"action\":\"START\"}");
    assertThat(
        keys,
        equalTo(
            Map.of(
                "Account:a1", ACCOUNT,
                "Device:d1", ACCOUNT,
                "Profile:p1", ACCOUNT,
                "Title:t1", "Title:t1",
                "USES_DEVICE:Account:a1->Device:d1", ACCOUNT,
                "HAS_PROFILE:Account:a1->Profile:p1", ACCOUNT,
                "STREAMED_FROM:Profile:p1->Device:d1", ACCOUNT,
                "STARTED_WATCHING:Profile:p1->Title:t1", ACCOUNT)));
  }

  @Test
  public void withoutAColocationOrAKeyNodeEveryElementIsKeyedByItsOwnId() throws Exception {
    GraphUpdate account = node(NodeType.ACCOUNT, "a1");
    GraphUpdate device = node(NodeType.DEVICE, "d1");
    GraphUpdate usesDevice = edge(EdgeType.USES_DEVICE, "Account:a1", "Device:d1");
    MergeKeys none = MergeKeys.byElement();
    String noKey = none.colocationKey(List.of(account, device, usesDevice));
    assertThat(noKey, equalTo(""));
    List<String> keys = new ArrayList<>();
    for (GraphUpdate update : List.of(account, device, usesDevice)) {
      keys.add(none.mergeKey(update, noKey));
    }
    assertThat(keys, containsInAnyOrder("Account:a1", "Device:d1", usesDevice.id()));

    // Keyed by the Profile, which an event without one lacks: its updates keep their own ids.
    MergeKeys byProfile = MergeKeys.of(new Colocation("Profile", List.of("Account", "Device")));
    String missing = byProfile.colocationKey(List.of(account, device, usesDevice));
    assertThat(missing, equalTo(""));
    assertThat(byProfile.mergeKey(usesDevice, missing), equalTo(usesDevice.id()));
  }

  private static Map<String, String> keysOf(CompiledMapping mapping, String json) throws Exception {
    List<GraphUpdate> updates =
        mapping.updatesFor(mapping.parse(json.getBytes(StandardCharsets.UTF_8)));
    MergeKeys mergeKeys = MergeKeys.of(mapping.mapping().colocation());
    String colocationKey = mergeKeys.colocationKey(updates);
    Map<String, String> keys = new LinkedHashMap<>();
    updates.forEach(update -> keys.put(update.id(), mergeKeys.mergeKey(update, colocationKey)));
    return keys;
  }

  private static String key(GraphUpdate update) {
    return MEMBER_KEYS.mergeKey(update, ACCOUNT);
  }

  private static GraphUpdate node(NodeType type, String naturalId) {
    return GraphUpdate.node(type, naturalId, Records.T0, SourceTopic.PLAYBACK, Map.of());
  }

  private static GraphUpdate edge(EdgeType type, String src, String dst) {
    return GraphUpdate.edge(type, src, dst, Records.T0, SourceTopic.PLAYBACK, Map.of());
  }
}
