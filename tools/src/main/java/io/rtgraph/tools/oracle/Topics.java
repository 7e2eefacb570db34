package io.rtgraph.tools.oracle;

/** The source topics of PRODUCT.md, by name: the oracle keys everything on the topic's name. */
public final class Topics {
  public static final String PLAYBACK = "member.playback";
  public static final String LOGIN = "member.login";
  public static final String GAMEPLAY = "member.gameplay";
  public static final String LIVE = "member.live";
  public static final String RATING = "member.rating";

  private Topics() {}
}
