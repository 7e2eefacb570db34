package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The fifth vertical, {@code member.rating}, added by its mapping file alone (PRODUCT.md "Adding a
 * vertical"): a small input through the whole chain, against graph elements and dead letters
 * written out by hand from the contract, not computed by any code of the project.
 */
public class RatingVerticalTest {
  private static final String T0 = "2026-11-27T10:00:00.000Z";
  private static final String T1 = "2026-11-27T10:00:01.000Z";
  private static final String T2 = "2026-11-27T10:00:02.000Z";
  private static final String TOPIC = "member.rating";

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void ratingsBecomeRatedEdgesAndOutOfRangeRatingsDeadLetters() throws Exception {
    Path titles = folder.getRoot().toPath().resolve("titles.jsonl");
    Files.writeString(
        titles,
        "{\"titleId\":\"t1\",\"name\":\"Dark\",\"kind\":\"SHOW\",\"genre\":\"thriller\"}\n");
    Records records = new Records(TOPIC);
    RawRecord fourStars =
        records.json(
            rating(
                "r1", T0, "\"deviceId\":\"d1\",\"deviceType\":\"phone\",\"titleId\":\"t1\"", "4"));
    RawRecord uncataloged =
        records.json(rating("r2", T1, "\"deviceId\":\"d2\",\"titleId\":\"t2\"", "2"));
    RawRecord test =
        records.json(rating("r3", T1, "\"deviceId\":\"d1\",\"titleId\":\"t1\",\"test\":true", "1"));
    RawRecord sevenStars =
        records.json(rating("r4", T1, "\"deviceId\":\"d1\",\"titleId\":\"t1\"", "7"));
    RawRecord textRating =
        records.json(rating("r5", T1, "\"deviceId\":\"d1\",\"titleId\":\"t1\"", "\"4\""));
    RawRecord noTitle = records.json(rating("r6", T1, "\"deviceId\":\"d1\"", "3"));
    RawRecord fiveStars =
        records.json(
            rating(
                "r7", T2, "\"deviceId\":\"d1\",\"deviceType\":\"phone\",\"titleId\":\"t1\"", "5"));

    GraphResult graph =
        p.apply(
                Create.of(
                    List.of(
                        fourStars, uncataloged, test, sevenStars, textRating, noTitle, fiveStars)))
            .apply(
                "BuildRatingGraph",
                BuildInteractionGraph.forMapping(TopicMappings.shipped(SourceTopic.of(TOPIC)))
                    .withCatalogs(LoadCatalogs.once().withTitles(titles.toString())));

    PAssert.that(
            graph
                .updates()
                .apply(MapElements.into(TypeDescriptors.strings()).via(GraphUpdateJson::toJson)))
        .containsInAnyOrder(
            node("Account", "Account:a1", "{}", "{}", T0, T2),
            node("Profile", "Profile:p1", "{}", "{}", T0, T2),
            node(
                "Device",
                "Device:d1",
                "{\"deviceType\":\"phone\"}",
                "{\"deviceType\":\"" + T2 + "\"}",
                T0,
                T2),
            node("Device", "Device:d2", "{}", "{}", T1, T1),
            node(
                "Title",
                "Title:t1",
                "{\"genre\":\"thriller\",\"kind\":\"SHOW\",\"name\":\"Dark\"}",
                "{\"genre\":\"" + T2 + "\",\"kind\":\"" + T2 + "\",\"name\":\"" + T2 + "\"}",
                T0,
                T2),
            node("Title", "Title:t2", "{}", "{}", T1, T1),
            edge("HAS_PROFILE", "Account:a1", "Profile:p1", "{}", "{}", T0, T2),
            edge("USES_DEVICE", "Account:a1", "Device:d1", "{}", "{}", T0, T2),
            edge("USES_DEVICE", "Account:a1", "Device:d2", "{}", "{}", T1, T1),
            // The later rating wins the register; the title's name comes from the catalog.
            edge(
                "RATED",
                "Profile:p1",
                "Title:t1",
                "{\"rating\":\"5\",\"titleName\":\"Dark\"}",
                "{\"rating\":\"" + T2 + "\",\"titleName\":\"" + T2 + "\"}",
                T0,
                T2),
            // A catalog miss keeps the edge, without the title's name.
            edge(
                "RATED",
                "Profile:p1",
                "Title:t2",
                "{\"rating\":\"2\"}",
                "{\"rating\":\"" + T1 + "\"}",
                T1,
                T1));
    PAssert.that(graph.deadLetters())
        .containsInAnyOrder(
            Records.deadLetter(
                sevenStars,
                DeadLetterReason.INVALID_ACTION,
                "field 'rating' is 7; member.rating allows 1 to 5"),
            Records.deadLetter(
                textRating,
                DeadLetterReason.WRONG_FIELD_TYPE,
                "field 'rating' must be an integer, but is string"),
            Records.deadLetter(
                noTitle, DeadLetterReason.MISSING_FIELD, "required field 'titleId' is missing"));

    PipelineResult result = p.run();
    assertThat(counter(result, "filtered_test_traffic"), equalTo(1L));
    assertThat(counter(result, GraphMetric.GRAPH_EVENTS), equalTo(3L));
    assertThat(counter(result, GraphMetric.DEAD_LETTERED), equalTo(3L));
    assertThat(counter(result, GraphMetric.catalogHit("titles")), equalTo(2L));
    assertThat(counter(result, GraphMetric.catalogMiss("titles")), equalTo(1L));
  }

  private static String rating(String eventId, String time, String fields, String rating) {
    return Records.event(eventId, time, "\"profileId\":\"p1\"," + fields + ",\"rating\":" + rating);
  }

  private static String node(
      String type, String id, String properties, String times, String first, String last) {
    return ExpectedUpdateJson.node(type, id, properties, times, first, last, TOPIC);
  }

  private static String edge(
      String type,
      String src,
      String dst,
      String properties,
      String times,
      String first,
      String last) {
    return ExpectedUpdateJson.edge(type, src, dst, properties, times, first, last, TOPIC);
  }
}
