package io.rtgraph.transforms;

import static io.rtgraph.transforms.ParseEventsTest.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** Each filter rule drops what PRODUCT.md says, keeps the rest, and is counted on its own. */
public class FilterEventsTest {
  private static final Instant T0 = Records.T0;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void heartbeatsAreDroppedOnPlaybackGameplayAndLive() {
    PipelineResult result =
        run(
            "kept-start", event(SourceTopic.PLAYBACK, "START", false),
            "hb-playback", event(SourceTopic.PLAYBACK, "HEARTBEAT", false),
            "hb-gameplay", event(SourceTopic.GAMEPLAY, "HEARTBEAT", false),
            "hb-live", event(SourceTopic.LIVE, "HEARTBEAT", false),
            "kept-leave", event(SourceTopic.LIVE, "LEAVE", false));
    assertThat(counter(result, FilterRule.HEARTBEAT.counterName()), equalTo(3L));
    assertThat(counter(result, GraphMetrics.FILTERED), equalTo(3L));
    assertThat(counter(result, GraphMetrics.GRAPH_EVENTS), equalTo(2L));
  }

  @Test
  public void testTrafficIsDroppedOnEveryTopic() {
    PipelineResult result =
        run(
            "test-playback", event(SourceTopic.PLAYBACK, "START", true),
            "test-login", event(SourceTopic.LOGIN, "SUCCESS", true),
            "test-gameplay", event(SourceTopic.GAMEPLAY, "PLAY", true),
            "test-live-heartbeat", event(SourceTopic.LIVE, "HEARTBEAT", true),
            "kept-login", event(SourceTopic.LOGIN, "SUCCESS", false));
    // Test traffic is the first rule, so the test heartbeat counts under it alone.
    assertThat(counter(result, FilterRule.TEST_TRAFFIC.counterName()), equalTo(4L));
    assertThat(counter(result, FilterRule.HEARTBEAT.counterName()), equalTo(0L));
  }

  @Test
  public void failedLoginsAreDropped() {
    PipelineResult result =
        run(
            "failed", event(SourceTopic.LOGIN, "FAILURE", false),
            "kept-success", event(SourceTopic.LOGIN, "SUCCESS", false));
    assertThat(counter(result, FilterRule.FAILED_LOGIN.counterName()), equalTo(1L));
    assertThat(counter(result, GraphMetrics.GRAPH_EVENTS), equalTo(1L));
  }

  /** Runs the filter over id/event pairs and asserts exactly the ids starting with "kept" pass. */
  private PipelineResult run(Object... idsAndEvents) {
    List<MemberEvent> events = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < idsAndEvents.length; i += 2) {
      String id = (String) idsAndEvents[i];
      MemberEvent event = ((MemberEvent) idsAndEvents[i + 1]).toBuilder().setEventId(id).build();
      events.add(event);
      if (id.startsWith("kept")) {
        kept.add(id);
      }
    }
    PCollection<String> passed =
        p.apply(Create.of(events))
            .apply(FilterEvents.create())
            .apply(MapElements.into(TypeDescriptors.strings()).via(MemberEvent::eventId));
    PAssert.that(passed).containsInAnyOrder(kept);
    return p.run();
  }

  private static MemberEvent event(SourceTopic topic, String action, boolean test) {
    MemberEvent.Builder builder =
        MemberEvent.builder().setSourceTopic(topic).setEventId("x").setEventTime(T0).setAccountId("a1")
            .setDeviceId("d1").setAction(action).setTest(test);
    switch (topic) {
      case PLAYBACK:
        return builder.setProfileId("p1").setTitleId("t1").build();
      case GAMEPLAY:
        return builder.setProfileId("p1").setGameId("g1").build();
      case LIVE:
        return builder.setProfileId("p1").setLiveEventId("l1").build();
      default:
        return builder.build();
    }
  }
}
