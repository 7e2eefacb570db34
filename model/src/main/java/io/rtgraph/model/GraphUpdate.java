package io.rtgraph.model;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.coders.GraphUpdateCoder;
import io.rtgraph.model.json.GraphUpdateJson;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * An update of one graph element (a node or an edge): the state-based CRDT of PRODUCT.md.
 *
 * <p>{@link #mergeWith} is commutative, associative and idempotent, so consumers can apply updates
 * in any order and any number of times, and the graph materialized from them does not depend on how
 * events were batched, reordered or redelivered:
 *
 * <ul>
 *   <li>{@code firstSeen} is the minimum and {@code lastSeen} the maximum event time;
 *   <li>each property is a last-writer-wins register keyed by its event time in {@code
 *       propertyTimes}; on equal times the value whose JSON text on the wire is greater (by Unicode
 *       code point) wins: the text as written, where a character outside the BMP is a pair of
 *       {@code \\uXXXX} escapes;
 *   <li>{@code sourceTopic} is itself such a register, keyed by {@code lastSeen}.
 * </ul>
 */
@AutoValue
@DefaultCoder(GraphUpdateCoder.class)
public abstract class GraphUpdate {

  /**
   * Whether the update is of a node or of an edge. The JSON {@code element} field and the {@code
   * node.}/{@code edge.} part of a graph topic's name spell it as the constant's name in lower
   * case.
   */
  public enum Element {
    NODE,
    EDGE;

    /** Kept once: every update written to JSON or routed to its topic asks for it. */
    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /** {@code node} or {@code edge}. */
    public String jsonName() {
      return jsonName;
    }

    public static Element fromJsonName(String name) {
      for (Element element : values()) {
        if (element.jsonName.equals(name)) {
          return element;
        }
      }
      throw new IllegalArgumentException(
          "element must be \"node\" or \"edge\", not \"" + name + "\"");
    }
  }

  public abstract Element element();

  /** A node type name ({@code Title}) or an edge type name ({@code STARTED_WATCHING}). */
  public abstract String type();

  public abstract String id();

  /** The source node id of an edge; null for nodes. */
  public abstract @Nullable String src();

  /** The target node id of an edge; null for nodes. */
  public abstract @Nullable String dst();

  public abstract SortedMap<String, String> properties();

  /** For every key of {@link #properties()}, the event time of its value. */
  public abstract SortedMap<String, Instant> propertyTimes();

  public abstract Instant firstSeen();

  public abstract Instant lastSeen();

  public abstract String sourceTopic();

  /**
   * Creates an update after checking its invariants: an edge has both endpoints and a node none,
   * the property and property-time keys are the same, and {@code firstSeen <= lastSeen}.
   */
  public static GraphUpdate create(
      Element element,
      String type,
      String id,
      @Nullable String src,
      @Nullable String dst,
      Map<String, String> properties,
      Map<String, Instant> propertyTimes,
      Instant firstSeen,
      Instant lastSeen,
      String sourceTopic) {
    if ((element == Element.EDGE) != (src != null && dst != null)
        || (element == Element.NODE && (src != null || dst != null))) {
      throw new IllegalArgumentException(
          "update " + id + ": an edge has both src and dst, a node has neither");
    }
    if (!properties.keySet().equals(propertyTimes.keySet())) {
      throw new IllegalArgumentException(
          "update "
              + id
              + ": properties "
              + properties.keySet()
              + " and propertyTimes "
              + propertyTimes.keySet()
              + " must have the same keys");
    }
    if (firstSeen.isAfter(lastSeen)) {
      throw new IllegalArgumentException(
          "update " + id + ": firstSeen " + firstSeen + " is after lastSeen " + lastSeen);
    }
    return new AutoValue_GraphUpdate(
        element,
        type,
        id,
        src,
        dst,
        Collections.unmodifiableSortedMap(new TreeMap<>(properties)),
        Collections.unmodifiableSortedMap(new TreeMap<>(propertyTimes)),
        firstSeen,
        lastSeen,
        sourceTopic);
  }

  /** A node update from one event: every property takes the event's time. */
  public static GraphUpdate node(
      NodeType type,
      String naturalId,
      Instant eventTime,
      SourceTopic topic,
      Map<String, String> properties) {
    String id = type.id(naturalId);
    return fromEvent(
        Element.NODE, type.typeName(), id, null, null, eventTime, topic.topicName(), properties);
  }

  /** An edge update from one event: every property takes the event's time. */
  public static GraphUpdate edge(
      EdgeType type,
      String srcId,
      String dstId,
      Instant eventTime,
      SourceTopic topic,
      Map<String, String> properties) {
    String id = type.id(srcId, dstId);
    String topicName = topic.topicName();
    return fromEvent(
        Element.EDGE, type.typeName(), id, srcId, dstId, eventTime, topicName, properties);
  }

  /**
   * An update from one event of a mapped topic, whose type is a name from its mapping file: every
   * property takes the event's time. A node has no {@code src} and {@code dst}; an edge has both.
   */
  public static GraphUpdate fromEvent(
      Element element,
      String type,
      String id,
      @Nullable String src,
      @Nullable String dst,
      Instant eventTime,
      String sourceTopic,
      Map<String, String> properties) {
    return create(
        element,
        type,
        id,
        src,
        dst,
        properties,
        sameTimeFor(properties, eventTime),
        eventTime,
        eventTime,
        sourceTopic);
  }

  private static Map<String, Instant> sameTimeFor(Map<String, String> properties, Instant time) {
    Map<String, Instant> times = new TreeMap<>();
    for (String key : properties.keySet()) {
      times.put(key, time);
    }
    return times;
  }

  /**
   * The CRDT merge of two updates of the same element.
   *
   * @throws IllegalArgumentException when the two are not updates of one element
   */
  public GraphUpdate mergeWith(GraphUpdate other) {
    if (!id().equals(other.id())
        || element() != other.element()
        || !type().equals(other.type())
        || !Objects.equals(src(), other.src())
        || !Objects.equals(dst(), other.dst())) {
      throw new IllegalArgumentException(
          "cannot merge updates of different elements: " + id() + " and " + other.id());
    }
    // Most merges add nothing (a heartbeat re-states what the buffer holds): find that out
    // before copying the property maps, and hand back this update unchanged.
    TreeMap<String, String> properties = null;
    TreeMap<String, Instant> times = null;
    for (Map.Entry<String, String> entry : other.properties().entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      Instant time = other.propertyTimes().get(key);
      Instant currentTime = times == null ? propertyTimes().get(key) : times.get(key);
      String current = properties == null ? properties().get(key) : properties.get(key);
      if (currentTime == null || wins(time, value, currentTime, current)) {
        if (properties == null) {
          properties = new TreeMap<>(properties());
          times = new TreeMap<>(propertyTimes());
        }
        properties.put(key, value);
        times.put(key, time);
      }
    }
    Instant firstSeen = firstSeen().isBefore(other.firstSeen()) ? firstSeen() : other.firstSeen();
    Instant lastSeen = lastSeen().isAfter(other.lastSeen()) ? lastSeen() : other.lastSeen();
    String sourceTopic = latestSourceTopic(other);
    if (properties == null
        && firstSeen.equals(firstSeen())
        && lastSeen.equals(lastSeen())
        && sourceTopic.equals(sourceTopic())) {
      return this;
    }
    return new AutoValue_GraphUpdate(
        element(),
        type(),
        id(),
        src(),
        dst(),
        properties == null ? properties() : Collections.unmodifiableSortedMap(properties),
        times == null ? propertyTimes() : Collections.unmodifiableSortedMap(times),
        firstSeen,
        lastSeen,
        sourceTopic);
  }

  private String latestSourceTopic(GraphUpdate other) {
    int byTime = lastSeen().compareTo(other.lastSeen());
    if (byTime != 0) {
      return byTime > 0 ? sourceTopic() : other.sourceTopic();
    }
    return sourceTopic().compareTo(other.sourceTopic()) >= 0 ? sourceTopic() : other.sourceTopic();
  }

  /** Whether the candidate value replaces the current one in a last-writer-wins register. */
  static boolean wins(
      Instant candidateTime, String candidate, Instant currentTime, String current) {
    int byTime = candidateTime.compareTo(currentTime);
    if (byTime != 0) {
      return byTime > 0;
    }
    return compareJsonText(candidate, current) > 0;
  }

  /**
   * Compares two string values by their JSON text exactly as the update records carry it (quotes
   * and escapes included, see {@link GraphUpdateJson#wireText}), code point by code point: what a
   * consumer applying the contract's rule to the records it reads compares. UTF-8 bytes compared
   * unsigned are in code point order.
   */
  static int compareJsonText(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    return Arrays.compareUnsigned(GraphUpdateJson.wireText(a), GraphUpdateJson.wireText(b));
  }
}
