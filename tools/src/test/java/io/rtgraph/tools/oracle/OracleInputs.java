package io.rtgraph.tools.oracle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hand-written inputs and expectations for the oracle's tests, all on 2026-11-27 (UTC). */
final class OracleInputs {
  static final String DAY = "2026-11-27";

  /** Well after every event time below, so that no test event is in the future. */
  static final long PROCESSING_TIME = java.time.Instant.parse(DAY + "T12:00:00Z").toEpochMilli();

  static final String TITLES =
      line("{'titleId':'t42','name':'Stranger Things','kind':'SHOW','genre':'sci-fi'}")
          + line("{'titleId':'t43','name':'The Crown','kind':'SHOW','genre':'drama'}");
  static final String GAMES =
      line(
              "{'gameId':'g7','name':'Stranger Things: Puzzle Tales','genre':'puzzle','basedOnTitleId':'t42'}")
          + line("{'gameId':'g8','name':'Lost Relic','genre':'arcade','basedOnTitleId':'t-gone'}")
          + line("{'gameId':'g9','name':'Solo Trivia','genre':'trivia'}");
  static final String LIVE_EVENTS =
      line("{'liveEventId':'l1','name':'Stranger Things: Live Premiere'}");

  private static final Pattern TIME =
      Pattern.compile("(?<![\\d-])(\\d\\d:\\d\\d:\\d\\d)(\\.\\d{3})?(?!\\d)");

  private OracleInputs() {}

  static OracleCatalogs catalogs() {
    return OracleCatalogs.of(TITLES, GAMES, LIVE_EVENTS);
  }

  static GraphOracle oracle() {
    return new GraphOracle(InputRules.defaults().withProcessingTime(PROCESSING_TIME), catalogs());
  }

  /** JSON written with single quotes for readability. */
  static byte[] json(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An expected element line in {@link OracleGraph#describe()}'s form, with each {@code HH:MM:SS}
   * or {@code HH:MM:SS.mmm} standing for that time on {@link #DAY}.
   */
  static String expect(String line) {
    Matcher time = TIME.matcher(line);
    StringBuilder expanded = new StringBuilder();
    while (time.find()) {
      String millis = time.group(2) == null ? ".000" : time.group(2);
      time.appendReplacement(expanded, DAY + "T" + time.group(1) + millis + "Z");
    }
    time.appendTail(expanded);
    return expanded.toString();
  }

  static List<String> expect(String... lines) {
    List<String> expanded = new ArrayList<>();
    for (String line : lines) {
      expanded.add(expect(line));
    }
    return expanded;
  }

  private static String line(String singleQuoted) {
    return singleQuoted.replace('\'', '"') + "\n";
  }
}
