package io.rtgraph.transforms;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.NodeType;
import java.util.List;

/**
 * Where the merge keeps each update: the key its keyed state and timer live under.
 *
 * <p>The updates are CRDTs, so any partitioning of the merge gives the same materialized graph; the
 * key only decides how much is merged (the write reduction) and what it costs. The updates an event
 * makes of its member's own elements (the account, its profiles and devices, and every edge leaving
 * one of them) share the event's co-location key, so they cross the shuffle together and share one
 * buffer and one timer. The shared content nodes (titles, games, live events) and the edges between
 * them are touched by every member: they are keyed by their own id, so that each still merges
 * across all members.
 *
 * <p>Both parts are declarations a mapping can make: a topic's co-location key is one event field
 * (the account for the four member topics), and whether an update is member-local follows from the
 * node type of the element or of an edge's source.
 */
public final class MergeKeys {
  /** The node types that belong to one member; an edge leaving one of them does too. */
  private static final List<String> MEMBER_NODE_TYPES =
      List.of(NodeType.ACCOUNT.typeName(), NodeType.PROFILE.typeName(), NodeType.DEVICE.typeName());

  private MergeKeys() {}

  /**
   * The key an event's member-local updates share: the id of the account node the event updates
   * (every member topic's mapping declares one); for a mapping without an account node, the id of
   * the event's first element, which keeps the event's updates together all the same.
   */
  public static String colocationKey(List<GraphUpdate> eventUpdates) {
    for (GraphUpdate update : eventUpdates) {
      if (update.element() == GraphUpdate.Element.NODE
          && update.type().equals(NodeType.ACCOUNT.typeName())) {
        return update.id();
      }
    }
    return eventUpdates.isEmpty() ? "" : eventUpdates.get(0).id();
  }

  /** The merge key of one update of an event whose co-location key is {@code colocationKey}. */
  public static String mergeKey(GraphUpdate update, String colocationKey) {
    return isMemberLocal(update) ? colocationKey : update.id();
  }

  /** Whether the element belongs to one member: a member node, or an edge leaving one. */
  static boolean isMemberLocal(GraphUpdate update) {
    String node = update.element() == GraphUpdate.Element.NODE ? update.id() : update.src();
    for (String type : MEMBER_NODE_TYPES) {
      if (node.length() > type.length()
          && node.startsWith(type)
          && node.charAt(type.length()) == ':') {
        return true;
      }
    }
    return false;
  }
}
