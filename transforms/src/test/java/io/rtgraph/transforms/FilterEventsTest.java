package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.assertCounters;

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
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * Each drop rule of the shipped mappings drops what PRODUCT.md says, keeps the rest, and is counted
 * on its own, under the counter names the hand-written rules had: one row per rule.
 */
@RunWith(Parameterized.class)
public class FilterEventsTest {
  @Parameters(name = "{0}")
  public static List<Row> rows() {
    return List.of(
        new Row(
            "heartbeatsAreDroppedOnPlaybackGameplayAndLive",
            List.of(
                new Event("kept-start", SourceTopic.PLAYBACK, "START", false),
                new Event("hb-playback", SourceTopic.PLAYBACK, "HEARTBEAT", false),
                new Event("hb-gameplay", SourceTopic.GAMEPLAY, "HEARTBEAT", false),
                new Event("hb-live", SourceTopic.LIVE, "HEARTBEAT", false),
                new Event("kept-leave", SourceTopic.LIVE, "LEAVE", false)),
            Map.of(
                "filtered_heartbeat",
                3L,
                GraphMetric.FILTERED.metricName(),
                3L,
                GraphMetric.GRAPH_EVENTS.metricName(),
                2L)),
        new Row(
            "testTrafficIsDroppedOnEveryTopic",
            List.of(
                new Event("test-playback", SourceTopic.PLAYBACK, "START", true),
                new Event("test-login", SourceTopic.LOGIN, "SUCCESS", true),
                new Event("test-gameplay", SourceTopic.GAMEPLAY, "PLAY", true),
                new Event("test-live-heartbeat", SourceTopic.LIVE, "HEARTBEAT", true),
                new Event("kept-login", SourceTopic.LOGIN, "SUCCESS", false)),
            // Test traffic is the first rule, so the test heartbeat counts under it alone.
            Map.of("filtered_test_traffic", 4L, "filtered_heartbeat", 0L)),
        new Row(
            "failedLoginsAreDropped",
            List.of(
                new Event("failed", SourceTopic.LOGIN, "FAILURE", false),
                new Event("kept-success", SourceTopic.LOGIN, "SUCCESS", false)),
            Map.of("filtered_failed_login", 1L, GraphMetric.GRAPH_EVENTS.metricName(), 1L)));
  }

  /** A row: the events, and the counters the run must end with. */
  record Row(String name, List<Event> events, Map<String, Long> counters) {
    /** The row's name is its test's name. */
    @Override
    public String toString() {
      return name;
    }
  }

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Parameter public Row row;

  @Test
  public void exactlyTheKeptEventsPassAndEachDropIsCounted() {
    assertCounters(run(row.events()), row.counters());
  }

  /**
   * Runs each topic's filter over its events and asserts exactly the ids starting with "kept" pass.
   */
  private PipelineResult run(List<Event> all) {
    Map<SourceTopic, List<MappedEvent>> events = new LinkedHashMap<>();
    Map<SourceTopic, List<String>> kept = new LinkedHashMap<>();
    for (Event event : all) {
      events.computeIfAbsent(event.topic(), t -> new ArrayList<>()).add(event.parse());
      List<String> keptOfTopic = kept.computeIfAbsent(event.topic(), t -> new ArrayList<>());
      if (event.id().startsWith("kept")) {
        keptOfTopic.add(event.id());
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

  /** A valid event of a topic, as its shipped mapping reads it. */
  record Event(String id, SourceTopic topic, String action, boolean test) {
    MappedEvent parse() {
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
