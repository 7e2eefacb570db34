package io.rtgraph.tools.oracle;

import static io.rtgraph.tools.oracle.OracleInputs.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.tools.oracle.Verdict.BrokenRule;
import io.rtgraph.tools.oracle.Verdict.Fate;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/**
 * PRODUCT.md's dead-letter rules and filters, one hand-written record each; none touches the graph.
 */
public class InputRulesTest {
  private static final String VALID_PLAYBACK =
      "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','titleId':'t42','action':'START'}";

  @Test
  public void aValidRecordReachesTheGraph() {
    assertVerdict(Topics.PLAYBACK, json(VALID_PLAYBACK), Fate.GRAPH, null);
  }

  @Test
  public void badBytesAreDeadLetters() {
    byte[] valid = json(VALID_PLAYBACK);
    assertVerdict(Topics.PLAYBACK, valid, Fate.GRAPH, null, valid.length);
    assertVerdict(Topics.PLAYBACK, valid, Fate.DEAD_LETTER, BrokenRule.TOO_LARGE, valid.length - 1);
    byte[] notUtf8 = json(VALID_PLAYBACK);
    notUtf8[VALID_PLAYBACK.indexOf("a1")] = (byte) 0xC3;
    assertVerdict(Topics.PLAYBACK, notUtf8, Fate.DEAD_LETTER, BrokenRule.NOT_UTF8);
    for (String notAnObject :
        new String[] {
          "",
          "null",
          "[" + VALID_PLAYBACK + "]",
          "'member.playback'",
          "accountId=a1",
          VALID_PLAYBACK.substring(0, 40),
          VALID_PLAYBACK + " {}"
        }) {
      assertVerdict(
          Topics.PLAYBACK, json(notAnObject), Fate.DEAD_LETTER, BrokenRule.NOT_A_JSON_OBJECT);
    }
  }

