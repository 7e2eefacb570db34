package io.rtgraph.tools.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.tools.oracle.MappingTable.Observation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The materialized graph as PRODUCT.md defines it, folded one observation at a time: per element,
 * {@code firstSeen} is the least and {@code lastSeen} the greatest event time seen, and each
 * property holds the value with the latest event time, the one whose JSON text is lexicographically
 * greater on equal times. Plain maps and longs; none of the model's merge code.
 */
public final class OracleGraph {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private record Register(String value, long time) {}

  private static final class Element {
    final Observation identity;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    String sourceTopic;
    final SortedMap<String, Register> properties = new TreeMap<>();

    Element(Observation identity) {
      this.identity = identity;
    }
  }

  private final SortedMap<String, Element> elements = new TreeMap<>();

  /**
   * Folds in what one event at {@code eventTime} (epoch milliseconds) of {@code topic} says of an
   * element.
   */
  public void add(Observation seen, long eventTime, String topic) {
    Element element = elements.computeIfAbsent(seen.id(), id -> new Element(seen));
    // PRODUCT.md leaves the sourceTopic of an element seen on several topics open; this follows the
    // project's documented choice (GraphUpdate's Javadoc): the topic of the latest event, the
    // greater name on equal times.
    if (eventTime > element.lastSeen
        || (eventTime == element.lastSeen && topic.compareTo(element.sourceTopic) > 0)) {
      element.sourceTopic = topic;
    }
    element.firstSeen = Math.min(element.firstSeen, eventTime);
    element.lastSeen = Math.max(element.lastSeen, eventTime);
    for (Map.Entry<String, String> property : seen.properties().entrySet()) {
      Register current = element.properties.get(property.getKey());
      if (current == null
          || eventTime > current.time()
          || (eventTime == current.time()
              && compareJsonText(property.getValue(), current.value()) > 0)) {
        element.properties.put(property.getKey(), new Register(property.getValue(), eventTime));
      }
    }
  }

  public int size() {
    return elements.size();
  }

  public long nodeCount() {
    return elements.values().stream().filter(e -> "node".equals(e.identity.element())).count();
  }

  public long edgeCount() {
    return size() - nodeCount();
  }

  /** Every element as an update record in PRODUCT.md's JSON form, one per line, by id. */
  public List<String> toJsonLines() {
    List<String> lines = new ArrayList<>();
    for (Element element : elements.values()) {
      Observation identity = element.identity;
      ObjectNode json = JSON.createObjectNode();
      json.put("element", identity.element());
      json.put("type", identity.type());
      json.put("id", identity.id());
      if (identity.src() != null) {
        json.put("src", identity.src());
        json.put("dst", identity.dst());
      }
      ObjectNode properties = json.putObject("properties");
      ObjectNode propertyTimes = json.putObject("propertyTimes");
      element.properties.forEach(
          (key, register) -> {
            properties.put(key, register.value());
            propertyTimes.put(key, iso(register.time()));
          });
      json.put("firstSeen", iso(element.firstSeen));
      json.put("lastSeen", iso(element.lastSeen));
      json.put("sourceTopic", element.sourceTopic);
      try {
        lines.add(JSON.writeValueAsString(json));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write element " + identity.id(), e);
      }
    }
    return lines;
  }

  /**
   * Every element on one line, by id: {@code node Title:t42 2026-..Z..2026-..Z member.playback
   * {genre=sci-fi@2026-..Z, ...}}: the form the oracle's own tests write their expectations in.
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Element element : elements.values()) {
      List<String> properties = new ArrayList<>();
      element.properties.forEach(
          (key, register) ->
              properties.add(key + "=" + register.value() + "@" + iso(register.time())));
      lines.add(
          String.format(
              "%s %s %s..%s %s {%s}",
              element.identity.element(),
              element.identity.id(),
              iso(element.firstSeen),
              iso(element.lastSeen),
              element.sourceTopic,
              String.join(", ", properties)));
    }
    return lines;
  }

  /**
   * The same graph as the model's value type, for the comparisons the tests and the demo make. Each
   * id becomes one {@link GraphUpdate}, so {@link MaterializedGraph#add} never merges anything.
   */
  public MaterializedGraph toMaterializedGraph() {
    MaterializedGraph graph = new MaterializedGraph();
    for (Element element : elements.values()) {
      Map<String, String> values = new TreeMap<>();
      Map<String, org.joda.time.Instant> times = new TreeMap<>();
      element.properties.forEach(
          (key, register) -> {
            values.put(key, register.value());
            times.put(key, new org.joda.time.Instant(register.time()));
          });
      Observation identity = element.identity;
      graph.add(
          GraphUpdate.create(
              GraphUpdate.Element.fromJsonName(identity.element()),
              identity.type(),
              identity.id(),
              identity.src(),
              identity.dst(),
              values,
              times,
              new org.joda.time.Instant(element.firstSeen),
              new org.joda.time.Instant(element.lastSeen),
              element.sourceTopic));
    }
    if (graph.updatesFolded() != elements.size() || graph.size() != elements.size()) {
      throw new IllegalStateException("the oracle's elements must have distinct ids");
    }
    return graph;
  }

  /**
   * Compares the JSON texts of two string values (quotes and escapes included) as UTF-8 bytes, that
   * is by code point. The text is what Jackson's UTF-8 writer makes of the value, which escapes a
   * character outside the BMP as two {@code \\uXXXX}: PRODUCT.md does not say which escapes "the
   * JSON text" uses, and this is the text the update records on the graph topics carry.
   */
  static int compareJsonText(String a, String b) {
    try {
      return Arrays.compareUnsigned(JSON.writeValueAsBytes(a), JSON.writeValueAsBytes(b));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string value has no JSON text", e);
    }
  }

  private static String iso(long epochMillis) {
    return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }
}
