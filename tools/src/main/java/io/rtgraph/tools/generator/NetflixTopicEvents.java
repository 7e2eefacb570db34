package io.rtgraph.tools.generator;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord.Fate;
import io.rtgraph.tools.generator.TopicEvents.TimedRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Typed events of one of the four Netflix topics, with skewed members, heartbeats, failed logins,
 * test traffic and catalog misses at the configured shares; the example member's events are placed
 * by their event times.
 */
final class NetflixTopicEvents implements TopicEvents<MemberEvent> {

  /**
   * What an event of a watching or playing topic names besides its member: an id from one catalog
   * (made up with the prefix on a miss), set by the builder's setter, and one of the topic's
   * actions unless it is a heartbeat.
   */
  private record Content(
      Function<Catalogs, Map<String, ?>> catalog,
      String missingPrefix,
      BiConsumer<MemberEvent.Builder, String> setId,
      List<String> actions) {}

  private static final Map<SourceTopic, Content> CONTENT =
      Map.of(
          SourceTopic.PLAYBACK,
          new Content(
              Catalogs::titles,
              "t-missing-",
              MemberEvent.Builder::setTitleId,
              List.of("START", "PAUSE", "RESUME", "STOP")),
          SourceTopic.GAMEPLAY,
          new Content(
              Catalogs::games,
              "g-missing-",
              MemberEvent.Builder::setGameId,
              List.of("LAUNCH", "PLAY", "EXIT")),
          SourceTopic.LIVE,
          new Content(
              Catalogs::liveEvents,
              "l-missing-",
              MemberEvent.Builder::setLiveEventId,
              List.of("JOIN", "LEAVE")));

  private final SourceTopic topic;
  private final GeneratorConfig config;

  /** The topic's content; null for the login topic, whose events name none. */
  private final @Nullable Content content;

  /** The sorted ids of the content's catalog. */
  private final List<String> catalogIds;

  NetflixTopicEvents(SourceTopic topic, GeneratorConfig config, Catalogs catalogs) {
    if (!topic.isNetflixTopic()) {
      throw new IllegalArgumentException(
          topic.topicName() + " has no typed events; generate it from its mapping");
    }
    this.topic = topic;
    this.config = config;
    this.content = CONTENT.get(topic);
    this.catalogIds =
        content == null
            ? List.of()
            : new ArrayList<>(new TreeSet<>(content.catalog().apply(catalogs).keySet()));
  }

  @Override
  public SourceTopic topic() {
    return topic;
  }

  @Override
  public MemberEvent randomEvent(
      String eventId, Instant eventTime, Population population, Random random) {
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
    if (topic.equals(SourceTopic.LOGIN)) {
      return event
          .setProfileId(random.nextBoolean() ? profile : null)
          .setAction(random.nextDouble() < config.failedLoginShare() ? "FAILURE" : "SUCCESS")
          .setCountry(random.nextInt(10) == 0 ? null : account.country)
          .build();
    }
    event.setProfileId(profile);
    content.setId().accept(event, pick(random));
    event.setAction(
        heartbeat ? "HEARTBEAT" : content.actions().get(random.nextInt(content.actions().size())));
    if (topic.equals(SourceTopic.PLAYBACK)) {
      event.setPositionMs(random.nextInt(3) == 0 ? null : (long) random.nextInt(7_200_000));
    }
    return event.build();
  }

  /** A catalog id, or now and then one the catalog lacks. */
  private String pick(Random random) {
    if (catalogIds.isEmpty() || random.nextDouble() < config.catalogMissShare()) {
      return content.missingPrefix() + random.nextInt(50);
    }
    return catalogIds.get(random.nextInt(catalogIds.size()));
  }

  @Override
  public MemberEvent notTest(MemberEvent event) {
    return event.toBuilder().setTest(false).build();
  }

  @Override
  public byte[] write(MemberEvent event, Random random) {
    return EventWriter.write(event, random);
  }

  @Override
  public GeneratedRecord record(MemberEvent event, byte[] value) {
    return GeneratedRecord.event(topic, value, fate(event), event, false);
  }

  private static Fate fate(MemberEvent event) {
    boolean filtered =
        event.test()
            || "HEARTBEAT".equals(event.action())
            || (event.sourceTopic() == SourceTopic.LOGIN && "FAILURE".equals(event.action()));
    return filtered ? Fate.FILTERED : Fate.GRAPH;
  }

  /** The example's events, merged into the base records by event time. */
  @Override
  public void addExample(List<TimedRecord> records, Instant start, Random random) {
    for (MemberEvent event : ExampleMember.events(topic, start, config.span())) {
      records.add(
          new TimedRecord(event.eventTime().getMillis(), record(event, write(event, random))));
    }
    records.sort(Comparator.comparingLong(TimedRecord::position));
  }

  @Override
  public String[] outOfRange() {
    return new String[] {topic.actionField(), "\"TELEPORT\""};
  }
}
