package io.rtgraph.tools.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.EventJson;
import io.rtgraph.model.InvalidEventException;
import io.rtgraph.model.SourceTopic;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.joda.time.Instant;
import org.junit.Test;

/** The generator's ground truth: deterministic, and every label is what the input rules say. */
public class EventGeneratorTest {
  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder()
          .setEnd(Instant.parse("2026-11-27T10:00:00Z"))
          .setEventsPerTopic(2_000)
          .setAccounts(100)
          .setMalformedShare(0.05)
          .setOversizedBytes(4096)
          .build();

  @Test
  public void theSameSeedGivesTheSameRecords() {
    for (SourceTopic topic : SourceTopic.values()) {
      List<GeneratedRecord> first =
          new EventGenerator(CONFIG, SampleCatalogs.load()).generate(topic);
      List<GeneratedRecord> second =
          new EventGenerator(CONFIG, SampleCatalogs.load()).generate(topic);
      assertThat(second, equalTo(first));
    }
  }

  @Test
  public void everyLabelMatchesTheInputRules() throws Exception {
    for (SourceTopic topic : SourceTopic.values()) {
      Set<DeadLetterReason> reasons = EnumSet.noneOf(DeadLetterReason.class);
      for (GeneratedRecord record :
          new EventGenerator(CONFIG, SampleCatalogs.load()).generate(topic)) {
        if (record.fate() == GeneratedRecord.Fate.DEAD_LETTER) {
          reasons.add(record.reason());
          assertThat(record.toString(), reasonOf(topic, record), equalTo(record.reason()));
        } else {
          assertThat(EventJson.parse(topic, record.value()), equalTo(record.event()));
        }
      }
      // The future-skew rule and the size limit are configuration, checked in ParseEvents.
      assertThat(reasons, equalTo(EnumSet.allOf(DeadLetterReason.class)));
    }
  }

  @Test
  public void trafficHasEveryKindOfRecordAndTheExample() {
    List<GeneratedRecord> playback =
        new EventGenerator(CONFIG, SampleCatalogs.load()).generate(SourceTopic.PLAYBACK);
    Set<GeneratedRecord.Fate> fates =
        playback.stream().map(GeneratedRecord::fate).collect(Collectors.toSet());
    assertThat(fates, equalTo(EnumSet.allOf(GeneratedRecord.Fate.class)));
    assertThat(playback.stream().filter(GeneratedRecord::redelivery).count(), greaterThan(0L));
    Set<String> accounts = playback.stream().map(GeneratedRecord::key).collect(Collectors.toSet());
    assertThat(accounts, hasItem(EventGenerator.EXAMPLE_ACCOUNT));
  }

  @Test
  public void aTopicKnownOnlyByItsMappingIsGeneratedFromIt() throws Exception {
    SourceTopic rating = SourceTopic.of("member.rating");
    io.rtgraph.transforms.mapping.CompiledMapping mapping =
        io.rtgraph.transforms.mapping.TopicMappings.shipped(rating);
    List<GeneratedRecord> records =
        new EventGenerator(CONFIG, SampleCatalogs.load()).generate(rating);
    assertThat(
        records, equalTo(new EventGenerator(CONFIG, SampleCatalogs.load()).generate(rating)));
    Set<DeadLetterReason> reasons = EnumSet.noneOf(DeadLetterReason.class);
    Set<GeneratedRecord.Fate> fates = EnumSet.noneOf(GeneratedRecord.Fate.class);
    for (GeneratedRecord record : records) {
      fates.add(record.fate());
      if (record.fate() == GeneratedRecord.Fate.DEAD_LETTER) {
        reasons.add(record.reason());
        assertThat(record.toString(), reasonOf(mapping, record), equalTo(record.reason()));
        continue;
      }
      String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
      long stars =
          ((Number)
                  new com.fasterxml.jackson.databind.ObjectMapper()
                      .readTree(json)
                      .path("rating")
                      .numberValue())
              .longValue();
      assertThat(json, stars >= 1 && stars <= 5, equalTo(true));
      assertThat(
          json,
          json.contains("\"test\":true"),
          equalTo(record.fate() == GeneratedRecord.Fate.FILTERED));
      mapping.parse(record.value()); // throws on a record the mapping refuses
    }
    assertThat(fates, equalTo(EnumSet.allOf(GeneratedRecord.Fate.class)));
    assertThat(reasons, equalTo(EnumSet.allOf(DeadLetterReason.class)));
    assertThat(
        records.stream().map(GeneratedRecord::key).collect(Collectors.toSet()),
        hasItem(EventGenerator.EXAMPLE_ACCOUNT));
  }

  private static DeadLetterReason reasonOf(
      io.rtgraph.transforms.mapping.CompiledMapping mapping, GeneratedRecord record) {
    if (record.value().length > 4000) {
      return DeadLetterReason.RECORD_TOO_LARGE;
    }
    try {
      return mapping.parse(record.value()).eventTime().isAfter(CONFIG.end().plus(3_600_000))
          ? DeadLetterReason.EVENT_TIME_TOO_FAR_IN_FUTURE
          : null;
    } catch (InvalidEventException e) {
      return e.reason();
    }
  }

  private static DeadLetterReason reasonOf(SourceTopic topic, GeneratedRecord record) {
    if (record.value().length > 4000) {
      return DeadLetterReason.RECORD_TOO_LARGE;
    }
    try {
      io.rtgraph.model.MemberEvent event = EventJson.parse(topic, record.value());
      return event.eventTime().isAfter(CONFIG.end().plus(3_600_000))
          ? DeadLetterReason.EVENT_TIME_TOO_FAR_IN_FUTURE
          : null;
    } catch (InvalidEventException e) {
      return e.reason();
    }
  }
}
