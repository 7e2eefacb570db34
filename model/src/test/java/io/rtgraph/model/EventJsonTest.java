package io.rtgraph.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import org.joda.time.Instant;
import org.junit.Test;

/** Parsing of the four topics' events; every dead-letter rule is also run through ParseEvents. */
public class EventJsonTest {

  @Test
  public void parsesAPlaybackEventWithEveryField() throws Exception {
    MemberEvent event =
        parse(
            SourceTopic.PLAYBACK,
            "{\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T10:15:30.123Z\",\"accountId\":\"a1\","
                + "\"profileId\":\"p1\",\"deviceId\":\"d1\",\"deviceType\":\"phone\",\"test\":false,"
                + "\"titleId\":\"t1\",\"action\":\"START\",\"positionMs\":1234}");
    assertThat(
        event,
        equalTo(
            MemberEvent.builder()
                .setSourceTopic(SourceTopic.PLAYBACK)
                .setEventId("e1")
                .setEventTime(Instant.parse("2026-11-27T10:15:30.123Z"))
                .setAccountId("a1")
                .setProfileId("p1")
                .setDeviceId("d1")
                .setDeviceType("phone")
                .setTitleId("t1")
                .setAction("START")
                .setPositionMs(1234L)
                .build()));
  }

  @Test
  public void loginNeedsNoProfileAndKeepsTheCountry() throws Exception {
    MemberEvent event =
        parse(
            SourceTopic.LOGIN,
            "{\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T11:15:30+01:00\",\"accountId\":\"a1\","
                + "\"deviceId\":\"d1\",\"result\":\"SUCCESS\",\"country\":\"NL\"}");
    assertThat(event.profileId(), nullValue());
    assertThat(event.country(), equalTo("NL"));
    assertThat(event.action(), equalTo("SUCCESS"));
    assertThat(event.eventTime(), equalTo(Instant.parse("2026-11-27T10:15:30.000Z")));
  }

  @Test
  public void ignoresUnknownFieldsOfAnyShape() throws Exception {
    MemberEvent event =
        parse(
            SourceTopic.LIVE,
            "{\"x\":{\"y\":[1,{\"z\":null}]},\"eventId\":\"e1\",\"eventTime\":\"2026-11-27T10:15:30Z\","
                + "\"accountId\":\"a1\",\"profileId\":\"p1\",\"deviceId\":\"d1\",\"liveEventId\":\"l1\","
                + "\"action\":\"JOIN\",\"titleId\":42}");
    assertThat(event.liveEventId(), equalTo("l1"));
    assertThat("titleId is not a field of live events", event.titleId(), nullValue());
  }

  @Test
  public void reportsTheTypeErrorBeforeMissingFields() {
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () -> parse(SourceTopic.GAMEPLAY, "{\"eventId\":7,\"gameId\":\"g\"}"));
    assertThat(e.reason(), equalTo(DeadLetterReason.WRONG_FIELD_TYPE));
    assertThat(e.getMessage(), equalTo("field 'eventId' must be a string, but is number"));
  }

  @Test
  public void brokenJsonAfterATypeErrorIsNotJson() {
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class, () -> parse(SourceTopic.GAMEPLAY, "{\"eventId\":7,"));
    assertThat(e.reason(), equalTo(DeadLetterReason.NOT_A_JSON_OBJECT));
  }

  @Test
  public void trailingContentIsNotOneObject() {
    InvalidEventException e =
        assertThrows(InvalidEventException.class, () -> parse(SourceTopic.LOGIN, "{} {}"));
    assertThat(e.reason(), equalTo(DeadLetterReason.NOT_A_JSON_OBJECT));
    assertThat(e.getMessage(), containsString("content after the JSON object"));
  }

  @Test
  public void aPositionBeyond64BitsIsTheWrongType() {
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () -> parse(SourceTopic.PLAYBACK, "{\"positionMs\":123456789012345678901234567890}"));
    assertThat(e.reason(), equalTo(DeadLetterReason.WRONG_FIELD_TYPE));
    assertThat(e.getMessage(), containsString("positionMs"));
  }

  private static MemberEvent parse(SourceTopic topic, String json) throws InvalidEventException {
    return EventJson.parse(topic, json.getBytes(StandardCharsets.UTF_8));
  }
}
