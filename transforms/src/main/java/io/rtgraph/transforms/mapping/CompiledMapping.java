package io.rtgraph.transforms.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.rtgraph.model.Catalogs;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.InvalidEventException;
import io.rtgraph.model.IsoInstants;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.Utf8;
import io.rtgraph.transforms.mapping.TopicMapping.Condition;
import io.rtgraph.transforms.mapping.TopicMapping.EdgeTemplate;
import io.rtgraph.transforms.mapping.TopicMapping.Field;
import io.rtgraph.transforms.mapping.TopicMapping.FieldType;
import io.rtgraph.transforms.mapping.TopicMapping.Join;
import io.rtgraph.transforms.mapping.TopicMapping.NodeTemplate;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A {@link TopicMapping} turned, once, into what runs per element: a field table for the streaming
 * JSON reader, and for every condition, join key, node id and property an accessor that reads one
 * array slot. Nothing is looked up by name, parsed or interpreted per event.
 *
 * <p>It is what the transforms hold and ship to the workers. Only the description is serialized;
 * each deserialized copy compiles itself again ({@link #readResolve}).
 */
public final class CompiledMapping implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private final TopicMapping mapping;
  private final transient String topic;
  private final transient Field[] fields;
  private final transient Map<String, Integer> slotByName;
  private final transient int eventTimeSlot;
  private final transient Predicate[] dropRules;
  private final transient JoinStep[] joins;
  private final transient CompiledNode[] nodes;
  private final transient CompiledEdge[] edges;

  private CompiledMapping(TopicMapping mapping) {
    this.mapping = mapping;
    this.topic = mapping.topic();
    this.fields = mapping.fields().toArray(new Field[0]);
    this.slotByName = new HashMap<>();
    for (int i = 0; i < fields.length; i++) {
      slotByName.put(fields[i].name(), i);
    }
    this.eventTimeSlot = slotByName.get(TopicMapping.EVENT_TIME);
    Map<String, Integer> joinByName = new HashMap<>();
    for (int i = 0; i < mapping.joins().size(); i++) {
      joinByName.put(mapping.joins().get(i).name(), i);
    }
    this.dropRules = new Predicate[mapping.drop().size()];
    for (int i = 0; i < dropRules.length; i++) {
      dropRules[i] = predicate(mapping.drop().get(i).when(), joinByName);
    }
    this.joins = new JoinStep[mapping.joins().size()];
    for (int i = 0; i < joins.length; i++) {
      Join join = mapping.joins().get(i);
      joins[i] = new JoinStep(join.catalog(), reference(join.on(), joinByName));
    }
    Map<String, Integer> nodeByType = new HashMap<>();
    this.nodes = new CompiledNode[mapping.nodes().size()];
    for (int i = 0; i < nodes.length; i++) {
      NodeTemplate node = mapping.nodes().get(i);
      nodeByType.put(node.type(), i);
      nodes[i] =
          new CompiledNode(
              node.type() + ':',
              node.type(),
              reference(node.id(), joinByName),
              node.when() == null ? null : predicate(node.when(), joinByName),
              properties(node.properties(), joinByName));
    }
    this.edges = new CompiledEdge[mapping.edges().size()];
    for (int i = 0; i < edges.length; i++) {
      EdgeTemplate edge = mapping.edges().get(i);
      edges[i] =
          new CompiledEdge(
              edge.type(),
              edge.type() + ':',
              nodeByType.get(edge.from()),
              nodeByType.get(edge.to()),
              edge.when() == null ? null : predicate(edge.when(), joinByName),
              properties(edge.properties(), joinByName));
    }
  }

  /** Compiles a mapping that {@link MappingLoader} has checked. */
  public static CompiledMapping of(TopicMapping mapping) {
    return new CompiledMapping(mapping);
  }

  private Object readResolve() {
    return new CompiledMapping(mapping);
  }

  public TopicMapping mapping() {
    return mapping;
  }

  public String topic() {
    return topic;
  }

  // ---------------------------------------------------------------- parse

  /**
   * Parses and validates one record value against the mapping's fields, in the order of PRODUCT.md
   * "Bad input": valid UTF-8, one JSON object, no field of the wrong type, every required field
   * present and non-empty (in declaration order), a parseable {@code eventTime}, enum values and
   * integer ranges kept (in declaration order). Unknown fields are ignored.
   *
   * @throws InvalidEventException with the dead-letter reason and a message naming the field
   */
  public MappedEvent parse(byte @Nullable [] value) throws InvalidEventException {
    if (value == null) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_A_JSON_OBJECT, "value is null (a tombstone), not a JSON object");
    }
    int badByte = Utf8.firstInvalidOffset(value);
    if (badByte >= 0) {
      throw new InvalidEventException(
          DeadLetterReason.INVALID_UTF8,
          "value is not valid UTF-8: malformed byte sequence at offset " + badByte);
    }
    Object[] values = new Object[fields.length];
    String typeError = readObject(value, values);
    if (typeError != null) {
      throw new InvalidEventException(DeadLetterReason.WRONG_FIELD_TYPE, typeError);
    }
    for (int i = 0; i < fields.length; i++) {
      Field field = fields[i];
      Object v = values[i];
      boolean empty = v instanceof String && ((String) v).isEmpty();
      if (field.required()) {
        if (v == null) {
          throw new InvalidEventException(
              DeadLetterReason.MISSING_FIELD, "required field '" + field.name() + "' is missing");
        }
        if (empty) {
          throw new InvalidEventException(
              DeadLetterReason.MISSING_FIELD, "required field '" + field.name() + "' is empty");
        }
      } else if (empty) {
        values[i] = null; // an empty optional string means absent
      }
    }
    Instant eventTime;
    try {
      eventTime = IsoInstants.parse((String) values[eventTimeSlot]);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(
          DeadLetterReason.INVALID_EVENT_TIME, "field 'eventTime' is invalid: " + e.getMessage());
    }
    values[eventTimeSlot] = eventTime;
    for (int i = 0; i < fields.length; i++) {
      checkAllowed(fields[i], values[i]);
    }
    return MappedEvent.of(eventTime, values);
  }

  /**
   * An enum value outside its list, or an integer outside its range. Both are {@link
   * DeadLetterReason#INVALID_ACTION}: the reason's name predates the mapping files, and dead-letter
   * consumers and counters key on it.
   */
  private void checkAllowed(Field field, @Nullable Object value) throws InvalidEventException {
    if (value == null) {
      return;
    }
    if (field.type() == FieldType.ENUM && !field.values().contains(value)) {
      throw new InvalidEventException(
          DeadLetterReason.INVALID_ACTION,
          "field '"
              + field.name()
              + "' is '"
              + value
              + "'; "
              + topic
              + " allows "
              + String.join(", ", field.values()));
    }
    if (field.type() == FieldType.INTEGER) {
      long number = (Long) value;
      Long min = field.min();
      Long max = field.max();
      if ((min != null && number < min) || (max != null && number > max)) {
        throw new InvalidEventException(
            DeadLetterReason.INVALID_ACTION,
            "field '"
                + field.name()
                + "' is "
                + number
                + "; "
                + topic
                + " allows "
                + (min == null
                    ? "at most " + max
                    : max == null ? "at least " + min : min + " to " + max));
      }
    }
  }

  /**
   * Reads the declared fields into their slots; returns the first type error, in document order.
   */
  private @Nullable String readObject(byte[] value, Object[] values) throws InvalidEventException {
    String typeError = null;
    try (JsonParser parser = JSON.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidEventException(
            DeadLetterReason.NOT_A_JSON_OBJECT,
            first == null
                ? "value is empty, not a JSON object"
                : "value is JSON " + describe(first) + ", not a JSON object");
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        Integer slot = slotByName.get(parser.currentName());
        JsonToken valueToken = parser.nextToken();
        if (slot == null) {
          parser.skipChildren(); // unknown fields are ignored, as the contract says
          continue;
        }
        Field field = fields[slot];
        values[slot] = null;
        String error = null;
        // A null is an absent value, not a wrong type: the required-field check judges it.
        if (valueToken != JsonToken.VALUE_NULL) {
          switch (field.type()) {
            case INTEGER:
              if (valueToken != JsonToken.VALUE_NUMBER_INT) {
                error = typeError(field, "an integer", valueToken);
                break;
              }
              try {
                values[slot] = parser.getLongValue();
              } catch (InputCoercionException e) {
                error = typeError(field, "an integer within 64 bits", valueToken);
              }
              break;
            case BOOLEAN:
              if (valueToken == JsonToken.VALUE_TRUE || valueToken == JsonToken.VALUE_FALSE) {
                values[slot] = valueToken == JsonToken.VALUE_TRUE;
              } else {
                error = typeError(field, "a boolean", valueToken);
              }
              break;
            default:
              if (valueToken == JsonToken.VALUE_STRING) {
                values[slot] = parser.getText();
              } else {
                error = typeError(field, "a string", valueToken);
              }
              break;
          }
        }
        if (error != null) {
          parser.skipChildren();
          if (typeError == null) {
            typeError = error;
          }
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw new InvalidEventException(
            DeadLetterReason.NOT_A_JSON_OBJECT, "value is not a JSON object");
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidEventException(
            DeadLetterReason.NOT_A_JSON_OBJECT,
            "value has content after the JSON object: " + describe(trailing));
      }
    } catch (JsonParseException e) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_A_JSON_OBJECT,
          "value is not valid JSON: "
              + e.getOriginalMessage()
              + " at "
              + (e.getLocation() == null
                  ? "unknown position"
                  : "byte " + e.getLocation().getByteOffset()));
    } catch (IOException e) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_A_JSON_OBJECT, "value is not valid JSON: " + e.getMessage());
    }
    return typeError;
  }

  private static String typeError(Field field, String expected, JsonToken actual) {
    return "field '" + field.name() + "' must be " + expected + ", but is " + describe(actual);
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_ARRAY:
        return "array";
      case VALUE_STRING:
        return "string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean";
      case VALUE_NULL:
        return "null";
      case START_OBJECT:
        return "object";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }

  // ---------------------------------------------------------------- filter

  public int dropRuleCount() {
    return dropRules.length;
  }

  /** The counter name of each drop rule, in order. */
  public String dropCounter(int rule) {
    return mapping.drop().get(rule).counter();
  }

  /** The first drop rule the event matches, or -1 to keep it. */
  public int firstMatchingDropRule(MappedEvent event) {
    for (int i = 0; i < dropRules.length; i++) {
      if (dropRules[i].test(event)) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- joins

  public boolean hasJoins() {
    return joins.length > 0;
  }

  public int joinCount() {
    return joins.length;
  }

  public CatalogKind joinCatalog(int join) {
    return joins[join].catalog();
  }

  /**
   * The event with each join's catalog entry. {@code lookups} receives, per join with a key,
   * whether the catalog had it: the hit and miss counters; a join whose key is absent looks nothing
   * up.
   */
  public MappedEvent join(MappedEvent event, Catalogs catalogs, JoinListener lookups) {
    Object[] entries = new Object[joins.length];
    MappedEvent partial = event.withJoined(entries); // later joins may key on earlier entries
    for (int i = 0; i < joins.length; i++) {
      JoinStep join = joins[i];
      String key = join.key().get(partial);
      if (key != null) {
        entries[i] = join.catalog().lookup(catalogs, key);
        lookups.looked(i, entries[i] != null);
      }
    }
    return partial;
  }

  /** Told of every catalog lookup. */
  @FunctionalInterface
  public interface JoinListener {
    void looked(int join, boolean hit);
  }

  // ---------------------------------------------------------------- graph

  /** The raw graph updates of one (joined) event, all at its event time. */
  public List<GraphUpdate> updatesFor(MappedEvent event) {
    Instant time = event.eventTime();
    List<GraphUpdate> updates = new ArrayList<>(nodes.length + edges.length);
    String[] nodeIds = new String[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      CompiledNode node = nodes[i];
      String naturalId = node.id().get(event);
      if (naturalId == null || (node.when() != null && !node.when().test(event))) {
        continue;
      }
      String id = node.idPrefix() + naturalId;
      nodeIds[i] = id;
      updates.add(
          GraphUpdate.fromEvent(
              GraphUpdate.Element.NODE,
              node.type(),
              id,
              null,
              null,
              time,
              topic,
              node.properties().of(event)));
    }
    for (CompiledEdge edge : edges) {
      String src = nodeIds[edge.from()];
      String dst = nodeIds[edge.to()];
      if (src == null || dst == null || (edge.when() != null && !edge.when().test(event))) {
        continue;
      }
      updates.add(
          GraphUpdate.fromEvent(
              GraphUpdate.Element.EDGE,
              edge.type(),
              edge.idPrefix() + src + "->" + dst,
              src,
              dst,
              time,
              topic,
              edge.properties().of(event)));
    }
    return updates;
  }

  // ---------------------------------------------------------------- compilation

  private Reference reference(String reference, Map<String, Integer> joinByName) {
    int dot = reference.indexOf('.');
    if (dot < 0) {
      int slot = slotByName.get(reference);
      return event -> text(event.value(slot));
    }
    int join = joinByName.get(reference.substring(0, dot));
    CatalogKind.EntryField field =
        mapping.joins().get(join).catalog().field(reference.substring(dot + 1));
    return event -> {
      Object entry = event.joined(join);
      return entry == null ? null : field.get(entry);
    };
  }

  private Predicate predicate(Condition condition, Map<String, Integer> joinByName) {
    boolean negated = condition.negated();
    String reference = condition.reference();
    if (reference.indexOf('.') < 0) {
      int slot = slotByName.get(reference);
      Object expected = typed(fields[slot], condition.literal());
      return event -> negated != expected.equals(event.value(slot));
    }
    Reference value = reference(reference, joinByName);
    String expected = condition.literal();
    return event -> negated != expected.equals(value.get(event));
  }

  private static Object typed(Field field, String literal) {
    switch (field.type()) {
      case BOOLEAN:
        return Boolean.valueOf(literal);
      case INTEGER:
        return Long.valueOf(literal);
      default:
        return literal;
    }
  }

  private Properties properties(Map<String, String> properties, Map<String, Integer> joinByName) {
    TreeMap<String, String> sorted = new TreeMap<>(properties);
    String[] names = sorted.keySet().toArray(new String[0]);
    Reference[] references = new Reference[names.length];
    for (int i = 0; i < names.length; i++) {
      references[i] = reference(sorted.get(names[i]), joinByName);
    }
    return new Properties(names, references);
  }

  private static @Nullable String text(@Nullable Object value) {
    return value == null ? null : value instanceof String ? (String) value : value.toString();
  }

  /**
   * A value an event yields for a template: a field, or a joined entry's field; null when absent.
   */
  @FunctionalInterface
  private interface Reference {
    @Nullable String get(MappedEvent event);
  }

  @FunctionalInterface
  private interface Predicate {
    boolean test(MappedEvent event);
  }

  private record JoinStep(CatalogKind catalog, Reference key) {}

  private static final class Properties {
    final String[] names;
    final Reference[] references;

    Properties(String[] names, Reference[] references) {
      this.names = names;
      this.references = references;
    }

    Map<String, String> of(MappedEvent event) {
      if (names.length == 0) {
        return Map.of();
      }
      Map<String, String> properties = new TreeMap<>();
      for (int i = 0; i < names.length; i++) {
        String value = references[i].get(event);
        if (value != null) {
          properties.put(names[i], value);
        }
      }
      return properties;
    }
  }

  private record CompiledNode(
      String idPrefix,
      String type,
      Reference id,
      @Nullable Predicate when,
      Properties properties) {}

  private record CompiledEdge(
      String type,
      String idPrefix,
      int from,
      int to,
      @Nullable Predicate when,
      Properties properties) {}
}
