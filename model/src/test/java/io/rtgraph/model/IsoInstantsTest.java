package io.rtgraph.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.joda.time.Instant;
import org.junit.Test;

public class IsoInstantsTest {

  @Test
  public void formatsUtcWithMilliseconds() {
    assertThat(IsoInstants.format(0L), equalTo("1970-01-01T00:00:00.000Z"));
    assertThat(
        IsoInstants.format(Instant.parse("2026-11-27T10:00:07.250Z")),
        equalTo("2026-11-27T10:00:07.250Z"));
    assertThat(IsoInstants.format(-1L), equalTo("1969-12-31T23:59:59.999Z"));
  }

  @Test
  public void fastPathAgreesWithTheJdkOnRandomInstantsAndOffsets() {
    Random random = new Random(7);
    DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    DateTimeFormatter utcMillis =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    for (int i = 0; i < 20_000; i++) {
      long millis = (long) (random.nextDouble() * 4_102_444_800_000L); // 1970..2100
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800);
      String text =
          OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), offset).format(iso);
      assertThat(text, IsoInstants.parse(text).getMillis(), equalTo(millis));
      assertThat(
          IsoInstants.format(millis),
          equalTo(utcMillis.format(java.time.Instant.ofEpochMilli(millis))));
    }
  }

  @Test
  public void truncatesSubMillisecondDigitsAndAcceptsNoFraction() {
    assertThat(
        IsoInstants.parse("2026-11-27T10:15:30.123456789Z").getMillis(),
        equalTo(IsoInstants.parse("2026-11-27T10:15:30.123Z").getMillis()));
    assertThat(
        IsoInstants.parse("2026-11-27T10:15:30Z"),
        equalTo(Instant.parse("2026-11-27T10:15:30.000Z")));
    assertThat(
        IsoInstants.parse("2026-11-27T10:15:30.5Z"),
        equalTo(Instant.parse("2026-11-27T10:15:30.500Z")));
  }

  @Test
  public void rejectsImpossibleDatesAndOtherShapes() {
    for (String bad :
        new String[] {
          "2026-02-30T10:15:30Z",
          "2026-11-27 10:15:30Z",
          "yesterday",
          "2026-11-27T10:15:30",
          "1764238530"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> IsoInstants.parse(bad));
      assertThat(e.getMessage(), containsString(bad));
    }
  }
}
