package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An event with the catalog entries it refers to; each is null when the event's topic has none or
 * the catalog has no entry for it (a lookup miss, which is counted but never drops the event).
 */
@AutoValue
@DefaultCoder(EnrichedEventCoder.class)
public abstract class EnrichedEvent {
  public abstract MemberEvent event();

  /** The watched title (playback). */
  public abstract @Nullable TitleInfo title();

  /** The played game (gameplay). */
  public abstract @Nullable GameInfo game();

  /** The title the played game is based on (gameplay), when the games catalog names one. */
  public abstract @Nullable TitleInfo basedOnTitle();

  /** The joined live event (live). */
  public abstract @Nullable LiveEventInfo liveEvent();

  public static EnrichedEvent of(
      MemberEvent event,
      @Nullable TitleInfo title,
      @Nullable GameInfo game,
      @Nullable TitleInfo basedOnTitle,
      @Nullable LiveEventInfo liveEvent) {
    return new AutoValue_EnrichedEvent(event, title, game, basedOnTitle, liveEvent);
  }

  /** The event without any catalog data: what enrichment yields on a total miss. */
  public static EnrichedEvent unenriched(MemberEvent event) {
    return of(event, null, null, null, null);
  }
}
