package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.assertCounters;
import static io.rtgraph.transforms.testing.GraphCounters.assertMetrics;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * The happy path with an empty dead-letter output, the rules that take more than one record, the
 * archive output and the counters; the rules a single record breaks are rows of {@link
 * ParseEventsDeadLetterRulesTest}.
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
    assertMetrics(p.run(), Map.of(GraphMetric.RECORDS_IN, 5L, GraphMetric.DEAD_LETTERED, 0L));
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
    assertCounters(
        p.run(),
        Map.of(
            GraphMetric.RECORDS_IN.metricName(),
            4L,
            GraphMetric.DEAD_LETTERED.metricName(),
            2L,
            DeadLetterReason.NOT_A_JSON_OBJECT.counterName(),
            1L,
            DeadLetterReason.INVALID_ACTION.counterName(),
            1L));
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
