package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.DeadLetter;
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
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * One test per dead-letter rule of PRODUCT.md, and the happy path with an empty dead-letter output.
 */
public class ParseEventsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private final Records records = new Records(SourceTopic.PLAYBACK.topicName());

  @Test
  public void validRecordsOfEveryTopicParseAndNothingIsDeadLettered() {
    Records login = new Records("member.login");
    Records gameplay = new Records("member.gameplay");
    Records live = new Records("member.live");
    PCollectionTuple playbackResult =
        parse(
            SourceTopic.PLAYBACK,
            records.json(Records.playback("e1", "START")),
            records.json(Records.playback("e2", "HEARTBEAT")));
    PCollectionTuple loginResult =
        p.apply(
                "LoginRecords",
                Create.of(login.json(Records.login("e3", "SUCCESS", ",\"country\":\"NL\""))))
            .apply("ParseLogin", ParseEvents.of(SourceTopic.LOGIN));
    PCollectionTuple gameplayResult =
        p.apply("GameplayRecords", Create.of(gameplay.json(Records.gameplay("e4", "g1", "LAUNCH"))))
            .apply("ParseGameplay", ParseEvents.of(SourceTopic.GAMEPLAY));
    PCollectionTuple liveResult =
        p.apply("LiveRecords", Create.of(live.json(Records.live("e5", "l1", "JOIN"))))
            .apply("ParseLive", ParseEvents.of(SourceTopic.LIVE));

    PAssert.that(eventIds(playbackResult, "Playback")).containsInAnyOrder("e1", "e2");
    PAssert.that(eventIds(loginResult, "Login")).containsInAnyOrder("e3");
    PAssert.that(eventIds(gameplayResult, "Gameplay")).containsInAnyOrder("e4");
    PAssert.that(eventIds(liveResult, "Live")).containsInAnyOrder("e5");
    PAssert.that(playbackResult.get(ParseEvents.DEAD_LETTERS)).empty();
    PAssert.that(loginResult.get(ParseEvents.DEAD_LETTERS)).empty();
    PAssert.that(gameplayResult.get(ParseEvents.DEAD_LETTERS)).empty();
    PAssert.that(liveResult.get(ParseEvents.DEAD_LETTERS)).empty();
    PipelineResult result = p.run();
    assertThat(counter(result, GraphMetrics.RECORDS_IN), equalTo(5L));
    assertThat(counter(result, GraphMetrics.DEAD_LETTERED), equalTo(0L));
  }

  @Test
  public void oversizedRecordIsDeadLettered() {
    String padding = ",\"pad\":\"" + "x".repeat(200) + "\"";
    RawRecord big = records.json(Records.playback("e1", "2026-11-27T10:00:00Z", "START", padding));
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK).withMaxRecordBytes(200),
        big,
        DeadLetterReason.RECORD_TOO_LARGE,
        "record is " + big.sizeBytes() + " bytes, larger than --maxRecordBytes=200");
  }

  @Test
  public void invalidUtf8IsDeadLettered() {
    byte[] json = Records.playback("e1", "START").getBytes(StandardCharsets.UTF_8);
    byte[] broken = Arrays.copyOf(json, json.length);
    broken[10] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.bytes(broken),
        DeadLetterReason.INVALID_UTF8,
        "value is not valid UTF-8: malformed byte sequence at offset 10");
  }

  @Test
  public void valueThatIsNotJsonIsDeadLettered() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json("eventId=e1"),
        DeadLetterReason.NOT_A_JSON_OBJECT,
        "value is not valid JSON: Unrecognized token 'eventId': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at byte 8");
  }

  @Test
  public void jsonThatIsNotAnObjectIsDeadLettered() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json("[{\"eventId\":\"e1\"}]"),
        DeadLetterReason.NOT_A_JSON_OBJECT,
        "value is JSON array, not a JSON object");
  }

  @Test
  public void emptyAndNullValuesAreDeadLettered() {
    PCollection<DeadLetter> deadLetters =
        parse(SourceTopic.PLAYBACK, records.bytes(new byte[0]), records.bytes(null))
            .get(ParseEvents.DEAD_LETTERS);
    PAssert.that(deadLetters)
        .containsInAnyOrder(
            DeadLetter.of(
                "member.playback",
                0,
                0,
                DeadLetterReason.NOT_A_JSON_OBJECT,
                "value is empty, not a JSON object",
                new byte[0]),
            DeadLetter.of(
                "member.playback",
                0,
                1,
                DeadLetterReason.NOT_A_JSON_OBJECT,
                "value is null (a tombstone), not a JSON object",
                null));
    p.run();
  }

  @Test
  public void missingRequiredFieldIsDeadLettered() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json(Records.playback("e1", "START").replace("\"titleId\":\"t1\",", "")),
        DeadLetterReason.MISSING_FIELD,
        "required field 'titleId' is missing");
  }

  @Test
  public void emptyRequiredFieldIsDeadLettered() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json(Records.playback("", "START")),
        DeadLetterReason.MISSING_FIELD,
        "required field 'eventId' is empty");
  }

  @Test
  public void profileIsRequiredOutsideLogin() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json(Records.playback("e1", "START").replace("\"profileId\":\"p1\",", "")),
        DeadLetterReason.MISSING_FIELD,
        "required field 'profileId' is missing");
  }

  @Test
  public void fieldOfTheWrongTypeIsDeadLettered() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json(
            Records.playback("e1", "2026-11-27T10:00:00Z", "START", ",\"positionMs\":\"12\"")),
        DeadLetterReason.WRONG_FIELD_TYPE,
        "field 'positionMs' must be an integer, but is string");
  }

  @Test
  public void testFlagMustBeABoolean() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json(Records.playback("e1", "2026-11-27T10:00:00Z", "START", ",\"test\":\"true\"")),
        DeadLetterReason.WRONG_FIELD_TYPE,
        "field 'test' must be a boolean, but is string");
  }

  @Test
  public void unparseableEventTimeIsDeadLettered() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json(Records.playback("e1", "27/11/2026 10:00", "START", "")),
        DeadLetterReason.INVALID_EVENT_TIME,
        "field 'eventTime' is invalid: '27/11/2026 10:00' is not an ISO-8601 instant such as 2026-11-27T10:15:30.123Z");
  }

  @Test
  public void actionOutsideTheListIsDeadLettered() {
    expectDeadLetter(
        ParseEvents.of(SourceTopic.PLAYBACK),
        records.json(Records.playback("e1", "REWIND")),
        DeadLetterReason.INVALID_ACTION,
        "field 'action' is 'REWIND'; member.playback allows START, PAUSE, RESUME, STOP, HEARTBEAT");
  }

  @Test
  public void loginResultOutsideTheListIsDeadLettered() {
    Records login = new Records("member.login");
    expectDeadLetter(
        ParseEvents.of(SourceTopic.LOGIN),
        login.json(Records.login("e1", "MAYBE", "")),
        DeadLetterReason.INVALID_ACTION,
        "field 'result' is 'MAYBE'; member.login allows SUCCESS, FAILURE");
  }

  @Test
  public void eventTimeTooFarInTheFutureIsDeadLettered() {
    // Records are ingested at T0 = 10:00; one hour of skew allows up to 11:00.
    RawRecord justInside =
        records.json(Records.playback("e1", "2026-11-27T11:00:00.000Z", "START", ""));
    RawRecord tooFar =
        records.json(Records.playback("e2", "2026-11-27T11:00:00.001Z", "START", ""));
    PCollectionTuple result =
        parse(
            ParseEvents.of(SourceTopic.PLAYBACK).withMaxFutureSkew(Duration.standardHours(1)),
            justInside,
            tooFar);
    PAssert.that(eventIds(result, "Future")).containsInAnyOrder("e1");
    PAssert.that(result.get(ParseEvents.DEAD_LETTERS))
        .containsInAnyOrder(
            DeadLetter.of(
                "member.playback",
                0,
                1,
                DeadLetterReason.EVENT_TIME_TOO_FAR_IN_FUTURE,
                "eventTime 2026-11-27T11:00:00.001Z is more than --maxFutureSkew=PT3600S ahead of the ingestion time 2026-11-27T10:00:00.000Z",
                tooFar.value()));
    p.run();
  }

  @Test
  public void theArchiveOutputHasEveryRecordWithTheEventTimeOfValidOnes() {
    RawRecord valid = records.json(Records.playback("e1", "2026-11-27T10:00:05.000Z", "START", ""));
    RawRecord invalid = records.json(Records.playback("e2", "JUMP"));
    PCollectionTuple result =
        p.apply("Records", Create.of(valid, invalid))
            .apply("Parse", ParseEvents.of(SourceTopic.PLAYBACK).withArchiveOutput());
    PAssert.that(result.get(ParseEvents.ARCHIVE))
        .containsInAnyOrder(
            ArchivedRecord.of(valid, org.joda.time.Instant.parse("2026-11-27T10:00:05.000Z")),
            ArchivedRecord.of(invalid, null));
    p.run();
  }

  @Test
  public void everyRecordEndsAsEventOrDeadLetterAndIsCounted() {
    PCollectionTuple result =
        parse(
            SourceTopic.PLAYBACK,
            records.json(Records.playback("e1", "START")),
            records.json("not json"),
            records.json(Records.playback("e3", "JUMP")),
            records.json(Records.playback("e4", "STOP")));
    PAssert.that(eventIds(result, "Counted")).containsInAnyOrder("e1", "e4");
    PipelineResult run = p.run();
    assertThat(counter(run, GraphMetrics.RECORDS_IN), equalTo(4L));
    assertThat(counter(run, GraphMetrics.DEAD_LETTERED), equalTo(2L));
    assertThat(counter(run, DeadLetterReason.NOT_A_JSON_OBJECT.counterName()), equalTo(1L));
    assertThat(counter(run, DeadLetterReason.INVALID_ACTION.counterName()), equalTo(1L));
  }

  private void expectDeadLetter(
      ParseEvents parse, RawRecord record, DeadLetterReason reason, String error) {
    PCollectionTuple result = parse(parse, record);
    PAssert.that(result.get(ParseEvents.EVENTS)).empty();
    PAssert.that(result.get(ParseEvents.DEAD_LETTERS))
        .containsInAnyOrder(
            DeadLetter.of(
                record.topic(),
                record.partition(),
                record.offset(),
                reason,
                error,
                record.value()));
    PipelineResult run = p.run();
    assertThat(counter(run, reason.counterName()), equalTo(1L));
  }

  private PCollectionTuple parse(SourceTopic topic, RawRecord... input) {
    return parse(ParseEvents.of(topic), input);
  }

  private PCollectionTuple parse(ParseEvents parse, RawRecord... input) {
    List<RawRecord> list = Arrays.asList(input);
    return p.apply("Records", Create.of(list)).apply("Parse", parse);
  }

  private static PCollection<String> eventIds(PCollectionTuple result, String name) {
    return result
        .get(ParseEvents.EVENTS)
        .apply(
            name + "EventIds",
            MapElements.into(TypeDescriptors.strings()).via(event -> (String) event.value(0)));
  }
}
