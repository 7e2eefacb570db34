package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Each drop rule of the shipped mappings drops what PRODUCT.md says, keeps the rest, and is counted
 * on its own, under the counter names the hand-written rules had: one row per rule.
 */
@RunWith(Parameterized.class)
public class FilterEventsTest {
  @Parameters(name = "{0}")
  public static List<Object[]> rows() {
    return List.of(
        row(
            "heartbeatsAreDroppedOnPlaybackGameplayAndLive",
            List.of(
                "kept-start", event(SourceTopic.PLAYBACK, "START", false),
                "hb-playback", event(SourceTopic.PLAYBACK, "HEARTBEAT", false),
                "hb-gameplay", event(SourceTopic.GAMEPLAY, "HEARTBEAT", false),
                "hb-live", event(SourceTopic.LIVE, "HEARTBEAT", false),
                "kept-leave", event(SourceTopic.LIVE, "LEAVE", false)),
            Map.of(
                "filtered_heartbeat",
                3L,
                GraphMetrics.FILTERED,
                3L,
                GraphMetrics.GRAPH_EVENTS,
                2L)),
        row(
            "testTrafficIsDroppedOnEveryTopic",
            List.of(
                "test-playback", event(SourceTopic.PLAYBACK, "START", true),
                "test-login", event(SourceTopic.LOGIN, "SUCCESS", true),
                "test-gameplay", event(SourceTopic.GAMEPLAY, "PLAY", true),
                "test-live-heartbeat", event(SourceTopic.LIVE, "HEARTBEAT", true),
                "kept-login", event(SourceTopic.LOGIN, "SUCCESS", false)),
            // Test traffic is the first rule, so the test heartbeat counts under it alone.
            Map.of("filtered_test_traffic", 4L, "filtered_heartbeat", 0L)),
        row(
            "failedLoginsAreDropped",
            List.of(
                "failed", event(SourceTopic.LOGIN, "FAILURE", false),
                "kept-success", event(SourceTopic.LOGIN, "SUCCESS", false)),
            Map.of("filtered_failed_login", 1L, GraphMetrics.GRAPH_EVENTS, 1L)));
  }

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private final List<Object> idsAndEvents;
  private final Map<String, Long> counters;

  public FilterEventsTest(String name, List<Object> idsAndEvents, Map<String, Long> counters) {
    this.idsAndEvents = idsAndEvents;
    this.counters = counters;
  }

  @Test
  public void exactlyTheKeptEventsPassAndEachDropIsCounted() {
    PipelineResult result = run(idsAndEvents.toArray());
    for (Map.Entry<String, Long> counter : counters.entrySet()) {
      assertThat(counter.getKey(), counter(result, counter.getKey()), equalTo(counter.getValue()));
    }
  }

  /** A row: id/event pairs, and the counters the run must end with. */
  private static Object[] row(String name, List<Object> idsAndEvents, Map<String, Long> counters) {
    return new Object[] {name, idsAndEvents, counters};
  }

  /**
   * Runs each topic's filter over its id/event pairs and asserts exactly the ids starting with
   * "kept" pass.
   */
  private PipelineResult run(Object... idsAndEvents) {
    Map<SourceTopic, List<MappedEvent>> events = new LinkedHashMap<>();
    Map<SourceTopic, List<String>> kept = new LinkedHashMap<>();
    for (int i = 0; i < idsAndEvents.length; i += 2) {
      String id = (String) idsAndEvents[i];
      Event event = (Event) idsAndEvents[i + 1];
      events.computeIfAbsent(event.topic, t -> new ArrayList<>()).add(event.parse(id));
      List<String> keptOfTopic = kept.computeIfAbsent(event.topic, t -> new ArrayList<>());
      if (id.startsWith("kept")) {
        keptOfTopic.add(id);
      }
    }
    for (Map.Entry<SourceTopic, List<MappedEvent>> topicEvents : events.entrySet()) {
      SourceTopic topic = topicEvents.getKey();
      CompiledMapping mapping = TopicMappings.shipped(topic);
      PCollection<String> passed =
          p.apply(topic.name() + "Events", Create.of(topicEvents.getValue()))
              .apply(topic.name() + "Filter", FilterEvents.by(mapping))
              .apply(
                  topic.name() + "EventIds",
                  MapElements.into(TypeDescriptors.strings()).via(e -> (String) e.value(0)));
      PAssert.that(passed).containsInAnyOrder(kept.get(topic));
    }
    return p.run();
  }

  private static Event event(SourceTopic topic, String action, boolean test) {
    return new Event(topic, action, test);
  }

  /** A valid event of a topic, read by the topic's shipped mapping once its id is known. */
  private static final class Event {
    final SourceTopic topic;
    final String action;
    final boolean test;

    Event(SourceTopic topic, String action, boolean test) {
      this.topic = topic;
      this.action = action;
      this.test = test;
    }

    MappedEvent parse(String id) {
      String json =
          Records.event(
              id,
              Records.T0_TEXT,
              "\"deviceId\":\"d1\",\"profileId\":\"p1\",\"test\":"
                  + test
                  + ",\"titleId\":\"t1\",\"gameId\":\"g1\",\"liveEventId\":\"l1\",\""
                  + topic.actionField()
                  + "\":\""
                  + action
                  + "\"");
      try {
        return TopicMappings.shipped(topic).parse(json.getBytes(StandardCharsets.UTF_8));
      } catch (io.rtgraph.model.InvalidEventException e) {
        throw new AssertionError(json, e);
      }
    }
  }
}
