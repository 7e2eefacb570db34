package io.rtgraph.model;

/** The edge types of the graph, each between fixed node types. */
public enum EdgeType {
  HAS_PROFILE(NodeType.ACCOUNT, NodeType.PROFILE),
  USES_DEVICE(NodeType.ACCOUNT, NodeType.DEVICE),
  STREAMED_FROM(NodeType.PROFILE, NodeType.DEVICE),
  STARTED_WATCHING(NodeType.PROFILE, NodeType.TITLE),
  LOGGED_IN_FROM(NodeType.ACCOUNT, NodeType.DEVICE),
  PLAYS(NodeType.PROFILE, NodeType.GAME),
  BASED_ON(NodeType.GAME, NodeType.TITLE),
  WATCHED_LIVE(NodeType.PROFILE, NodeType.LIVE_EVENT);

  private final NodeType sourceType;
  private final NodeType targetType;

  EdgeType(NodeType sourceType, NodeType targetType) {
    this.sourceType = sourceType;
    this.targetType = targetType;
  }

  public NodeType sourceType() {
    return sourceType;
  }

  public NodeType targetType() {
    return targetType;
  }

  /** The name on the wire and in topic names: the constant itself. */
  public String typeName() {
    return name();
  }

  /** The edge id: {@code STARTED_WATCHING:Profile:p7->Title:t42}. */
  public String id(String srcId, String dstId) {
    return name() + ':' + srcId + "->" + dstId;
  }
}
