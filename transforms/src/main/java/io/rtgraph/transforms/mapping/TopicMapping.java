package io.rtgraph.transforms.mapping;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One source topic's mapping file, read and checked by {@link MappingLoader}: its fields, drop
 * rules, catalog joins, node and edge templates and the merge's co-location key. It is only a
 * description; {@link CompiledMapping} turns it into the accessors the pipeline runs.
 */
public record TopicMapping(
    String topic,
    String stepName,
    List<Field> fields,
    List<DropRule> drop,
    List<Join> joins,
    List<NodeTemplate> nodes,
    List<EdgeTemplate> edges,
    @Nullable Colocation colocation)
    implements Serializable {

  /** The field every event must carry as its event time. */
  public static final String EVENT_TIME = "eventTime";

  public TopicMapping {
    fields = List.copyOf(fields);
    drop = List.copyOf(drop);
    joins = List.copyOf(joins);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** The dead-letter topic of this source: {@code <topic>.dlq}. */
  public String deadLetterTopic() {
    return topic + ".dlq";
  }

  public @Nullable Field field(String name) {
    for (Field field : fields) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    return null;
  }

  /** The value types a field may have. */
  public enum FieldType {
    STRING,
    INTEGER,
    BOOLEAN,
    INSTANT,
    ENUM
  }

  /**
   * A field of the event. A string or enum field that is empty counts as absent; {@code values}
   * lists an enum's allowed values, {@code min} and {@code max} bound an integer.
   */
  public record Field(
      String name,
      FieldType type,
      boolean required,
      List<String> values,
      @Nullable Long min,
      @Nullable Long max)
      implements Serializable {
    public Field {
      values = List.copyOf(values);
    }
  }

  /** {@code <reference> == <literal>} or, with {@code negated}, {@code !=}. */
  public record Condition(String reference, boolean negated, String literal)
      implements Serializable {
    @Override
    public String toString() {
      return reference + (negated ? " != " : " == ") + literal;
    }
  }

  /** Drops the events matching {@code when}, counting them under {@code counter}. */
  public record DropRule(Condition when, String counter) implements Serializable {}

  /**
   * Looks up {@code on} (an event field, or an earlier join's field) in {@code catalog}; templates
   * read the entry's fields as {@code <name>.<field>}.
   */
  public record Join(String name, CatalogKind catalog, String on) implements Serializable {}

  /** A node {@code <type>:<id>} with properties, when its id is present and {@code when} holds. */
  public record NodeTemplate(
      String type, String id, @Nullable Condition when, Map<String, String> properties)
      implements Serializable {
    public NodeTemplate {
      properties = Map.copyOf(properties);
    }
  }

  /**
   * An edge between the nodes this mapping declares for the types {@code from} and {@code to}, when
   * both are emitted for the event and {@code when} holds.
   */
  public record EdgeTemplate(
      String type, String from, String to, @Nullable Condition when, Map<String, String> properties)
      implements Serializable {
    public EdgeTemplate {
      properties = Map.copyOf(properties);
    }
  }

  /**
   * The merge keeps the node of type {@code by}, the nodes of the types in {@code with}, and every
   * edge leaving one of them, under the id of the event's {@code by} node; everything else under
   * its own id. The updates are CRDTs, so the choice changes the cost of the merge, not the graph:
   * one member's elements cross the shuffle as one element, with one state entry and one timer.
   */
  public record Colocation(String by, List<String> with) implements Serializable {
    public Colocation {
      with = List.copyOf(with);
    }
  }
}
