package io.rtgraph.transforms;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Converts duration flags once, at pipeline construction: {@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT10S}. A bad value fails the launch with an
 * error naming the flag.
 *
 * <p>Every duration flag is a string read here. The flags that were numbers of seconds ({@code
 * --icebergCommitIntervalSeconds} and the like) became duration flags; their old names stay
 * accepted as deprecated aliases ({@link #withSecondsAlias}).
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

  /**
   * A duration flag that replaced a number-of-seconds flag, which scripts may still pass: the alias
   * alone counts as that many seconds, and given together with the flag it must say the same
   * duration, else the launch fails naming both.
   */
  public static SecondsAlias withSecondsAlias(String flag, String alias) {
    return new SecondsAlias(flag, alias);
  }

  /** A duration flag and the deprecated number-of-seconds flag it replaced. */
  public static final class SecondsAlias {
    private final String flag;
    private final String alias;

    private SecondsAlias(String flag, String alias) {
      this.flag = flag;
      this.alias = alias;
    }

    /**
     * The duration the two flags give.
     *
     * @param options where the flag was given or left at its default
     * @param aliasSeconds the alias's value, null when it was not given
     */
    public Duration read(PipelineOptions options, String value, @Nullable Number aliasSeconds) {
      Duration duration = parse(flag, value);
      if (aliasSeconds == null) {
        return duration;
      }
      if (aliasSeconds.longValue() < 0) {
        throw new IllegalArgumentException(
            "--"
                + alias
                + " (deprecated: use --"
                + flag
                + ") must not be negative, not "
                + aliasSeconds);
      }
      Duration fromAlias = Duration.standardSeconds(aliasSeconds.longValue());
      if (isGiven(options, flag) && !fromAlias.equals(duration)) {
        throw new IllegalArgumentException(
            String.format(
                "--%s=%s and --%s=%s disagree; --%s is the deprecated name of --%s in seconds:"
                    + " give only --%s",
                flag, value, alias, aliasSeconds, alias, flag, flag));
      }
      return fromAlias;
    }
  }

  /**
   * Whether the flag was set, as opposed to left at its default: the options' display data holds
   * exactly the options that were set.
   */
  private static boolean isGiven(PipelineOptions options, String flag) {
    return DisplayData.from(options).items().stream().anyMatch(item -> item.getKey().equals(flag));
  }
}
