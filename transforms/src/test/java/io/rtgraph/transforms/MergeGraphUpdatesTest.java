package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.assertMetrics;
import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.transforms.mapping.TopicMapping;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The merge buffer as timelines. Every test uses a 10-second dedup window from the base time T0, so
 * a buffer opened by an update at T0+s flushes once the watermark passes T0+s+10s.
 */
public class MergeGraphUpdatesTest {
  private static final Instant T0 = Records.T0;
  private static final Duration WINDOW = Duration.standardSeconds(10);

  /** The co-location key of the member whose events the tests' updates come from. */
  private static final String ACCOUNT = "Account:a1";

  /** The shipped member topics' {@code colocate: {by: Account, with: [Profile, Device]}}. */
  private static final MergeKeys MEMBER_KEYS =
      MergeKeys.of(new TopicMapping.Colocation("Account", List.of("Profile", "Device")));

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void updatesInsideOneWindowMergeIntoOne() {
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(
                at(title(0, Map.of("name", "Dark"))),
                at(title(2, Map.of("genre", "thriller"))),
                at(title(9, Map.of("name", "Dark (2017)"))))
            .advanceWatermarkTo(T0.plus(Duration.standardSeconds(11))) // passes the flush at T0+10s
            .advanceWatermarkToInfinity();

    PAssert.that(merge(updates))
        .containsInAnyOrder(
            GraphUpdate.create(
                GraphUpdate.Element.NODE,
                "Title",
                "Title:t1",
                null,
                null,
                Map.of("name", "Dark (2017)", "genre", "thriller"),
                Map.of("name", t(9), "genre", t(2)),
                t(0),
                t(9),
                "member.playback"));
    PipelineResult result = p.run();
    assertThat(counter(result, GraphMetric.EMITTED_UPDATES), equalTo(1L));
  }

  @Test
  public void updatesInTwoWindowsGiveTwoUpdates() {
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(title(0, Map.of("name", "a"))), at(title(5, Map.of())))
            .advanceWatermarkTo(T0.plus(Duration.standardSeconds(11))) // first buffer flushes
            .addElements(at(title(12, Map.of("name", "b"))), at(title(15, Map.of())))
            .advanceWatermarkToInfinity(); // second buffer flushes

