package io.rtgraph.model.json;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import org.joda.time.Instant;
import org.junit.Test;

/** The event time the Kafka source stamps a record with, read before the record is validated. */
public class EventJsonTest {

  @Test
  public void peeksTheEventTimeWhereverItIsAndSkipsNestedValues() {
    assertThat(
        peek(
            "{\"x\":{\"eventTime\":\"1999-01-01T00:00:00Z\"},\"eventTime\":\"2026-11-27T11:15:30+01:00\"}"),
        equalTo(Instant.parse("2026-11-27T10:15:30Z")));
  }

  @Test
  public void anythingWithoutAParseableEventTimeHasNone() {
    assertThat(EventJson.peekEventTime(null), nullValue());
    assertThat(peek("[\"eventTime\"]"), nullValue());
    assertThat(peek("{\"eventId\":\"e1\"}"), nullValue());
    assertThat(peek("{\"eventTime\":1764238530000}"), nullValue());
    assertThat(peek("{\"eventTime\":\"yesterday\"}"), nullValue());
    assertThat(peek("{\"eventTime\""), nullValue());
  }

  private static Instant peek(String json) {
    return EventJson.peekEventTime(json.getBytes(StandardCharsets.UTF_8));
  }
}
