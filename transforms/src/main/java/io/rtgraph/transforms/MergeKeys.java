package io.rtgraph.transforms;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.transforms.mapping.TopicMapping.Colocation;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where the merge keeps each update: the key its keyed state and timer live under, as a topic
 * mapping's {@code colocate} declares it.
 *
 * <p>The updates are CRDTs, so any partitioning of the merge gives the same materialized graph; the
 * key only decides how much is merged (the write reduction) and what it costs. With {@code
 * colocate: {by: Account, with: [Profile, Device]}}, the updates an event makes of its member's own
 * elements (the account, its profiles and devices, and every edge leaving one of them) share the id
 * of the event's Account node, so they cross the shuffle together and share one buffer and one
 * timer. Every other element (titles, games, live events, the edges between them) is touched by
 * every member: it is keyed by its own id, so that each still merges across all members.
 *
 * <p>An event's updates travel as one element under its co-location key ({@link #colocationKey});
 * the merge splits them by {@link #mergeKey} only inside the bundle merge, so one event stays one
 * element up to there, whatever the mapping declares.
 */
public final class MergeKeys implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final MergeKeys BY_ELEMENT = new MergeKeys(null, new String[0]);

  /** The node type whose id keys the co-located updates; null when nothing is co-located. */
  private final @Nullable String keyNodeType;

  /** The key node type and the {@code with} types, each followed by ':', as ids start. */
  private final String[] colocatedIdPrefixes;

  private MergeKeys(@Nullable String keyNodeType, String[] colocatedIdPrefixes) {
    this.keyNodeType = keyNodeType;
    this.colocatedIdPrefixes = colocatedIdPrefixes;
  }

  /** Every element merged under its own id: a mapping without {@code colocate}. */
  public static MergeKeys byElement() {
    return BY_ELEMENT;
  }

  /** The keys a mapping's {@code colocate} declares; {@link #byElement} for none. */
  public static MergeKeys of(@Nullable Colocation colocation) {
    if (colocation == null) {
      return BY_ELEMENT;
    }
    Set<String> prefixes = new LinkedHashSet<>();
    prefixes.add(colocation.by() + ':');
    colocation.with().forEach(type -> prefixes.add(type + ':'));
    return new MergeKeys(colocation.by(), prefixes.toArray(new String[0]));
  }

  /**
   * The key an event's co-located updates share: the id of the event's key node, or "" when the
   * event has none (its id absent, or nothing co-located), in which case every update of the event
   * is merged under its own id.
   */
  public String colocationKey(List<GraphUpdate> eventUpdates) {
    if (keyNodeType != null) {
      for (GraphUpdate update : eventUpdates) {
        if (update.element() == GraphUpdate.Element.NODE && update.type().equals(keyNodeType)) {
          return update.id();
        }
      }
    }
    return "";
  }

  /** The merge key of one update of an event whose co-location key is {@code colocationKey}. */
  public String mergeKey(GraphUpdate update, String colocationKey) {
    return !colocationKey.isEmpty() && isColocated(update) ? colocationKey : update.id();
  }

  /** A node of a co-located type, or an edge leaving one. */
  private boolean isColocated(GraphUpdate update) {
    String node = update.element() == GraphUpdate.Element.NODE ? update.id() : update.src();
    for (String prefix : colocatedIdPrefixes) {
      if (node.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
