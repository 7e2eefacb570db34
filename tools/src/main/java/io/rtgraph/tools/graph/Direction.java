package io.rtgraph.tools.graph;

/** Which edges of a node to follow: those leaving it, those entering it, or both. */
public enum Direction {
  OUT,
  IN,
  BOTH
}
