package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.coders.MemberEventCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One interaction event of the four Netflix topics in typed form: what the event generator draws
 * before it writes the JSON (the pipelines read events through their mapping files instead).
 *
 * <p>The common fields are always present; the topic-specific ones are null on topics that do not
 * carry them, following the per-topic rules of {@link SourceTopic}.
 */
@AutoValue
@DefaultCoder(MemberEventCoder.class)
public abstract class MemberEvent {
  public abstract SourceTopic sourceTopic();

  public abstract String eventId();

  public abstract Instant eventTime();

  public abstract String accountId();

  public abstract @Nullable String profileId();

  public abstract String deviceId();

  public abstract @Nullable String deviceType();

  /** True for synthetic test traffic. */
  public abstract boolean test();

  /** The value of the topic's action field: {@code action}, or {@code result} for logins. */
  public abstract String action();

  public abstract @Nullable String titleId();

  public abstract @Nullable String gameId();

  public abstract @Nullable String liveEventId();

  public abstract @Nullable Long positionMs();

  public abstract @Nullable String country();

  public static Builder builder() {
    return new AutoValue_MemberEvent.Builder().setTest(false);
  }

  public abstract Builder toBuilder();

  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setSourceTopic(SourceTopic sourceTopic);

    public abstract Builder setEventId(String eventId);

    public abstract Builder setEventTime(Instant eventTime);

    public abstract Builder setAccountId(String accountId);

    public abstract Builder setProfileId(@Nullable String profileId);

    public abstract Builder setDeviceId(String deviceId);

    public abstract Builder setDeviceType(@Nullable String deviceType);

    public abstract Builder setTest(boolean test);

    public abstract Builder setAction(String action);

    public abstract Builder setTitleId(@Nullable String titleId);

    public abstract Builder setGameId(@Nullable String gameId);

    public abstract Builder setLiveEventId(@Nullable String liveEventId);

    public abstract Builder setPositionMs(@Nullable Long positionMs);

    public abstract Builder setCountry(@Nullable String country);

    public abstract MemberEvent build();
  }
}
