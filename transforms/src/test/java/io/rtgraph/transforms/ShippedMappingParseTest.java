package io.rtgraph.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.InvalidEventException;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hamcrest.Matcher;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * How the shipped mapping files read single record values, on the cases the hand-written event
 * reader they replaced was tested with; ParseEventsTest runs each dead-letter rule through the
 * transform.
 */
public class ShippedMappingParseTest {

  @Test
  public void readsAPlaybackEventWithEveryField() throws Exception {
    Read event =
        read(
            SourceTopic.PLAYBACK,
            "{\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T10:15:30.123Z\",\"accountId\":\"a1\","
                + "\"profileId\":\"p1\",\"deviceId\":\"d1\",\"deviceType\":\"phone\",\"test\":false,"
                + "\"titleId\":\"t1\",\"action\":\"START\",\"positionMs\":1234}");
    assertThat(event.time(), equalTo(Instant.parse("2026-11-27T10:15:30.123Z")));
    for (List<Object> field :
        List.<List<Object>>of(
            List.of("eventId", "e1"),
            List.of("accountId", "a1"),
            List.of("profileId", "p1"),
            List.of("deviceId", "d1"),
            List.of("deviceType", "phone"),
            List.of("test", false),
            List.of("titleId", "t1"),
            List.of("action", "START"),
            List.of("positionMs", 1234L))) {
      assertThat((String) field.get(0), event.get((String) field.get(0)), equalTo(field.get(1)));
    }
  }

  @Test
  public void loginNeedsNoProfileAndKeepsTheCountryAndTheInstantOfAnOffsetTime() throws Exception {
    Read event =
        read(
            SourceTopic.LOGIN,
            "{\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T11:15:30+01:00\",\"accountId\":\"a1\","
                + "\"deviceId\":\"d1\",\"result\":\"SUCCESS\",\"country\":\"NL\"}");
    assertThat(event.get("profileId"), nullValue());
    assertThat(event.get("country"), equalTo("NL"));
    assertThat(event.get("result"), equalTo("SUCCESS"));
    assertThat(event.time(), equalTo(Instant.parse("2026-11-27T10:15:30.000Z")));
  }

  @Test
  public void ignoresUnknownFieldsOfAnyShape() throws Exception {
    Read event =
        read(
            SourceTopic.LIVE,
            "{\"x\":{\"y\":[1,{\"z\":null}]},\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T10:15:30Z\","
                + "\"accountId\":\"a1\",\"profileId\":\"p1\",\"deviceId\":\"d1\",\"liveEventId\":\"l1\","
                + "\"action\":\"JOIN\",\"titleId\":42}");
    assertThat(event.get("liveEventId"), equalTo("l1"));
    assertThat(
        "titleId is not a field of live events",
        event.mapping.mapping().field("titleId"),
        nullValue());
  }

  @Test
  public void reportsTheTypeErrorBeforeMissingFields() {
    assertRefused(
        SourceTopic.GAMEPLAY,
        "{\"eventId\":7,\"gameId\":\"g\"}",
        DeadLetterReason.WRONG_FIELD_TYPE,
        equalTo("field 'eventId' must be a string, but is number"));
  }

  @Test
  public void brokenJsonAfterATypeErrorIsNotJson() {
    assertRefused(
        SourceTopic.GAMEPLAY,
        "{\"eventId\":7,",
        DeadLetterReason.NOT_A_JSON_OBJECT,
        containsString("not valid JSON"));
  }

  @Test
  public void trailingContentIsNotOneObject() {
    assertRefused(
        SourceTopic.LOGIN,
        "{} {}",
        DeadLetterReason.NOT_A_JSON_OBJECT,
        containsString("content after the JSON object"));
  }

  @Test
  public void aPositionBeyond64BitsIsTheWrongType() {
    assertRefused(
        SourceTopic.PLAYBACK,
        "{\"positionMs\":123456789012345678901234567890}",
        DeadLetterReason.WRONG_FIELD_TYPE,
        containsString("positionMs"));
  }

  private static void assertRefused(
      SourceTopic topic, String json, DeadLetterReason reason, Matcher<String> message) {
    InvalidEventException e = assertThrows(InvalidEventException.class, () -> read(topic, json));
    assertThat(e.reason(), equalTo(reason));
    assertThat(e.getMessage(), message);
  }

  private static Read read(SourceTopic topic, String json) throws InvalidEventException {
    CompiledMapping mapping = TopicMappings.shipped(topic);
    return new Read(mapping, mapping.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** A parsed event, its values looked up by the field names of its mapping. */
  private record Read(CompiledMapping mapping, MappedEvent event) {
    Instant time() {
      return event.eventTime();
    }

    Object get(String field) {
      return event.value(mapping.mapping().fields().indexOf(mapping.mapping().field(field)));
    }
  }
}
