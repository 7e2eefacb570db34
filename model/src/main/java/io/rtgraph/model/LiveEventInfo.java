package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One entry of the live-events catalog. */
@AutoValue
public abstract class LiveEventInfo {
  public abstract String liveEventId();

  public abstract @Nullable String name();

  public static LiveEventInfo of(String liveEventId, @Nullable String name) {
    return new AutoValue_LiveEventInfo(liveEventId, name);
  }
}
