package io.rtgraph.model;

import io.rtgraph.model.coders.MemberEventCoder;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A source topic. Any topic with a mapping file is one ({@link #of}); the pipeline reads its rules
 * from that file.
 *
 * <p>The four Netflix topics are also constants here with the rules of PRODUCT.md in typed form
 * ({@link #actionField()}, {@link #allowedActions()}, ...): what the typed {@link MemberEvent} and
 * the event generator know. Those rules exist only for these four; a topic added by a mapping file
 * has none and answers {@link #isNetflixTopic()} false. This used to be an enum: the class keeps
 * the enum's methods ({@code values()}, {@code name()}, {@code ordinal()}) for the four, and {@link
 * MemberEventCoder} still writes their ordinals.
 */
public final class SourceTopic implements Serializable, Comparable<SourceTopic> {
  private static final long serialVersionUID = 1L;
  private static final Pattern KAFKA_TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  public static final SourceTopic PLAYBACK =
      new SourceTopic(
          "member.playback",
          new TypedRules(
              "PLAYBACK",
              0,
              true,
              "titleId",
              "action",
              List.of("START", "PAUSE", "RESUME", "STOP", "HEARTBEAT")));
  public static final SourceTopic LOGIN =
      new SourceTopic(
          "member.login",
          new TypedRules("LOGIN", 1, false, null, "result", List.of("SUCCESS", "FAILURE")));
  public static final SourceTopic GAMEPLAY =
      new SourceTopic(
          "member.gameplay",
          new TypedRules(
              "GAMEPLAY",
              2,
              true,
              "gameId",
              "action",
              List.of("LAUNCH", "PLAY", "EXIT", "HEARTBEAT")));
  public static final SourceTopic LIVE =
      new SourceTopic(
          "member.live",
          new TypedRules(
              "LIVE", 3, true, "liveEventId", "action", List.of("JOIN", "LEAVE", "HEARTBEAT")));

  private static final SourceTopic[] NETFLIX_TOPICS = {PLAYBACK, LOGIN, GAMEPLAY, LIVE};

  private final String topicName;

  /**
   * Null for a topic known by its mapping only. Not serialized: {@link #readResolve} rebuilds the
   * topic from its name.
   */
  private final transient @Nullable TypedRules rules;

  /**
   * What one of the four Netflix topics is beyond its name: the former enum constant's name and
   * ordinal, and the rules of PRODUCT.md.
   */
  private record TypedRules(
      String name,
      int ordinal,
      boolean profileRequired,
      @Nullable String subjectField,
      String actionField,
      List<String> allowedActions) {}

  private SourceTopic(String topicName, @Nullable TypedRules rules) {
    this.topicName = topicName;
    this.rules = rules;
  }

  /**
   * The topic of this Kafka name: one of the four constants, or a topic known by its mapping only.
   */
  public static SourceTopic of(String topicName) {
    for (SourceTopic topic : NETFLIX_TOPICS) {
      if (topic.topicName.equals(topicName)) {
        return topic;
      }
    }
    if (!KAFKA_TOPIC.matcher(topicName).matches()) {
      throw new IllegalArgumentException(
          "'" + topicName + "' is not a Kafka topic name (1 to 249 of A-Z a-z 0-9 . _ -)");
    }
    return new SourceTopic(topicName, null);
  }

  /** The same as {@link #of}: every name with a mapping is a topic. */
  public static SourceTopic fromTopicName(String topicName) {
    return of(topicName);
  }

  /** The four Netflix topics, in PRODUCT.md's order. */
  public static SourceTopic[] values() {
    return NETFLIX_TOPICS.clone();
  }

  /** The Kafka topic name, for example {@code member.playback}. */
  public String topicName() {
    return topicName;
  }

  /** The dead-letter topic of this source: {@code <sourceTopic>.dlq}. */
  public String deadLetterTopicName() {
    return topicName + ".dlq";
  }

  /**
   * {@code PLAYBACK} for the four Netflix topics (the former enum constant), else the topic name.
   */
  public String name() {
    return rules != null ? rules.name() : topicName;
  }

  /** Whether this is one of the four topics with typed rules and a typed {@link MemberEvent}. */
  public boolean isNetflixTopic() {
    return rules != null;
  }

  /** The position among the four Netflix topics, 0 to 3, as the former enum numbered them. */
  public int ordinal() {
    return typedRules("ordinal").ordinal();
  }

  public boolean profileRequired() {
    return typedRules("profileRequired").profileRequired();
  }

  /**
   * The required field naming what the member interacted with ({@code titleId}, {@code gameId},
   * {@code liveEventId}); null for logins, which have none.
   */
  public @Nullable String subjectField() {
    return typedRules("subjectField").subjectField();
  }

  /** {@code action}, or {@code result} for logins. */
  public String actionField() {
    return typedRules("actionField").actionField();
  }

  /** The allowed values of {@link #actionField()}, in the order PRODUCT.md lists them. */
  public List<String> allowedActions() {
    return typedRules("allowedActions").allowedActions();
  }

  public boolean isAllowedAction(String value) {
    return rules != null && rules.allowedActions().contains(value);
  }

  private TypedRules typedRules(String what) {
    if (rules == null) {
      throw new IllegalStateException(
          topicName
              + " has no typed "
              + what
              + ": only the four Netflix topics "
              + Arrays.stream(NETFLIX_TOPICS).map(SourceTopic::topicName).toList()
              + " do; its rules are in its mapping file");
    }
    return rules;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SourceTopic && ((SourceTopic) other).topicName.equals(topicName);
  }

  @Override
  public int hashCode() {
    return topicName.hashCode();
  }

  @Override
  public int compareTo(SourceTopic other) {
    return topicName.compareTo(other.topicName);
  }

  /** The topic name, which is what the enum's constants printed as {@code name()} before. */
  @Override
  public String toString() {
    return name();
  }

  /** Keeps the four constants unique across Java serialization, as an enum's were. */
  private Object readResolve() throws ObjectStreamException {
    return of(topicName);
  }
}
