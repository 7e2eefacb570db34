package io.rtgraph.tools.generator;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord.Fate;
import io.rtgraph.transforms.mapping.TopicMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
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
  /**
   * The member of the Netflix example: one profile, watching on a phone, then a TV, then playing.
   */
  public static final String EXAMPLE_ACCOUNT = "demo-account";

  public static final String EXAMPLE_PROFILE = "demo-profile";
  public static final String EXAMPLE_PHONE = "demo-phone";
  public static final String EXAMPLE_TV = "demo-tv";
  public static final String EXAMPLE_TABLET = "demo-tablet";
  public static final String EXAMPLE_TITLE = "t-stranger";
  public static final String EXAMPLE_GAME = "g-stranger";
  public static final String EXAMPLE_LIVE_EVENT = "l-stranger-premiere";

  private static final String[] PLAYBACK_ACTIONS = {"START", "PAUSE", "RESUME", "STOP"};
  private static final String[] GAMEPLAY_ACTIONS = {"LAUNCH", "PLAY", "EXIT"};
  private static final String[] LIVE_ACTIONS = {"JOIN", "LEAVE"};

  private final GeneratorConfig config;
  private final Catalogs catalogs;
  private final List<String> titleIds;
  private final List<String> gameIds;
  private final List<String> liveEventIds;

  public EventGenerator(GeneratorConfig config, Catalogs catalogs) {
    this.config = config;
    this.catalogs = catalogs;
    this.titleIds = new ArrayList<>(new java.util.TreeSet<>(catalogs.titles().keySet()));
    this.gameIds = new ArrayList<>(new java.util.TreeSet<>(catalogs.games().keySet()));
    this.liveEventIds = new ArrayList<>(new java.util.TreeSet<>(catalogs.liveEvents().keySet()));
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
    Random random = new Random(config.seed() * 31 + topic.ordinal());
    Population population = population();
    Instant start = config.end().minus(config.span());

    List<TimedRecord> records = new ArrayList<>(config.eventsPerTopic() + 16);
    forEachBaseEvent(
        topic.topicName(),
        random,
        (eventId, position, eventTime) -> {
          MemberEvent event = randomEvent(topic, eventId, eventTime, population, random);
          records.add(
              new TimedRecord(
                  position,
                  GeneratedRecord.event(
                      topic, EventWriter.write(event, random), fate(event), event, false)));
        });
    if (config.crossDeviceExample()) {
      for (MemberEvent event : exampleEvents(topic, start)) {
        records.add(
            new TimedRecord(
                event.eventTime().getMillis(),
                GeneratedRecord.event(
                    topic, EventWriter.write(event, random), fate(event), event, false)));
      }
      records.sort((a, b) -> Long.compare(a.position, b.position));
    }
    List<GeneratedRecord> ordered = new ArrayList<>(records.size());
    for (TimedRecord record : records) {
      ordered.add(record.record);
    }
    String[] outOfRange = {topic.actionField(), "\"TELEPORT\""};
    return addMalformed(
        topic,
        addRedeliveries(ordered, random),
        outOfRange,
        i -> {
          MemberEvent valid =
              randomEvent(topic, "malformed-" + i, start, population, random).toBuilder()
                  .setTest(false)
                  .build();
          return EventWriter.write(valid, random);
        },
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

  private static Fate fate(MemberEvent event) {
    boolean filtered =
        event.test()
            || "HEARTBEAT".equals(event.action())
            || (event.sourceTopic() == SourceTopic.LOGIN && "FAILURE".equals(event.action()));
    return filtered ? Fate.FILTERED : Fate.GRAPH;
  }

  private MemberEvent randomEvent(
      SourceTopic topic, String eventId, Instant eventTime, Population population, Random random) {
    Population.Account account = population.pick(random);
    int device = random.nextInt(account.deviceIds.size());
    MemberEvent.Builder event =
        MemberEvent.builder()
            .setSourceTopic(topic)
            .setEventId(eventId)
            .setEventTime(eventTime)
            .setAccountId(account.accountId)
            .setDeviceId(account.deviceIds.get(device))
            .setDeviceType(random.nextInt(5) == 0 ? null : account.deviceTypes.get(device))
            .setTest(random.nextDouble() < config.testTrafficShare());
    String profile = account.profileIds.get(random.nextInt(account.profileIds.size()));
    boolean heartbeat = random.nextDouble() < config.heartbeatShare();
    if (topic.equals(SourceTopic.PLAYBACK)) {
      return event
          .setProfileId(profile)
          .setTitleId(pick(titleIds, "t-missing-", random))
          .setAction(
              heartbeat ? "HEARTBEAT" : PLAYBACK_ACTIONS[random.nextInt(PLAYBACK_ACTIONS.length)])
          .setPositionMs(random.nextInt(3) == 0 ? null : (long) random.nextInt(7_200_000))
          .build();
    }
    if (topic.equals(SourceTopic.LOGIN)) {
      return event
          .setProfileId(random.nextBoolean() ? profile : null)
          .setAction(random.nextDouble() < config.failedLoginShare() ? "FAILURE" : "SUCCESS")
          .setCountry(random.nextInt(10) == 0 ? null : account.country)
          .build();
    }
    if (topic.equals(SourceTopic.GAMEPLAY)) {
      return event
          .setProfileId(profile)
          .setGameId(pick(gameIds, "g-missing-", random))
          .setAction(
              heartbeat ? "HEARTBEAT" : GAMEPLAY_ACTIONS[random.nextInt(GAMEPLAY_ACTIONS.length)])
          .build();
    }
    if (topic.equals(SourceTopic.LIVE)) {
      return event
          .setProfileId(profile)
          .setLiveEventId(pick(liveEventIds, "l-missing-", random))
          .setAction(heartbeat ? "HEARTBEAT" : LIVE_ACTIONS[random.nextInt(LIVE_ACTIONS.length)])
          .build();
    }
    throw new IllegalArgumentException(
        topic.topicName() + " has no typed events; generate it from its mapping");
  }

  /** A catalog id, or now and then one the catalog lacks. */
  private String pick(List<String> ids, String missingPrefix, Random random) {
    if (ids.isEmpty() || random.nextDouble() < config.catalogMissShare()) {
      return missingPrefix + random.nextInt(50);
    }
    return ids.get(random.nextInt(ids.size()));
  }

  /**
   * The cross-device example, early in the span: log in on the phone and start the show; stop it;
   * continue on the TV; play the game based on the show on a tablet; join the show's live premiere.
   */
  private List<MemberEvent> exampleEvents(SourceTopic topic, Instant start) {
    Duration tenth = Duration.millis(config.span().getMillis() / 10);
    Instant phone = start.plus(tenth);
    Instant tv = phone.plus(tenth);
    Instant tablet = tv.plus(tenth);
    List<MemberEvent> events = new ArrayList<>();
    if (topic.equals(SourceTopic.LOGIN)) {
      events.add(
          example(topic, "login-phone", phone.minus(1000), EXAMPLE_PHONE, "phone")
              .setAction("SUCCESS")
              .setCountry("US")
              .build());
      events.add(
          example(topic, "login-tv", tv.minus(1000), EXAMPLE_TV, "smart_tv")
              .setAction("SUCCESS")
              .setCountry("US")
              .build());
      events.add(
          example(topic, "login-tablet", tablet.minus(1000), EXAMPLE_TABLET, "tablet")
              .setAction("SUCCESS")
              .setCountry("US")
              .build());
    } else if (topic.equals(SourceTopic.PLAYBACK)) {
      events.add(
          example(topic, "watch-phone-start", phone, EXAMPLE_PHONE, "phone")
              .setProfileId(EXAMPLE_PROFILE)
              .setTitleId(EXAMPLE_TITLE)
              .setAction("START")
              .setPositionMs(0L)
              .build());
      events.add(
          example(topic, "watch-phone-stop", phone.plus(60_000), EXAMPLE_PHONE, "phone")
              .setProfileId(EXAMPLE_PROFILE)
              .setTitleId(EXAMPLE_TITLE)
              .setAction("STOP")
              .setPositionMs(1_500_000L)
              .build());
      events.add(
          example(topic, "watch-tv-start", tv, EXAMPLE_TV, "smart_tv")
              .setProfileId(EXAMPLE_PROFILE)
              .setTitleId(EXAMPLE_TITLE)
              .setAction("START")
              .setPositionMs(1_500_000L)
              .build());
    } else if (topic.equals(SourceTopic.GAMEPLAY)) {
      events.add(
          example(topic, "game-tablet-launch", tablet, EXAMPLE_TABLET, "tablet")
              .setProfileId(EXAMPLE_PROFILE)
              .setGameId(EXAMPLE_GAME)
              .setAction("LAUNCH")
              .build());
      events.add(
          example(topic, "game-tablet-play", tablet.plus(5_000), EXAMPLE_TABLET, "tablet")
              .setProfileId(EXAMPLE_PROFILE)
              .setGameId(EXAMPLE_GAME)
              .setAction("PLAY")
              .build());
    } else if (topic.equals(SourceTopic.LIVE)) {
      events.add(
          example(topic, "live-tv-join", tablet.plus(tenth), EXAMPLE_TV, "smart_tv")
              .setProfileId(EXAMPLE_PROFILE)
              .setLiveEventId(EXAMPLE_LIVE_EVENT)
              .setAction("JOIN")
              .build());
    }
    return events;
  }

  private static MemberEvent.Builder example(
      SourceTopic topic, String id, Instant time, String device, String deviceType) {
    return MemberEvent.builder()
        .setSourceTopic(topic)
        .setEventId("demo-" + id)
        .setEventTime(time)
        .setAccountId(EXAMPLE_ACCOUNT)
        .setDeviceId(device)
        .setDeviceType(deviceType);
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
   * The records of a topic known by its mapping alone, in append order, with the same disorder,
   * lateness, redeliveries and malformed records as the typed topics; the fate of each is decided
   * by {@link MappedTopicEvents} from the values it chose.
   */
  public List<GeneratedRecord> generate(TopicMapping mapping) {
    SourceTopic topic = SourceTopic.of(mapping.topic());
    MappedTopicEvents maker = new MappedTopicEvents(mapping, config, catalogs);
    Random random = new Random(config.seed() * 31 + mapping.topic().hashCode());
    Population population = population();
    Instant start = config.end().minus(config.span());
    List<GeneratedRecord> records = new ArrayList<>(config.eventsPerTopic() + 16);
    forEachBaseEvent(
        mapping.topic(),
        random,
        (eventId, position, eventTime) -> {
          Map<String, Object> event = maker.randomEvent(eventId, eventTime, population, random);
          records.add(
              GeneratedRecord.mapped(
                  topic,
                  (String) event.get("accountId"),
                  MappedTopicEvents.write(event, random),
                  maker.dropped(event) ? Fate.FILTERED : Fate.GRAPH));
        });
    if (config.crossDeviceExample()) {
      records.addAll(
          records.size() / 2, exampleRecords(mapping, maker, start, random)); // near its event time
    }
    return addMalformed(
        topic,
        addRedeliveries(records, random),
        maker.outOfRange(),
        i ->
            MappedTopicEvents.write(
                maker.notTest(maker.randomEvent("malformed-" + i, start, population, random)),
                random),
        random);
  }

  /**
   * The example member's events of a mapped topic: one on each of its devices, at the times of the
   * typed topics' example, kept out of every drop rule, so that its neighbourhood shows the
   * vertical.
   */
  private List<GeneratedRecord> exampleRecords(
      TopicMapping mapping, MappedTopicEvents maker, Instant start, Random random) {
    Duration tenth = Duration.millis(config.span().getMillis() / 10);
    Population example =
        Population.single(EXAMPLE_ACCOUNT, EXAMPLE_PROFILE, EXAMPLE_TV, "smart_tv");
    List<GeneratedRecord> records = new ArrayList<>();
    SourceTopic topic = SourceTopic.of(mapping.topic());
    for (int attempt = 0; records.isEmpty() && attempt < 100; attempt++) {
      Map<String, Object> event =
          maker.notTest(
              maker.randomEvent(
                  "demo-" + mapping.topic() + "-" + attempt,
                  start.plus(tenth.multipliedBy(5)),
                  example,
                  random));
      if (event.containsKey("titleId")) {
        event.put("titleId", EXAMPLE_TITLE);
      }
      if (!maker.dropped(event)) {
        records.add(
            GeneratedRecord.mapped(
                topic, EXAMPLE_ACCOUNT, MappedTopicEvents.write(event, random), Fate.GRAPH));
      }
    }
    return records;
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

  /** A record with the event time position it was generated at, before disorder. */
  private static final class TimedRecord {
    final long position;
    final GeneratedRecord record;

    TimedRecord(long position, GeneratedRecord record) {
      this.position = position;
      this.record = record;
    }
  }
}
