package io.rtgraph.transforms;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.Duration;

/**
 * Converts duration flags once, at pipeline construction: {@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT10S}. A bad value fails the launch with an
 * error naming the flag.
 */
public final class FlagDurations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private FlagDurations() {}

  public static Duration parse(String flag, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a duration such as 10s, not empty");
    }
    String text = value.trim().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE.matcher(text);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      switch (simple.group(2)) {
        case "ms":
          return Duration.millis(amount);
        case "s":
          return Duration.standardSeconds(amount);
        case "m":
          return Duration.standardMinutes(amount);
        case "h":
          return Duration.standardHours(amount);
        default:
          return Duration.standardDays(amount);
      }
    }
    try {
      java.time.Duration iso = java.time.Duration.parse(value.trim());
      if (!iso.isNegative()) {
        return Duration.millis(iso.toMillis());
      }
    } catch (java.time.format.DateTimeParseException e) {
      // reported below, with the flag's name
    }
    throw new IllegalArgumentException(
        "--"
            + flag
            + "="
            + value
            + " is not a duration; use for example 500ms, 10s, 5m, 1h or PT10S");
  }
}
