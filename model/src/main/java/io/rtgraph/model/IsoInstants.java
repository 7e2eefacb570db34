package io.rtgraph.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.joda.time.Instant;

/**
 * Reads and writes the ISO-8601 instants of the wire formats.
 *
 * <p>Every event passes through {@link #parse} and every update through {@link #format}, so both
 * have a hand-written fast path for the common shape ({@code 2026-11-27T10:15:30.123Z} or with an
 * offset such as {@code +01:00}); anything else falls back to {@link DateTimeFormatter}, which is
 * an order of magnitude slower but accepts every ISO-8601 offset date-time. Sub-millisecond digits
 * are truncated, because the graph's times are milliseconds.
 */
public final class IsoInstants {
  private static final DateTimeFormatter FALLBACK_PARSER = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final DateTimeFormatter FALLBACK_FORMATTER =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private IsoInstants() {}

  /** Formats as UTC with exactly three fractional digits, as PRODUCT.md prescribes. */
  public static String format(Instant instant) {
    return format(instant.getMillis());
  }

  /** Formats epoch milliseconds as UTC with exactly three fractional digits. */
  public static String format(long epochMillis) {
    long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      return FALLBACK_FORMATTER.format(java.time.Instant.ofEpochMilli(epochMillis));
    }
    char[] out = new char[24];
    put4(out, 0, year);
    out[4] = '-';
    put2(out, 5, date.getMonthValue());
    out[7] = '-';
    put2(out, 8, date.getDayOfMonth());
    out[10] = 'T';
    int secondOfDay = millisOfDay / 1000;
    put2(out, 11, secondOfDay / 3600);
    out[13] = ':';
    put2(out, 14, (secondOfDay / 60) % 60);
    out[16] = ':';
    put2(out, 17, secondOfDay % 60);
    out[19] = '.';
    int millis = millisOfDay % 1000;
    out[20] = (char) ('0' + millis / 100);
    out[21] = (char) ('0' + (millis / 10) % 10);
    out[22] = (char) ('0' + millis % 10);
    out[23] = 'Z';
    return new String(out);
  }

  /**
   * Parses an ISO-8601 date-time with a {@code Z} or numeric offset.
   *
   * @throws IllegalArgumentException naming the text when it is not such a date-time
   */
  public static Instant parse(String text) {
    long fast = parseFast(text);
    if (fast != Long.MIN_VALUE) {
      return new Instant(fast);
    }
    try {
      return new Instant(OffsetDateTime.parse(text, FALLBACK_PARSER).toInstant().toEpochMilli());
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO-8601 instant such as 2026-11-27T10:15:30.123Z", e);
    }
  }

  /** Returns epoch millis, or {@code Long.MIN_VALUE} when the text is not in the common shape. */
  private static long parseFast(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 59) {
      return Long.MIN_VALUE;
    }
    int pos = 19;
    int millis = 0;
    if (s.charAt(pos) == '.') {
      pos++;
      int fractionStart = pos;
      while (pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        int digitIndex = pos - fractionStart;
        if (digitIndex < 3) {
          millis = millis * 10 + (s.charAt(pos) - '0');
        }
        pos++;
      }
      int fractionDigits = pos - fractionStart;
      if (fractionDigits == 0 || fractionDigits > 9) {
        return Long.MIN_VALUE;
      }
      for (int i = fractionDigits; i < 3; i++) {
        millis *= 10;
      }
    }
    int offsetSeconds;
    if (pos == n - 1 && s.charAt(pos) == 'Z') {
      offsetSeconds = 0;
    } else if (pos == n - 6
        && (s.charAt(pos) == '+' || s.charAt(pos) == '-')
        && s.charAt(pos + 3) == ':') {
      int offsetHours = digits(s, pos + 1, 2);
      int offsetMinutes = digits(s, pos + 4, 2);
      if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 18 || offsetMinutes > 59) {
        return Long.MIN_VALUE;
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(pos) == '-' ? -1 : 1);
    } else {
      return Long.MIN_VALUE;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE; // for example February 30th: the fallback reports it
    }
    long epochSecond = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return epochSecond * 1000L + millis;
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void put2(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }

  private static void put4(char[] out, int at, int value) {
    put2(out, at, value / 100);
    put2(out, at + 2, value % 100);
  }
}
