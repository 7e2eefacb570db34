package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One entry of the games catalog. */
@AutoValue
public abstract class GameInfo {
  public abstract String gameId();

  public abstract @Nullable String name();

  public abstract @Nullable String genre();

  /** The title the game is based on, which gives the {@code BASED_ON} edge; often absent. */
  public abstract @Nullable String basedOnTitleId();

  public static GameInfo of(
      String gameId,
      @Nullable String name,
      @Nullable String genre,
      @Nullable String basedOnTitleId) {
    return new AutoValue_GameInfo(gameId, name, genre, basedOnTitleId);
  }
}
