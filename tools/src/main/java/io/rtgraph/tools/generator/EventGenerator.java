package io.rtgraph.tools.generator;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord.Fate;
import io.rtgraph.tools.generator.TopicEvents.TimedRecord;
import io.rtgraph.transforms.mapping.TopicMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Generates a topic's records in the order they would be appended: seeded, so the same
 * configuration always yields the same bytes, with skewed member activity, heartbeats and test
 * traffic, out-of-order, late, redelivered and malformed records, and the cross-device example.
 *
 * <p>Every record carries its {@link GeneratedRecord.Fate}, decided here from how the record was
 * made, not by running any pipeline code: that is what lets tests compare a pipeline's output
 * against an independent expectation.
 */
public final class EventGenerator {
  private final GeneratorConfig config;
  private final Catalogs catalogs;

  public EventGenerator(GeneratorConfig config, Catalogs catalogs) {
    this.config = config;
    this.catalogs = catalogs;
  }

  public GeneratorConfig config() {
    return config;
  }

  /**
   * The records of one topic, in append order: typed events for the four Netflix topics, events
   * made from the shipped mapping file for any other (see {@link #generate(TopicMapping)}).
   */
  public List<GeneratedRecord> generate(SourceTopic topic) {
    if (!topic.isNetflixTopic()) {
      return generate(TopicMappings.shipped(topic).mapping());
    }
    return generate(
        new NetflixTopicEvents(topic, config, catalogs),
        new Random(config.seed() * 31 + topic.ordinal()));
  }

  /**
   * The records of a topic known by its mapping alone, in append order, with the same disorder,
   * lateness, redeliveries and malformed records as the typed topics; the fate of each is decided
   * by {@link MappedTopicEvents} from the values it chose.
   */
  public List<GeneratedRecord> generate(TopicMapping mapping) {
    return generate(
        new MappedEvents(new MappedTopicEvents(mapping, config, catalogs), mapping.topic()),
        new Random(config.seed() * 31 + mapping.topic().hashCode()));
  }

  /**
   * The one generation of every topic: its base events spread over the span, the example member's
   * events when configured, then redeliveries and malformed records, all drawn from {@code random}
   * in that order.
   */
  private <E> List<GeneratedRecord> generate(TopicEvents<E> events, Random random) {
    SourceTopic topic = events.topic();
    Population population = population();
    Instant start = config.end().minus(config.span());
    List<TimedRecord> records = new ArrayList<>(config.eventsPerTopic() + 16);
    forEachBaseEvent(
        topic.topicName(),
        random,
        (eventId, position, eventTime) -> {
          E event = events.randomEvent(eventId, eventTime, population, random);
          records.add(new TimedRecord(position, events.record(event, events.write(event, random))));
        });
    if (config.crossDeviceExample()) {
      events.addExample(records, start, random);
    }
    List<GeneratedRecord> ordered = new ArrayList<>(records.size());
    for (TimedRecord record : records) {
      ordered.add(record.record());
    }
    return addMalformed(
        topic,
        addRedeliveries(ordered, random),
        events.outOfRange(),
        i ->
            events.write(
                events.notTest(events.randomEvent("malformed-" + i, start, population, random)),
                random),
        random);
  }

  /**
   * The time of the event generated at {@code position}: somewhere within its step, and for some
   * events late or out of order.
   */
  private Instant eventTime(long position, long step, Random random) {
    Instant eventTime =
        new Instant(
            position + (step == 0 ? 0 : random.nextInt((int) Math.min(step, Integer.MAX_VALUE))));
    if (random.nextDouble() < config.lateShare()) {
      long lateness = config.lateness().getMillis();
      return eventTime.minus(lateness + (long) (random.nextDouble() * lateness));
    } else if (random.nextDouble() < config.outOfOrderShare()) {
      return eventTime.minus((long) (random.nextDouble() * config.maxDisorder().getMillis()));
    }
    return eventTime;
  }

  /** The members behind every topic's events: the same for the same seed, whatever the topic. */
  private Population population() {
    return new Population(config.accounts(), config.accountSkew(), new Random(config.seed()));
  }

  /** One base event's place: its id, its position in the append order and its event time. */
  private interface BaseEventSlot {
    void accept(String eventId, long position, Instant eventTime);
  }

  /**
   * The base events of a topic, in append order: spread evenly over the span before the end, each
   * event time drawn from its even position (out of order or late for some).
   */
  private void forEachBaseEvent(String topicName, Random random, BaseEventSlot slot) {
    int n = config.eventsPerTopic();
    long start = config.end().minus(config.span()).getMillis();
    long step = n == 0 ? 0 : config.span().getMillis() / n;
    for (int i = 0; i < n; i++) {
      long position = start + i * step;
      slot.accept(
          String.format("%s-%07d", topicName, i), position, eventTime(position, step, random));
    }
  }

  /**
   * The events of a topic known by its mapping alone, as {@link MappedTopicEvents} makes them; the
   * example member shows up on its TV, watching its title where the topic names one, once and kept
   * out of every drop rule, so that its neighbourhood shows the vertical.
   */
  private final class MappedEvents implements TopicEvents<Map<String, Object>> {
    private final MappedTopicEvents maker;
    private final SourceTopic topic;

