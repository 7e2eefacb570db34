package io.rtgraph.tools.graph;

import io.rtgraph.model.GraphUpdate;
import java.util.Map;
import java.util.stream.Collectors;

/** How the tools print graph elements and traversal steps as text. */
public final class GraphText {
  private GraphText() {}

  /** {@code Title:t42 {name=Dark} [first seen ..., last seen ..., from member.playback]}. */
  public static String describe(GraphUpdate element) {
    String properties =
        element.properties().isEmpty()
            ? ""
            : " "
                + element.properties().entrySet().stream()
                    .map(Map.Entry::toString)
                    .collect(Collectors.joining(", ", "{", "}"));
    return element.id()
        + properties
        + " [first seen "
        + element.firstSeen()
        + ", last seen "
        + element.lastSeen()
        + ", from "
        + element.sourceTopic()
        + "]";
  }

  /** {@code Profile:p7 --STARTED_WATCHING--> Title:t42 {...}}, the arrow following the edge. */
  public static String step(GraphIndex.Step step) {
    boolean forward = step.from().equals(step.edge().src());
    String arrow = forward ? "--" + step.edge().type() + "-->" : "<--" + step.edge().type() + "--";
    return step.from()
        + " "
        + arrow
        + " "
        + (step.node() == null ? step.to() : describe(step.node()));
  }
}
