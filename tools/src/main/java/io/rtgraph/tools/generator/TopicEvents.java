package io.rtgraph.tools.generator;

import io.rtgraph.model.SourceTopic;
import java.util.List;
import java.util.Random;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * What one kind of topic contributes to {@link EventGenerator}'s generation: how its events of type
 * {@code E} are made, written and labelled, where the example member's events go, and which value
 * its action rule refuses. Typed {@link io.rtgraph.model.MemberEvent}s for the Netflix topics
 * ({@link NetflixTopicEvents}), field maps for a topic known by its mapping alone; the base events'
 * times, the redeliveries and the malformed records are the generator's, the same for both.
 */
interface TopicEvents<E> {

  SourceTopic topic();

  /** One valid event of a random member of the population; test traffic at the configured share. */
  E randomEvent(String eventId, Instant eventTime, Population population, Random random);

  /** The event as it is but not test traffic: the template of a malformed record. */
  E notTest(E event);

  /** The record value a producer would write for the event. */
  byte[] write(E event, Random random);

  /** The event's record with the given value, labelled with the fate the input rules give it. */
  GeneratedRecord record(E event, byte[] value);

  /**
   * Adds the example member's records of this topic to the base records, near their event times.
   */
  void addExample(List<TimedRecord> records, Instant start, Random random);

  /**
   * A field this topic restricts (to an enum, or a range) with a value outside it; null when it
   * restricts none.
   */
  @Nullable String[] outOfRange();

  /** A record with the event time position it was generated at, before disorder. */
  record TimedRecord(long position, GeneratedRecord record) {}
}
