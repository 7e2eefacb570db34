package io.rtgraph.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.SourceTopic;
import java.util.Map;
import org.junit.Test;

/** Which updates the merge keeps with their event's account, after PRODUCT.md's mapping table. */
public class MergeKeysTest {
  private static final String ACCOUNT = "Account:a1";

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

  private static String key(GraphUpdate update) {
    return MergeKeys.mergeKey(update, ACCOUNT);
  }

  private static GraphUpdate node(NodeType type, String naturalId) {
    return GraphUpdate.node(type, naturalId, Records.T0, SourceTopic.PLAYBACK, Map.of());
  }

  private static GraphUpdate edge(EdgeType type, String src, String dst) {
    return GraphUpdate.edge(type, src, dst, Records.T0, SourceTopic.PLAYBACK, Map.of());
  }
}
