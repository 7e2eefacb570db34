package io.rtgraph.tools.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.InvalidEventException;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

/** The generator's ground truth: deterministic, and every label is what the input rules say. */
public class EventGeneratorTest {
  private static final GeneratorConfig CONFIG = PinnedConfigs.withMalformed(2_000, 100, 4096);

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

  /**
   * The skew decides how many accounts the events reach. 1,000 accounts and 20,000 events: drawn
   * uniformly, every account is expected 20 times, so all appear and the busiest has well under 1 %
   * of the events; under the default Zipf law of exponent 1.1, account 1 alone has 1 / H(1000, 1.1)
   * = 1 / 5.4 of them, about 18 %.
   */
  @Test
  public void aSkewOfZeroSpreadsTheEventsOverEveryAccount() {
    GeneratorConfig few = CONFIG.toBuilder().setAccounts(1_000).setEventsPerTopic(20_000).build();
    java.util.Map<String, Long> uniform =
        eventsPerAccount(few.toBuilder().setAccountSkew(0).build());
    java.util.Map<String, Long> skewed = eventsPerAccount(few);
    assertThat(uniform.size(), equalTo(1_000));
    assertThat(java.util.Collections.max(uniform.values()), org.hamcrest.Matchers.lessThan(200L));
    assertThat(skewed.get("acct-00001"), greaterThan(3_000L));
  }

  private static java.util.Map<String, Long> eventsPerAccount(GeneratorConfig config) {
    return new EventGenerator(
            config.toBuilder().setCrossDeviceExample(false).build(), SampleCatalogs.load())
        .generate(SourceTopic.PLAYBACK).stream()
            .filter(record -> record.event() != null)
            .collect(
                Collectors.groupingBy(record -> record.event().accountId(), Collectors.counting()));
  }

  @Test
  public void everyLabelMatchesTheInputRules() throws Exception {
    for (SourceTopic topic : SourceTopic.values()) {
      CompiledMapping mapping = TopicMappings.shipped(topic);
      Set<DeadLetterReason> reasons = EnumSet.noneOf(DeadLetterReason.class);
      for (GeneratedRecord record :
          new EventGenerator(CONFIG, SampleCatalogs.load()).generate(topic)) {
        if (record.fate() == GeneratedRecord.Fate.DEAD_LETTER) {
          reasons.add(record.reason());
          assertThat(record.toString(), reasonOf(mapping, record), equalTo(record.reason()));
        } else {
          assertWritten(topic, record);
          MappedEvent parsed = mapping.parse(record.value());
          assertThat(record.toString(), parsed.eventTime(), equalTo(record.event().eventTime()));
          assertThat(
              record.toString(),
              mapping.firstMatchingDropRule(parsed) >= 0,
              equalTo(record.fate() == GeneratedRecord.Fate.FILTERED));
        }
      }
      // The future-skew rule and the size limit are configuration, checked in ParseEvents.
      assertThat(reasons, equalTo(EnumSet.allOf(DeadLetterReason.class)));
    }
  }

  /** The record's JSON carries the generated event's fields under the names PRODUCT.md gives. */
  private static void assertWritten(SourceTopic topic, GeneratedRecord record) throws Exception {
    MemberEvent event = record.event();
    JsonNode json = new ObjectMapper().readTree(record.value());
    assertThat(record.toString(), json.path("eventId").asText(), equalTo(event.eventId()));
    assertThat(record.toString(), json.path("accountId").asText(), equalTo(event.accountId()));
    assertThat(record.toString(), json.path("deviceId").asText(), equalTo(event.deviceId()));
    assertThat(record.toString(), json.path(topic.actionField()).asText(), equalTo(event.action()));
    String subjectField = topic.subjectField();
    if (subjectField != null) {
      String subject =
          event.titleId() != null
              ? event.titleId()
              : event.gameId() != null ? event.gameId() : event.liveEventId();
      assertThat(record.toString(), json.path(subjectField).asText(), equalTo(subject));
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
    assertThat(accounts, hasItem(ExampleMember.ACCOUNT));
  }

  @Test
  public void aTopicKnownOnlyByItsMappingIsGeneratedFromIt() throws Exception {
    SourceTopic rating = SourceTopic.of("member.rating");
    CompiledMapping mapping = TopicMappings.shipped(rating);
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
        hasItem(ExampleMember.ACCOUNT));
  }

  private static DeadLetterReason reasonOf(CompiledMapping mapping, GeneratedRecord record) {
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
}
