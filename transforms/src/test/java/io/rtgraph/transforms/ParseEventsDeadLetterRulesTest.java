package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * One row per dead-letter rule of PRODUCT.md that a single record breaks: the record leaves as a
 * dead letter with the rule's reason and error, no event comes out, and the reason is counted once.
 */
@RunWith(Parameterized.class)
public class ParseEventsDeadLetterRulesTest {
  @Parameters(name = "{0}")
  public static List<Row> rules() {
    RawRecord big =
        playback(
            Records.playback(
                "e1", "2026-11-27T10:00:00Z", "START", ",\"pad\":\"" + "x".repeat(200) + "\""));
    byte[] brokenUtf8 = Records.playback("e1", "START").getBytes(StandardCharsets.UTF_8);
    brokenUtf8[10] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    String valid = Records.playback("e1", "START");
    return List.of(
        new Row(
            "oversizedRecordIsDeadLettered",
            ParseEvents.of(SourceTopic.PLAYBACK).withMaxRecordBytes(200),
            big,
            DeadLetterReason.RECORD_TOO_LARGE,
            "record is " + big.sizeBytes() + " bytes, larger than --maxRecordBytes=200"),
        rule(
            "invalidUtf8IsDeadLettered",
            new Records(SourceTopic.PLAYBACK.topicName()).bytes(brokenUtf8),
            DeadLetterReason.INVALID_UTF8,
            "value is not valid UTF-8: malformed byte sequence at offset 10"),
        rule(
            "valueThatIsNotJsonIsDeadLettered",
            playback("eventId=e1"),
            DeadLetterReason.NOT_A_JSON_OBJECT,
            "value is not valid JSON: Unrecognized token 'eventId': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at byte 8"),
        rule(
            "jsonThatIsNotAnObjectIsDeadLettered",
            playback("[{\"eventId\":\"e1\"}]"),
            DeadLetterReason.NOT_A_JSON_OBJECT,
            "value is JSON array, not a JSON object"),
        rule(
            "missingRequiredFieldIsDeadLettered",
            playback(valid.replace("\"titleId\":\"t1\",", "")),
            DeadLetterReason.MISSING_FIELD,
            "required field 'titleId' is missing"),
        rule(
            "emptyRequiredFieldIsDeadLettered",
            playback(Records.playback("", "START")),
            DeadLetterReason.MISSING_FIELD,
            "required field 'eventId' is empty"),
        rule(
            "profileIsRequiredOutsideLogin",
            playback(valid.replace("\"profileId\":\"p1\",", "")),
            DeadLetterReason.MISSING_FIELD,
            "required field 'profileId' is missing"),
        rule(
            "fieldOfTheWrongTypeIsDeadLettered",
            playback(
                Records.playback("e1", "2026-11-27T10:00:00Z", "START", ",\"positionMs\":\"12\"")),
            DeadLetterReason.WRONG_FIELD_TYPE,
            "field 'positionMs' must be an integer, but is string"),
        rule(
            "testFlagMustBeABoolean",
            playback(Records.playback("e1", "2026-11-27T10:00:00Z", "START", ",\"test\":\"true\"")),
            DeadLetterReason.WRONG_FIELD_TYPE,
            "field 'test' must be a boolean, but is string"),
        rule(
            "unparseableEventTimeIsDeadLettered",
            playback(Records.playback("e1", "27/11/2026 10:00", "START", "")),
            DeadLetterReason.INVALID_EVENT_TIME,
            "field 'eventTime' is invalid: '27/11/2026 10:00' is not an ISO-8601 instant such as 2026-11-27T10:15:30.123Z"),
        rule(
            "actionOutsideTheListIsDeadLettered",
            playback(Records.playback("e1", "REWIND")),
            DeadLetterReason.INVALID_ACTION,
            "field 'action' is 'REWIND'; member.playback allows START, PAUSE, RESUME, STOP, HEARTBEAT"),
        new Row(
            "loginResultOutsideTheListIsDeadLettered",
            ParseEvents.of(SourceTopic.LOGIN),
            new Records("member.login").json(Records.login("e1", "MAYBE", "")),
            DeadLetterReason.INVALID_ACTION,
            "field 'result' is 'MAYBE'; member.login allows SUCCESS, FAILURE"));
  }

  /**
   * A row: a record that breaks the rule, how it is read, and the reason and error it leaves with.
   */
  record Row(
      String name, ParseEvents parse, RawRecord record, DeadLetterReason reason, String error) {
    /** The row's name is its test's name. */
    @Override
    public String toString() {
      return name;
    }
  }

  /** A row for a playback record, read with the playback defaults. */
  private static Row rule(String name, RawRecord record, DeadLetterReason reason, String error) {
    return new Row(name, ParseEvents.of(SourceTopic.PLAYBACK), record, reason, error);
  }

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Parameter public Row row;

  @Test
  public void theRecordIsDeadLetteredWithTheRulesReasonAndCounted() {
    PCollectionTuple result =
        p.apply("Records", Create.of(Arrays.asList(row.record()))).apply("Parse", row.parse());
    PAssert.that(result.get(ParseEvents.EVENTS)).empty();
    PAssert.that(result.get(ParseEvents.DEAD_LETTERS))
        .containsInAnyOrder(Records.deadLetter(row.record(), row.reason(), row.error()));
    PipelineResult run = p.run();
    assertThat(counter(run, row.reason().counterName()), equalTo(1L));
  }

  /** The first record of a playback partition, as read. */
  private static RawRecord playback(String json) {
    return new Records(SourceTopic.PLAYBACK.topicName()).json(json);
  }
}
