package io.rtgraph.model;

/** The node types of the graph; a node id is {@code <Type>:<naturalId>}. */
public enum NodeType {
  ACCOUNT("Account"),
  PROFILE("Profile"),
  DEVICE("Device"),
  TITLE("Title"),
  GAME("Game"),
  LIVE_EVENT("LiveEvent");

  private final String typeName;

  NodeType(String typeName) {
    this.typeName = typeName;
  }

  /** The name on the wire and in topic names, for example {@code LiveEvent}. */
  public String typeName() {
    return typeName;
  }

  /** The node id for a natural id, used verbatim: {@code Profile:p7}. */
  public String id(String naturalId) {
    return typeName + ':' + naturalId;
  }
}