    MappedEvents(MappedTopicEvents maker, String topicName) {
      this.maker = maker;
      this.topic = SourceTopic.of(topicName);
    }

    @Override
    public SourceTopic topic() {
      return topic;
    }

    @Override
    public Map<String, Object> randomEvent(
        String eventId, Instant eventTime, Population population, Random random) {
      return maker.randomEvent(eventId, eventTime, population, random);
    }

    @Override
    public Map<String, Object> notTest(Map<String, Object> event) {
      return maker.notTest(event);
    }

    @Override
    public byte[] write(Map<String, Object> event, Random random) {
      return MappedTopicEvents.write(event, random);
    }

    @Override
    public GeneratedRecord record(Map<String, Object> event, byte[] value) {
      return GeneratedRecord.mapped(
          topic,
          (String) event.get("accountId"),
          value,
          maker.dropped(event) ? Fate.FILTERED : Fate.GRAPH);
    }

    /**
     * Half-way through the span, after the typed topics' example, and in the middle of the base
     * records, which are spread evenly over the span: near its event time.
     */
    @Override
    public void addExample(List<TimedRecord> records, Instant start, Random random) {
      Instant time = start.plus(Duration.millis(config.span().getMillis() / 10).multipliedBy(5));
      Population example =
          Population.single(
              ExampleMember.ACCOUNT,
              ExampleMember.PROFILE,
              ExampleMember.Device.TV.id(),
              ExampleMember.Device.TV.type());
      for (int attempt = 0; attempt < 100; attempt++) {
        Map<String, Object> event =
            notTest(
                randomEvent("demo-" + topic.topicName() + "-" + attempt, time, example, random));
        if (event.containsKey("titleId")) {
          event.put("titleId", ExampleMember.TITLE);
        }
        if (!maker.dropped(event)) {
          records.add(
              records.size() / 2,
              new TimedRecord(time.getMillis(), record(event, write(event, random))));
          return;
        }
      }
    }

    @Override
    public @Nullable String[] outOfRange() {
      return maker.outOfRange();
    }
  }

  /** Copies of random records, each appended again up to a hundred records later. */
  private List<GeneratedRecord> addRedeliveries(List<GeneratedRecord> records, Random random) {
    int count = (int) Math.round(config.eventsPerTopic() * config.redeliveryShare());
    Insertions insertions = new Insertions(records.size());
    for (int i = 0; i < count && !records.isEmpty(); i++) {
      int original = random.nextInt(records.size());
      int after = Math.min(records.size() - 1, original + 1 + random.nextInt(100));
      insertions.add(after, records.get(original).asRedelivery());
    }
    return insertions.applyTo(records);
  }

  /**
   * Records breaking each input rule in turn, at random places, each made from the valid record
   * {@code valid} makes for its number; without {@code outOfRange} (a field and a value it does not
   * allow), no record breaks the action rule.
   */
  private List<GeneratedRecord> addMalformed(
      SourceTopic topic,
      List<GeneratedRecord> records,
      String[] outOfRange,
      IntFunction<byte[]> valid,
      Random random) {
    int count = (int) Math.round(config.eventsPerTopic() * config.malformedShare());
    List<DeadLetterReason> reasons = new ArrayList<>(List.of(DeadLetterReason.values()));
    if (config.oversizedBytes() <= 0) {
      reasons.remove(DeadLetterReason.RECORD_TOO_LARGE);
    }
    if (outOfRange == null) {
      reasons.remove(DeadLetterReason.INVALID_ACTION);
    }
    Insertions insertions = new Insertions(records.size());
    for (int i = 0; i < count; i++) {
      DeadLetterReason reason = reasons.get(i % reasons.size());
      String template = new String(valid.apply(i), StandardCharsets.UTF_8);
      byte[] value =
          MalformedRecords.make(
              reason, topic, template, outOfRange, config.oversizedBytes(), random);
      insertions.add(
          random.nextInt(records.size() + 1) - 1,
          GeneratedRecord.deadLetter(topic, "malformed-" + i, value, reason));
    }
    return insertions.applyTo(records);
  }

  /** Records to insert after given positions of a list, applied in one linear pass. */
  private static final class Insertions {
    private final List<List<GeneratedRecord>> after;
    private final List<GeneratedRecord> atStart = new ArrayList<>();

    Insertions(int size) {
      after = new ArrayList<>(java.util.Collections.nCopies(size, null));
    }

    /** Inserts after the record at {@code index}; -1 inserts before the first. */
    void add(int index, GeneratedRecord record) {
      if (index < 0) {
        atStart.add(record);
        return;
      }
      if (after.get(index) == null) {
        after.set(index, new ArrayList<>(1));
      }
      after.get(index).add(record);
    }

    List<GeneratedRecord> applyTo(List<GeneratedRecord> records) {
      List<GeneratedRecord> result = new ArrayList<>(records.size() + atStart.size() + 16);
      result.addAll(atStart);
      for (int i = 0; i < records.size(); i++) {
        result.add(records.get(i));
        if (after.get(i) != null) {
          result.addAll(after.get(i));
        }
      }
      return result;
    }
  }
}
