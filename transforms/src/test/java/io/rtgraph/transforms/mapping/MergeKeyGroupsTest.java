package io.rtgraph.transforms.mapping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.SourceTopic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/**
 * The keys the merge keeps an event's updates under, as a mapping's {@code colocate} declares them.
 * The expected groups are written out by hand from PRODUCT.md's mapping table.
 */
public class MergeKeyGroupsTest {
  private static final String PLAYBACK_START =
      "{\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T10:00:00Z\",\"accountId\":\"a1\","
          + "\"profileId\":\"p1\",\"deviceId\":\"d1\",\"titleId\":\"t1\",\"action\":\"START\"}";

  @Test
  public void aMembersOwnElementsShareTheAccountKeyAndSharedContentKeepsItsOwn() throws Exception {
    CompiledMapping playback = TopicMappings.shipped(SourceTopic.of("member.playback"));
    assertThat(
        groups(playback, PLAYBACK_START),
        containsInAnyOrder(
            "Account:a1 <- Account:a1, Device:d1, Profile:p1,"
                + " USES_DEVICE:Account:a1->Device:d1, HAS_PROFILE:Account:a1->Profile:p1,"
                + " STREAMED_FROM:Profile:p1->Device:d1, STARTED_WATCHING:Profile:p1->Title:t1",
            "Title:t1 <- Title:t1"));
  }

  @Test
  public void withoutAColocationEveryElementIsKeyedByItsOwnId() throws Exception {
    TopicMapping shipped = TopicMappings.shipped(SourceTopic.of("member.playback")).mapping();
    CompiledMapping uncolocated = CompiledMapping.of(withColocation(shipped, null));
    assertThat(
        groups(uncolocated, PLAYBACK_START),
        containsInAnyOrder(
            "Account:a1 <- Account:a1",
            "Device:d1 <- Device:d1",
            "Profile:p1 <- Profile:p1",
            "Title:t1 <- Title:t1",
            "USES_DEVICE:Account:a1->Device:d1 <- USES_DEVICE:Account:a1->Device:d1",
            "HAS_PROFILE:Account:a1->Profile:p1 <- HAS_PROFILE:Account:a1->Profile:p1",
            "STREAMED_FROM:Profile:p1->Device:d1 <- STREAMED_FROM:Profile:p1->Device:d1",
            "STARTED_WATCHING:Profile:p1->Title:t1 <- STARTED_WATCHING:Profile:p1->Title:t1"));
  }

  @Test
  public void anEventWithoutItsKeyNodeKeysEachElementByItsOwnId() throws Exception {
    // Keyed by the Profile, which a login without a profileId does not have.
    TopicMapping login = TopicMappings.shipped(SourceTopic.of("member.login")).mapping();
    CompiledMapping byProfile =
        CompiledMapping.of(
            withColocation(login, new TopicMapping.Colocation("Profile", List.of("Account"))));
    String noProfile =
        "{\"eventId\":\"e2\",\"eventTime\":\"2026-11-27T10:00:00Z\",\"accountId\":\"a1\","
            + "\"deviceId\":\"d1\",\"result\":\"SUCCESS\",\"country\":\"NL\"}";
    assertThat(
        groups(byProfile, noProfile),
        containsInAnyOrder(
            "Account:a1 <- Account:a1",
            "Device:d1 <- Device:d1",
            "USES_DEVICE:Account:a1->Device:d1 <- USES_DEVICE:Account:a1->Device:d1",
            "LOGGED_IN_FROM:Account:a1->Device:d1 <- LOGGED_IN_FROM:Account:a1->Device:d1"));
  }

  private static List<String> groups(CompiledMapping mapping, String json) throws Exception {
    MappedEvent event = mapping.parse(json.getBytes(StandardCharsets.UTF_8));
    List<String> groups = new ArrayList<>();
    for (KV<String, List<GraphUpdate>> group : mapping.updatesByMergeKey(event)) {
      List<String> ids = new ArrayList<>();
      group.getValue().forEach(update -> ids.add(update.id()));
      groups.add(group.getKey() + " <- " + String.join(", ", ids));
    }
    return groups;
  }

  private static TopicMapping withColocation(
      TopicMapping mapping, TopicMapping.Colocation colocation) {
    return new TopicMapping(
        mapping.topic(),
        mapping.stepName(),
        mapping.fields(),
        mapping.drop(),
        mapping.joins(),
        mapping.nodes(),
        mapping.edges(),
        colocation);
  }
}
