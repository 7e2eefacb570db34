package io.rtgraph.tools.generator;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One generated source record, with what the pipeline must make of it: the ground truth that the
 * tests compare against, known without running any pipeline code.
 */
@AutoValue
public abstract class GeneratedRecord {

  /** Where the record must end: every input record ends in exactly one of these. */
  public enum Fate {
    GRAPH,
    FILTERED,
    DEAD_LETTER
  }

  public abstract SourceTopic topic();

  /** The Kafka key: the account, so that one member's events stay in order in one partition. */
  public abstract String key();

  @SuppressWarnings("mutable")
  public abstract byte[] value();

  public abstract Fate fate();

  /**
   * The typed event the record encodes; null for dead letters, and for topics that have no typed
   * event (a vertical added by its mapping file alone).
   */
  public abstract @Nullable MemberEvent event();

  /** The rule a dead letter breaks; null otherwise. */
  public abstract @Nullable DeadLetterReason reason();

  /** Whether this record repeats an earlier one. */
  public abstract boolean redelivery();

  static GeneratedRecord event(
      SourceTopic topic, byte[] value, Fate fate, MemberEvent event, boolean redelivery) {
    return new AutoValue_GeneratedRecord(
        topic, event.accountId(), value, fate, event, null, redelivery);
  }

  /** A valid record of a topic known by its mapping only, keyed by its account. */
  static GeneratedRecord mapped(SourceTopic topic, String accountId, byte[] value, Fate fate) {
    return new AutoValue_GeneratedRecord(topic, accountId, value, fate, null, null, false);
  }

  static GeneratedRecord deadLetter(
      SourceTopic topic, String key, byte[] value, DeadLetterReason reason) {
    return new AutoValue_GeneratedRecord(topic, key, value, Fate.DEAD_LETTER, null, reason, false);
  }

  GeneratedRecord asRedelivery() {
    return new AutoValue_GeneratedRecord(topic(), key(), value(), fate(), event(), reason(), true);
  }
}