    PAssert.that(merge(updates))
        .containsInAnyOrder(
            merged(title(0, Map.of("name", "a")), title(5, Map.of())),
            merged(title(12, Map.of("name", "b")), title(15, Map.of())));
    p.run();
  }

  @Test
  public void anUpdateAfterItsKeyWasFlushedGivesAFurtherUpdate() {
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(title(4, Map.of("name", "a"))))
            .advanceWatermarkTo(T0.plus(Duration.standardSeconds(20))) // flushed at T0+14s
            // Late: its event time is behind the watermark; it opens a new buffer.
            .addElements(at(title(6, Map.of("name", "b"))))
            .advanceWatermarkToInfinity();

    PAssert.that(merge(updates))
        .containsInAnyOrder(title(4, Map.of("name", "a")), title(6, Map.of("name", "b")));
    p.run();
  }

  @Test
  public void anUpdateHoursLateIsStillEmitted() {
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(edge(0)))
            .advanceWatermarkTo(T0.plus(Duration.standardHours(5)))
            .addElements(
                at(edge(-3 * 3600))) // three hours before T0: eight hours behind the watermark
            .advanceWatermarkTo(T0.plus(Duration.standardHours(6)))
            .advanceWatermarkToInfinity();

    PAssert.that(merge(updates)).containsInAnyOrder(edge(0), edge(-3 * 3600));
    p.run();
  }

  @Test
  public void aRedeliveredDuplicateChangesNothingInTheMaterializedGraph() {
    GraphUpdate first = duplicatedFirst();
    GraphUpdate second = duplicatedSecond();
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(first), at(second), at(first)) // duplicate inside the window
            .advanceWatermarkTo(T0.plus(Duration.standardSeconds(30)))
            .addElements(at(second)) // duplicate after the flush
            .advanceWatermarkToInfinity();

    assertBuildsTheGraphOf(merge(updates), () -> List.of(duplicatedFirst(), duplicatedSecond()));
    p.run();
  }

  @Test
  public void aKeysBufferIsEmptyAfterItsFlush() {
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(title(0, Map.of("name", "a", "genre", "drama"))))
            .advanceWatermarkTo(T0.plus(Duration.standardSeconds(25)))
            .addElements(at(title(30, Map.of())))
            .advanceWatermarkToInfinity();

    // Had anything of the first buffer survived its flush, the second update would carry its
    // properties or its firstSeen.
    PAssert.that(merge(updates))
        .containsInAnyOrder(title(0, Map.of("name", "a", "genre", "drama")), title(30, Map.of()));
    assertMetrics(
        p.run(),
        Map.of(GraphMetric.MERGE_BUFFERS_OPENED, 2L, GraphMetric.MERGE_BUFFERS_FLUSHED, 2L));
  }

  @Test
  public void keysAreMergedIndependently() {
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(title(0, Map.of())), at(edge(1)), at(title(2, Map.of())), at(edge(3)))
            .advanceWatermarkToInfinity();

    PAssert.that(merge(updates))
        .containsInAnyOrder(
            merged(title(0, Map.of()), title(2, Map.of())), merged(edge(1), edge(3)));
    p.run();
  }

  @Test
  public void aFlushIsTimestampedAtItsTimerSoItHoldsNoWatermarkBackFurther() {
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(title(3, Map.of())), at(title(8, Map.of())))
            .advanceWatermarkToInfinity();

    PAssert.that(stamped(merge(updates), GraphUpdate::id)).containsInAnyOrder("Title:t1@" + t(13));
    p.run();
  }

  @Test
  public void anEventsMemberUpdatesShareOneBufferAndSharedContentHasItsOwn() {
    // Two playback events of one member, three seconds apart, each with the eight updates the
    // mapping table of PRODUCT.md gives it: the seven of the member's own elements share the
    // account's buffer, the Title has its own; every element leaves once, merged over both events.
    TestStream<KV<String, List<GraphUpdate>>> events =
        TestStream.create(MapToGraphUpdates.eventUpdatesCoder())
            .advanceWatermarkTo(T0.minus(Duration.standardHours(4)))
            .addElements(
                TimestampedValue.of(KV.of(ACCOUNT, playback(0)), t(0)),
                TimestampedValue.of(KV.of(ACCOUNT, playback(3)), t(3)))
            .advanceWatermarkToInfinity();

    List<GraphUpdate> expected = new java.util.ArrayList<>();
    for (int i = 0; i < playback(0).size(); i++) {
      expected.add(merged(playback(0).get(i), playback(3).get(i)));
    }
    PAssert.that(
            p.apply(events).apply(MergeGraphUpdates.withDedupWindow(WINDOW).keyedBy(MEMBER_KEYS)))
        .containsInAnyOrder(expected);
    assertMetrics(
        p.run(), Map.of(GraphMetric.MERGE_BUFFERS_OPENED, 2L, GraphMetric.EMITTED_UPDATES, 8L));
  }

  @Test
  public void aFlushTimeIsRoundedUpToTheNextSecond() {
    Instant firstSeen = t(3).plus(Duration.millis(400));
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(at(titleAt(firstSeen, Map.of("name", "a"))))
            // Past the unrounded flush time T0+13.4s, not yet past the rounded one, T0+14s:
            .advanceWatermarkTo(t(13).plus(Duration.millis(600)))
            .addElements(
                TimestampedValue.of(
                    titleAt(t(13), Map.of("genre", "drama")), t(13).plus(Duration.millis(600))))
            .advanceWatermarkToInfinity();

    PAssert.that(stamped(merge(updates), u -> u.id() + " " + u.properties()))
        .containsInAnyOrder("Title:t1 {genre=drama, name=a}@" + t(14));
    p.run();
  }

  /** One playback START event of member a1 at T0+s, as the mapping table of PRODUCT.md maps it. */
  private static List<GraphUpdate> playback(long seconds) {
    Instant time = t(seconds);
    SourceTopic topic = SourceTopic.PLAYBACK;
    return List.of(
        GraphUpdate.node(NodeType.ACCOUNT, "a1", time, topic, Map.of()),
        GraphUpdate.node(NodeType.DEVICE, "d1", time, topic, Map.of("deviceType", "TV")),
        GraphUpdate.edge(EdgeType.USES_DEVICE, "Account:a1", "Device:d1", time, topic, Map.of()),
        GraphUpdate.node(NodeType.PROFILE, "p1", time, topic, Map.of()),
        GraphUpdate.edge(EdgeType.HAS_PROFILE, "Account:a1", "Profile:p1", time, topic, Map.of()),
        GraphUpdate.node(NodeType.TITLE, "t1", time, topic, Map.of("name", "Dark")),
        GraphUpdate.edge(EdgeType.STREAMED_FROM, "Profile:p1", "Device:d1", time, topic, Map.of()),
        GraphUpdate.edge(
            EdgeType.STARTED_WATCHING,
            "Profile:p1",
            "Title:t1",
            time,
            topic,
            Map.of("titleName", "Dark")));
  }

  private static GraphUpdate duplicatedFirst() {
    return title(1, Map.of("name", "a"));
  }

  private static GraphUpdate duplicatedSecond() {
    return title(3, Map.of("genre", "drama"));
  }

  @Test
  public void mergingWithinABundleLosesNothingAndKeepsTheEarliestTimestamp() {
    List<TimestampedValue<GraphUpdate>> updates =
        List.of(
            at(title(4, Map.of("name", "a"))),
            at(title(0, Map.of("genre", "drama"))),
            at(title(7, Map.of("name", "b"))),
            at(edge(2)),
            at(edge(1)));
    PCollection<GraphUpdate> merged =
        mergeWithinBundle(
            p.apply(Create.timestamped(updates).withCoder(ModelCoder.of(GraphUpdate.class))),
            MergeGraphUpdates.MergeWithinBundleFn.MAX_PENDING_ELEMENTS);
    // However the runner cuts bundles, the parts of each element merge back into the same update,
    // each stamped no later than the earliest update it absorbed (its firstSeen here).
    PAssert.that(merged.apply(Reify.timestamps()))
        .satisfies(
            parts -> {
              Map<String, GraphUpdate> byId = new java.util.TreeMap<>();
              for (TimestampedValue<GraphUpdate> part : parts) {
                assertThat(part.getTimestamp(), equalTo(part.getValue().firstSeen()));
                byId.merge(part.getValue().id(), part.getValue(), GraphUpdate::mergeWith);
              }
              assertThat(
                  byId,
                  equalTo(
                      Map.of(
                          title(0, Map.of()).id(),
                              merged(
                                  merged(
                                      title(4, Map.of("name", "a")),
                                      title(0, Map.of("genre", "drama"))),
                                  title(7, Map.of("name", "b"))),
                          edge(0).id(), merged(edge(2), edge(1)))));
              return null;
            });
    p.run();
  }

  @Test
  public void aFullBundleMapIsEmittedBeforeTheBundleEnds() {
    // One TestStream step is one bundle. With room for two elements, the map fills at the edge
    // and again at the second Title update; the last Title update leaves at the bundle's end.
    TestStream<GraphUpdate> updates =
        stream()
            .addElements(
                at(title(0, Map.of("name", "a"))),
                at(title(1, Map.of("genre", "drama"))),
                at(edge(2)), // full: Title (0 and 1 merged) and the edge leave
                at(account(3)),
                at(title(4, Map.of("name", "b"))), // full: the account and this Title update leave
                at(title(5, Map.of("name", "c"))))
            .advanceWatermarkToInfinity();

    PCollection<GraphUpdate> parts = mergeWithinBundle(p.apply(updates), 2);
    PAssert.that(parts.apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(
                merged(title(0, Map.of("name", "a")), title(1, Map.of("genre", "drama"))), t(0)),
            TimestampedValue.of(edge(2), t(2)),
            TimestampedValue.of(account(3), t(3)),
            TimestampedValue.of(title(4, Map.of("name", "b")), t(4)),
            TimestampedValue.of(title(5, Map.of("name", "c")), t(5)));
    PipelineResult result = p.run();
    assertThat(counter(result, GraphMetric.MERGE_WITHIN_BUNDLE_EARLY_FLUSHES), equalTo(2L));
  }

  @Test
  public void aBoundedBundleMergeStillBuildsTheSameGraph() {
    // 300 updates of 40 elements in one bundle, two in a row for each, through a map with room
    // for 7: the merged parts must still add up to the graph of the updates themselves.
    List<TimestampedValue<GraphUpdate>> timeline =
        twoInARowOfFortyElements().stream().map(MergeGraphUpdatesTest::at).toList();
    TestStream<GraphUpdate> oneBundle =
        stream()
            .addElements(
                timeline.get(0),
                timeline.subList(1, timeline.size()).toArray(TimestampedValue[]::new))
            .advanceWatermarkToInfinity();
    PCollection<GraphUpdate> parts = mergeWithinBundle(p.apply(oneBundle), 7);
    assertBuildsTheGraphOf(parts, MergeGraphUpdatesTest::twoInARowOfFortyElements);
    PipelineResult result = p.run();
    // The 7th distinct element arrives with update 12; from then on the map holds the second half
    // of a pair plus six new pairs, so it fills again every 12 updates: at 12, 24, ..., 288.
    assertThat(counter(result, GraphMetric.MERGE_WITHIN_BUNDLE_EARLY_FLUSHES), equalTo(24L));
  }

  private static List<GraphUpdate> twoInARowOfFortyElements() {
    List<GraphUpdate> updates = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int member = (i / 2) % 40;
      updates.add(
          GraphUpdate.node(
              NodeType.ACCOUNT, "a" + member, t(i), SourceTopic.PLAYBACK, Map.of("n", "v" + i)));
    }
    return updates;
  }

  /**
   * The bundle merge of updates that each come from their own event, its groups taken apart again.
   */
  private static PCollection<GraphUpdate> mergeWithinBundle(
      PCollection<GraphUpdate> updates, int maxPending) {
    return asEvents(updates)
        .apply(ParDo.of(new MergeGraphUpdates.MergeWithinBundleFn(MEMBER_KEYS, maxPending)))
        .setCoder(MapToGraphUpdates.eventUpdatesCoder())
        .apply(Values.create())
        .apply(Flatten.iterables());
  }

  private PCollection<GraphUpdate> merge(TestStream<GraphUpdate> updates) {
    return asEvents(p.apply(updates))
        .apply(MergeGraphUpdates.withDedupWindow(WINDOW).keyedBy(MEMBER_KEYS));
  }

  /**
   * Each update as the only update of an event of one member's account, at its timestamp: the
   * account's node, profiles and devices share that account's buffer; a Title has its own.
   */
  private static PCollection<KV<String, List<GraphUpdate>>> asEvents(
      PCollection<GraphUpdate> updates) {
    return updates
        .apply(
            "AsEventsOfOneAccount",
            MapElements.via(
                new SimpleFunction<GraphUpdate, KV<String, List<GraphUpdate>>>() {
                  @Override
                  public KV<String, List<GraphUpdate>> apply(GraphUpdate update) {
                    return KV.of(ACCOUNT, List.of(update));
                  }
                }))
        .setCoder(MapToGraphUpdates.eventUpdatesCoder());
  }

  /** Each update, described, then {@code @} and its timestamp. */
  private static PCollection<String> stamped(
      PCollection<GraphUpdate> updates, SerializableFunction<GraphUpdate, String> describe) {
    return updates
        .apply(Reify.timestamps())
        .apply(
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (TimestampedValue<GraphUpdate> u) ->
                        describe.apply(u.getValue()) + "@" + u.getTimestamp()));
  }

  /**
   * Asserts that the emitted updates materialize into the same graph as the expected ones, which
   * are built where the assertion runs (updates are not serializable).
   */
  private static void assertBuildsTheGraphOf(
      PCollection<GraphUpdate> emitted, ExpectedUpdates expected) {
    PAssert.that(emitted)
        .satisfies(
            updates -> {
              assertThat(
                  MaterializedGraph.of(updates), equalTo(MaterializedGraph.of(expected.get())));
              return null;
            });
  }

  /** The expected updates, built on demand. */
  private interface ExpectedUpdates extends Serializable {
    List<GraphUpdate> get();
  }

  private static TestStream.Builder<GraphUpdate> stream() {
    return TestStream.create(ModelCoder.of(GraphUpdate.class))
        .advanceWatermarkTo(T0.minus(Duration.standardHours(4)));
  }

  /** The update, timestamped at its event time as the Kafka source does. */
  private static TimestampedValue<GraphUpdate> at(GraphUpdate update) {
    return TimestampedValue.of(update, update.firstSeen());
  }

  private static Instant t(long seconds) {
    return T0.plus(Duration.standardSeconds(seconds));
  }

  private static GraphUpdate title(long seconds, Map<String, String> properties) {
    return titleAt(t(seconds), properties);
  }

  private static GraphUpdate titleAt(Instant time, Map<String, String> properties) {
    return GraphUpdate.node(NodeType.TITLE, "t1", time, SourceTopic.PLAYBACK, properties);
  }

  private static GraphUpdate edge(long seconds) {
    return GraphUpdate.edge(
        EdgeType.STREAMED_FROM,
        "Profile:p1",
        "Device:d1",
        t(seconds),
        SourceTopic.PLAYBACK,
        Map.of());
  }

  private static GraphUpdate account(long seconds) {
    return GraphUpdate.node(NodeType.ACCOUNT, "a1", t(seconds), SourceTopic.PLAYBACK, Map.of());
  }

  private static GraphUpdate merged(GraphUpdate a, GraphUpdate b) {
    return a.mergeWith(b);
  }
}