  @Test
  public void missingOrMistypedFieldsAreDeadLetters() {
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("'accountId':'a1',", "")),
        Fate.DEAD_LETTER,
        BrokenRule.MISSING_FIELD);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("'accountId':'a1'", "'accountId':''")),
        Fate.DEAD_LETTER,
        BrokenRule.MISSING_FIELD);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("'profileId':'p7'", "'profileId':null")),
        Fate.DEAD_LETTER,
        BrokenRule.MISSING_FIELD);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("'deviceId':'d1'", "'deviceId':12345")),
        Fate.DEAD_LETTER,
        BrokenRule.WRONG_FIELD_TYPE);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("}", ",'positionMs':'12'}")),
        Fate.DEAD_LETTER,
        BrokenRule.WRONG_FIELD_TYPE);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("}", ",'test':'true'}")),
        Fate.DEAD_LETTER,
        BrokenRule.WRONG_FIELD_TYPE);
    assertVerdict(
        Topics.GAMEPLAY,
        json(VALID_PLAYBACK.replace("'titleId':'t42',", "")),
        Fate.DEAD_LETTER,
        BrokenRule.MISSING_FIELD);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("'profileId':'p7'", "'profileId':''")),
        Fate.DEAD_LETTER,
        BrokenRule.MISSING_FIELD);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("'titleId':'t42'", "'titleId':''")),
        Fate.DEAD_LETTER,
        BrokenRule.MISSING_FIELD);
    assertVerdict(Topics.LOGIN, json(login("'result':'SUCCESS','profileId':''")), Fate.GRAPH, null);
  }

  @Test
  public void badTimesAndValuesAreDeadLetters() {
    for (String badTime :
        new String[] {
          "yesterday",
          "2026-13-01T00:00:00Z",
          "1764238530",
          "2026-11-27 10:15:30",
          "2026-11-27T10:15:30"
        }) {
      assertVerdict(
          Topics.PLAYBACK,
          json(VALID_PLAYBACK.replace("2026-11-27T10:00:00Z", badTime)),
          Fate.DEAD_LETTER,
          BrokenRule.UNPARSEABLE_EVENT_TIME);
    }
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("START", "TELEPORT")),
        Fate.DEAD_LETTER,
        BrokenRule.VALUE_NOT_ALLOWED);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("START", "LAUNCH")),
        Fate.DEAD_LETTER,
        BrokenRule.VALUE_NOT_ALLOWED);
    assertVerdict(
        Topics.LOGIN,
        json(login("'result':'MAYBE'")),
        Fate.DEAD_LETTER,
        BrokenRule.VALUE_NOT_ALLOWED);
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("2026-11-27T10:00:00Z", "2026-11-27T13:00:00.001Z")),
        Fate.DEAD_LETTER,
        BrokenRule.EVENT_TIME_IN_FUTURE);
    // One hour past the processing clock is still allowed.
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("2026-11-27T10:00:00Z", "2026-11-27T14:00:00+01:00")),
        Fate.GRAPH,
        null);
  }

  @Test
  public void aRatingMustBeAnIntegerFromOneToFive() {
    for (String rating : new String[] {"1", "5"}) {
      assertVerdict(Topics.RATING, json(rating("'rating':" + rating)), Fate.GRAPH, null);
    }
    for (String rating : new String[] {"0", "6", "-3", "100000000000000000000"}) {
      assertVerdict(
          Topics.RATING,
          json(rating("'rating':" + rating)),
          Fate.DEAD_LETTER,
          BrokenRule.VALUE_NOT_ALLOWED);
    }
    for (String rating : new String[] {"'4'", "4.5", "true"}) {
      assertVerdict(
          Topics.RATING,
          json(rating("'rating':" + rating)),
          Fate.DEAD_LETTER,
          BrokenRule.WRONG_FIELD_TYPE);
    }
    assertVerdict(
        Topics.RATING, json(rating("'stars':4")), Fate.DEAD_LETTER, BrokenRule.MISSING_FIELD);
  }

  @Test
  public void validButIrrelevantRecordsAreFiltered() {
    assertVerdict(
        Topics.PLAYBACK, json(VALID_PLAYBACK.replace("START", "HEARTBEAT")), Fate.FILTERED, null);
    assertVerdict(
        Topics.PLAYBACK, json(VALID_PLAYBACK.replace("}", ",'test':true}")), Fate.FILTERED, null);
    assertVerdict(
        Topics.PLAYBACK, json(VALID_PLAYBACK.replace("}", ",'test':false}")), Fate.GRAPH, null);
    assertVerdict(Topics.LOGIN, json(login("'result':'FAILURE'")), Fate.FILTERED, null);
    assertVerdict(Topics.LOGIN, json(login("'result':'SUCCESS','test':true")), Fate.FILTERED, null);
    assertVerdict(
        Topics.GAMEPLAY,
        json(
            VALID_PLAYBACK.replace(
                "'titleId':'t42','action':'START'", "'gameId':'g7','action':'HEARTBEAT'")),
        Fate.FILTERED,
        null);
    assertVerdict(
        Topics.LIVE,
        json(
            VALID_PLAYBACK.replace(
                "'titleId':'t42','action':'START'", "'liveEventId':'l1','action':'HEARTBEAT'")),
        Fate.FILTERED,
        null);
    assertVerdict(Topics.RATING, json(rating("'rating':3,'test':true")), Fate.FILTERED, null);
    // member.rating has no action: an extra field of that name is ignored like any unknown field.
    assertVerdict(Topics.RATING, json(rating("'rating':3,'action':'HEARTBEAT'")), Fate.GRAPH, null);
  }

  /** A filtered record must still be valid: the filter applies to valid records only. */
  @Test
  public void anInvalidHeartbeatIsADeadLetterNotFiltered() {
    assertVerdict(
        Topics.PLAYBACK,
        json(VALID_PLAYBACK.replace("START", "HEARTBEAT").replace("'deviceId':'d1',", "")),
        Fate.DEAD_LETTER,
        BrokenRule.MISSING_FIELD);
  }

  @Test
  public void deadLettersAndFilteredRecordsLeaveTheGraphEmpty() {
    GraphOracle oracle = OracleInputs.oracle();
    oracle.accept(Topics.PLAYBACK, json(VALID_PLAYBACK.replace("START", "HEARTBEAT")));
    oracle.accept(Topics.LOGIN, json(login("'result':'FAILURE'")));
    oracle.accept(Topics.PLAYBACK, json(VALID_PLAYBACK.replace("'deviceId':'d1'", "'deviceId':7")));
    oracle.accept(Topics.RATING, json(rating("'rating':9")));
    assertThat(oracle.graph().describe(), equalTo(java.util.List.of()));
  }

  private static String login(String fields) {
    return "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','deviceId':'d1',"
        + fields
        + "}";
  }

  private static String rating(String fields) {
    return "{'eventId':'e1','eventTime':'2026-11-27T10:00:00Z','accountId':'a1','profileId':'p7','deviceId':'d1','titleId':'t42',"
        + fields
        + "}";
  }

  private static void assertVerdict(String topic, byte[] value, Fate fate, BrokenRule broken) {
    assertVerdict(topic, value, fate, broken, InputRules.DEFAULT_MAX_RECORD_BYTES);
  }

  private static void assertVerdict(
      String topic, byte[] value, Fate fate, BrokenRule broken, long maxRecordBytes) {
    Verdict verdict =
        InputRules.defaults()
            .withProcessingTime(OracleInputs.PROCESSING_TIME)
            .withMaxRecordBytes(maxRecordBytes)
            .judge(topic, value);
    String record = new String(value, StandardCharsets.UTF_8);
    assertThat(record, verdict.fate(), equalTo(fate));
    assertThat(record, verdict.broken(), equalTo(broken));
  }
}
