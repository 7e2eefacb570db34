package io.rtgraph.model;

import io.rtgraph.model.coders.MemberEventCoder;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
          "PLAYBACK",
          0,
          "member.playback",
          true,
          "titleId",
          "action",
          List.of("START", "PAUSE", "RESUME", "STOP", "HEARTBEAT"));
  public static final SourceTopic LOGIN =
      new SourceTopic(
          "LOGIN", 1, "member.login", false, null, "result", List.of("SUCCESS", "FAILURE"));
  public static final SourceTopic GAMEPLAY =
      new SourceTopic(
          "GAMEPLAY",
          2,
          "member.gameplay",
          true,
          "gameId",
          "action",
          List.of("LAUNCH", "PLAY", "EXIT", "HEARTBEAT"));
  public static final SourceTopic LIVE =
      new SourceTopic(
          "LIVE",
          3,
          "member.live",
          true,
          "liveEventId",
          "action",
          List.of("JOIN", "LEAVE", "HEARTBEAT"));

  private static final SourceTopic[] NETFLIX_TOPICS = {PLAYBACK, LOGIN, GAMEPLAY, LIVE};

  private final String name;
  private final int ordinal;
  private final String topicName;
  private final boolean profileRequired;
  private final @Nullable String subjectField;
  private final @Nullable String actionField;
  private final List<String> allowedActions;
  private final Set<String> allowedActionSet;

  private SourceTopic(
      String name,
      int ordinal,
      String topicName,
      boolean profileRequired,
      @Nullable String subjectField,
      @Nullable String actionField,
      List<String> allowedActions) {
    this.name = name;
    this.ordinal = ordinal;
    this.topicName = topicName;
    this.profileRequired = profileRequired;
    this.subjectField = subjectField;
    this.actionField = actionField;
    this.allowedActions = allowedActions;
    this.allowedActionSet = Set.copyOf(allowedActions);
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
    return new SourceTopic(topicName, -1, topicName, false, null, null, List.of());
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
    return name;
  }

  /** Whether this is one of the four topics with typed rules and a typed {@link MemberEvent}. */
  public boolean isNetflixTopic() {
    return ordinal >= 0;
  }

  /** The position among the four Netflix topics, 0 to 3, as the former enum numbered them. */
  public int ordinal() {
    requireNetflixTopic("ordinal");
    return ordinal;
  }

  public boolean profileRequired() {
    requireNetflixTopic("profileRequired");
    return profileRequired;
  }

  /**
   * The required field naming what the member interacted with ({@code titleId}, {@code gameId},
   * {@code liveEventId}); null for logins, which have none.
   */
  public @Nullable String subjectField() {
    requireNetflixTopic("subjectField");
    return subjectField;
  }

  /** {@code action}, or {@code result} for logins. */
  public String actionField() {
    requireNetflixTopic("actionField");
    return actionField;
  }

  /** The allowed values of {@link #actionField()}, in the order PRODUCT.md lists them. */
  public List<String> allowedActions() {
    requireNetflixTopic("allowedActions");
    return allowedActions;
  }

  public boolean isAllowedAction(String value) {
    return allowedActionSet.contains(value);
  }

  private void requireNetflixTopic(String what) {
    if (ordinal < 0) {
      throw new IllegalStateException(
          topicName
              + " has no typed "
              + what
              + ": only the four Netflix topics "
              + Arrays.stream(NETFLIX_TOPICS).map(SourceTopic::topicName).toList()
              + " do; its rules are in its mapping file");
    }
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
    return isNetflixTopic() ? name : topicName;
  }

  /** Keeps the four constants unique across Java serialization, as an enum's were. */
  private Object readResolve() throws ObjectStreamException {
    return of(topicName);
  }
}
