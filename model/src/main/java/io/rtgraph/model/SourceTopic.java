package io.rtgraph.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The source topics and the per-topic rules of PRODUCT.md: which fields an event must carry and
 * which values its {@code action} (or, for logins, {@code result}) may take.
 */
public enum SourceTopic {
  PLAYBACK(
      "member.playback",
      true,
      "titleId",
      "action",
      List.of("START", "PAUSE", "RESUME", "STOP", "HEARTBEAT")),
  LOGIN("member.login", false, null, "result", List.of("SUCCESS", "FAILURE")),
  GAMEPLAY("member.gameplay", true, "gameId", "action", List.of("LAUNCH", "PLAY", "EXIT", "HEARTBEAT")),
  LIVE("member.live", true, "liveEventId", "action", List.of("JOIN", "LEAVE", "HEARTBEAT"));

  private final String topicName;
  private final boolean profileRequired;
  private final @Nullable String subjectField;
  private final String actionField;
  private final List<String> allowedActions;
  private final Set<String> allowedActionSet;

  SourceTopic(
      String topicName,
      boolean profileRequired,
      @Nullable String subjectField,
      String actionField,
      List<String> allowedActions) {
    this.topicName = topicName;
    this.profileRequired = profileRequired;
    this.subjectField = subjectField;
    this.actionField = actionField;
    this.allowedActions = allowedActions;
    this.allowedActionSet = Set.copyOf(allowedActions);
  }

  /** The Kafka topic name, for example {@code member.playback}. */
  public String topicName() {
    return topicName;
  }

  /** The dead-letter topic of this source: {@code <sourceTopic>.dlq}. */
  public String deadLetterTopicName() {
    return topicName + ".dlq";
  }

  public boolean profileRequired() {
    return profileRequired;
  }

  /**
   * The required field naming what the member interacted with ({@code titleId}, {@code gameId},
   * {@code liveEventId}); null for logins, which have none.
   */
  public @Nullable String subjectField() {
    return subjectField;
  }

  /** {@code action}, or {@code result} for logins. */
  public String actionField() {
    return actionField;
  }

  /** The allowed values of {@link #actionField()}, in the order PRODUCT.md lists them. */
  public List<String> allowedActions() {
    return allowedActions;
  }

  public boolean isAllowedAction(String value) {
    return allowedActionSet.contains(value);
  }

  /** The topic with this Kafka name; the error lists the known names. */
  public static SourceTopic fromTopicName(String topicName) {
    for (SourceTopic topic : values()) {
      if (topic.topicName.equals(topicName)) {
        return topic;
      }
    }
    throw new IllegalArgumentException(
        "unknown source topic '"
            + topicName
            + "'; known topics: "
            + Arrays.stream(values()).map(SourceTopic::topicName).toList());
  }
}
