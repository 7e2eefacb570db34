package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One entry of the titles catalog. */
@AutoValue
public abstract class TitleInfo {
  /** The allowed values of {@link #kind()}. */
  public static final java.util.List<String> KINDS = java.util.List.of("SHOW", "MOVIE");

  public abstract String titleId();

  public abstract @Nullable String name();

  /** {@code SHOW} or {@code MOVIE}. */
  public abstract @Nullable String kind();

  public abstract @Nullable String genre();

  public static TitleInfo of(
      String titleId, @Nullable String name, @Nullable String kind, @Nullable String genre) {
    return new AutoValue_TitleInfo(titleId, name, kind, genre);
  }
}
