package io.rtgraph.transforms.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rtgraph.model.EdgeType;
import io.rtgraph.transforms.mapping.TopicMapping.Colocation;
import io.rtgraph.transforms.mapping.TopicMapping.Condition;
import io.rtgraph.transforms.mapping.TopicMapping.DropRule;
import io.rtgraph.transforms.mapping.TopicMapping.EdgeTemplate;
import io.rtgraph.transforms.mapping.TopicMapping.Field;
import io.rtgraph.transforms.mapping.TopicMapping.FieldType;
import io.rtgraph.transforms.mapping.TopicMapping.Join;
import io.rtgraph.transforms.mapping.TopicMapping.NodeTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a topic mapping file (YAML) and checks it before anything runs: first against the JSON
 * Schema {@value #SCHEMA_RESOURCE} (structure, names, value types), then the cross-references no
 * schema can express: a template naming an unknown field or join, an edge endpoint that no node
 * declares, a condition or join whose value type does not fit its field, a node or edge type
 * declared twice, an edge type whose endpoints contradict the built-in graph, a co-location key on
 * an undeclared node type. Every fault is reported with the file and line, all at once.
 */
public final class MappingLoader {
  /** The schema, on the class path and in the repository under transforms/src/main/resources. */
  public static final String SCHEMA_RESOURCE =
      "/io/rtgraph/transforms/mapping/topic-mapping.schema.json";

  private static final Pattern CONDITION =
      Pattern.compile(
          "^\\s*([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)?)\\s*(==|!=)\\s*(\\S+)\\s*$");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchema SCHEMA = loadSchema();

  private MappingLoader() {}

  /** Reads and checks the mapping file at this path. */
  public static TopicMapping load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read topic mapping " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads and checks mapping text; {@code source} names it in errors. */
  public static TopicMapping parse(String source, String yaml) {
    JsonNode root;
    Map<String, Integer> lines = new HashMap<>();
    try {
      root = YAML.readTree(yaml);
      try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
        if (parser.nextToken() != null) {
          recordLines(parser, "", lines);
        }
      }
    } catch (IOException e) {
      throw new MappingException(source, List.of(source + ": not valid YAML: " + e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new MappingException(source, List.of(source + ":1: the file is empty"));
    }
    Problems problems = new Problems(source, lines);
    Set<ValidationMessage> schemaErrors = SCHEMA.validate(root);
    for (ValidationMessage error : schemaErrors) {
      problems.add(error.getPath(), error.getMessage());
    }
    problems.throwIfAny();
    TopicMapping mapping = new Reader(problems).read(root);
    problems.throwIfAny();
    return mapping;
  }

  /** The line of every value, by JSON pointer, from the parser's token locations. */
  private static void recordLines(JsonParser parser, String pointer, Map<String, Integer> lines)
      throws IOException {
    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String child = pointer + "/" + parser.currentName().replace("~", "~0").replace("/", "~1");
        lines.put(child, parser.currentTokenLocation().getLineNr());
        parser.nextToken();
        recordLines(parser, child, lines);
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        recordLines(parser, pointer + "/" + index++, lines);
      }
    }
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = MappingLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the topic mapping schema " + SCHEMA_RESOURCE + " is not on the class path");
      }
      SchemaValidatorsConfig config = new SchemaValidatorsConfig();
      config.setPathType(PathType.JSON_POINTER);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The faults found so far, each placed on the line of the nearest value a pointer names. */
  private static final class Problems {
    private final String source;
    private final Map<String, Integer> lines;
    private final TreeMap<Integer, List<String>> byLine = new TreeMap<>();

    Problems(String source, Map<String, Integer> lines) {
      this.source = source;
      this.lines = lines;
    }

    void add(String pointer, String message) {
      String at = pointer;
      while (!lines.containsKey(at) && at.contains("/")) {
        at = at.substring(0, at.lastIndexOf('/'));
      }
      int line = lines.getOrDefault(at, 1);
      byLine
          .computeIfAbsent(line, l -> new ArrayList<>())
          .add(source + ":" + line + ": " + message);
    }

    void throwIfAny() {
      if (!byLine.isEmpty()) {
        List<String> all = new ArrayList<>();
        byLine.values().forEach(all::addAll);
        throw new MappingException(source, all);
      }
    }
  }

  /** Builds the mapping from a schema-valid tree, checking every cross-reference. */
  private static final class Reader {
    private final Problems problems;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Map<String, Join> joins = new LinkedHashMap<>();
    private final Map<String, NodeTemplate> nodes = new LinkedHashMap<>();
    private final Set<String> edgeTypes = new TreeSet<>();

    Reader(Problems problems) {
      this.problems = problems;
    }

    TopicMapping read(JsonNode root) {
      List<Field> fieldList = readFields(root.path("fields"));
      List<DropRule> drop =
          readEach(
              root.path("drop"),
              "/drop",
              (node, at) ->
                  new DropRule(
                      condition(node.path("when").asText(), at + "/when", false),
                      node.path("counter").asText()));
      checkUnique(
          drop.stream().map(DropRule::counter).toList(), "/drop", "counter", "drop rule counter");
      List<Join> joinList = readEach(root.path("joins"), "/joins", this::readJoin);
      List<NodeTemplate> nodeList = readEach(root.path("nodes"), "/nodes", this::readNode);
      List<EdgeTemplate> edgeList = readEach(root.path("edges"), "/edges", this::readEdge);
      Colocation colocation = root.has("colocate") ? readColocation(root.path("colocate")) : null;
      return new TopicMapping(
          root.path("topic").asText(),
          root.path("stepName").asText(),
          fieldList,
          drop,
          joinList,
          nodeList,
          edgeList,
          colocation);
    }

    private List<Field> readFields(JsonNode array) {
      List<Field> list =
          readEach(
              array,
              "/fields",
              (node, at) -> {
                String name = node.path("name").asText();
                FieldType type =
                    FieldType.valueOf(node.path("type").asText().toUpperCase(Locale.ROOT));
                List<String> values = new ArrayList<>();
                node.path("values").forEach(value -> values.add(value.asText()));
                Long min = node.has("min") ? node.path("min").asLong() : null;
                Long max = node.has("max") ? node.path("max").asLong() : null;
                if (min != null && max != null && min > max) {
                  problems.add(
                      at + "/min",
                      "field '" + name + "': min " + min + " is greater than max " + max);
                }
                Field field =
                    new Field(name, type, node.path("required").asBoolean(false), values, min, max);
                if (fields.putIfAbsent(name, field) != null) {
                  problems.add(at + "/name", "field '" + name + "' is declared twice");
                }
                if (type == FieldType.INSTANT && !name.equals(TopicMapping.EVENT_TIME)) {
                  problems.add(
                      at + "/type",
                      "field '"
                          + name
                          + "': only '"
                          + TopicMapping.EVENT_TIME
                          + "' may be an instant");
                }
                return field;
              });
      Field eventTime = fields.get(TopicMapping.EVENT_TIME);
      if (eventTime == null || eventTime.type() != FieldType.INSTANT || !eventTime.required()) {
        problems.add(
            "/fields",
            "the fields must include '"
                + TopicMapping.EVENT_TIME
                + "' as a required instant: it is the event time");
      }
      return list;
    }

    private Join readJoin(JsonNode node, String at) {
      String name = node.path("name").asText();
      CatalogKind catalog = CatalogKind.fromMappingName(node.path("catalog").asText());
      String on = node.path("on").asText();
      String what = "join '" + name + "'";
      textReference(on, at + "/on", what, what + " keys on", "a catalog id is a string");
      if (fields.containsKey(name)) {
        problems.add(
            at + "/name",
            "join '" + name + "' has the name of a field; templates could not tell them apart");
      }
      Join join = new Join(name, catalog, on);
      if (joins.putIfAbsent(name, join) != null) {
        problems.add(at + "/name", "join '" + name + "' is declared twice");
      }
      return join;
    }

    private NodeTemplate readNode(JsonNode node, String at) {
      String type = node.path("type").asText();
      String what = "node '" + type + "'";
      String id = node.path("id").asText();
      textReference(id, at + "/id", what + " id", what + " takes its id from", "an id is a string");
      Condition when = optionalWhen(node, at);
      NodeTemplate template =
          new NodeTemplate(type, id, when, properties(node.path("properties"), at, what));
      if (nodes.putIfAbsent(type, template) != null) {
        problems.add(
            at + "/type",
            what
                + " is declared twice; an edge endpoint names a node type, so each type is declared once");
      }
      return template;
    }

    private EdgeTemplate readEdge(JsonNode node, String at) {
      String type = node.path("type").asText();
      String what = "edge '" + type + "'";
      String from = node.path("from").asText();
      String to = node.path("to").asText();
      endpoint(from, at + "/from", what);
      endpoint(to, at + "/to", what);
      EdgeType builtIn = builtInEdge(type);
      if (builtIn != null
          && (!builtIn.sourceType().typeName().equals(from)
              || !builtIn.targetType().typeName().equals(to))) {
        problems.add(
            at + "/type",
            what
                + " goes "
                + from
                + "->"
                + to
                + ", but the graph's "
                + type
                + " edges go "
                + builtIn.sourceType().typeName()
                + "->"
                + builtIn.targetType().typeName());
      }
      if (!edgeTypes.add(type)) {
        problems.add(at + "/type", what + " is declared twice");
      }
      Condition when = optionalWhen(node, at);
      return new EdgeTemplate(type, from, to, when, properties(node.path("properties"), at, what));
    }

    private Colocation readColocation(JsonNode colocate) {
      String by = colocate.path("by").asText();
      nodeType(by, "/colocate/by", "colocate", "keys on");
      List<String> with =
          readEach(
              colocate.path("with"),
              "/colocate/with",
              (node, at) -> {
                nodeType(node.asText(), at, "colocate", "keeps");
                return node.asText();
              });
      return new Colocation(by, with);
    }

    /** A template's {@code when}, if it has one; unlike a drop rule's, it may test a join. */
    private @Nullable Condition optionalWhen(JsonNode template, String at) {
      return template.has("when")
          ? condition(template.path("when").asText(), at + "/when", true)
          : null;
    }

    private void endpoint(String nodeType, String at, String what) {
      nodeType(nodeType, at, what, "ends at");
    }

    private void nodeType(String nodeType, String at, String what, String verb) {
      if (!nodes.containsKey(nodeType)) {
        problems.add(
            at,
            what
                + " "
                + verb
                + " node type '"
                + nodeType
                + "', which no node of this mapping declares (declared: "
                + String.join(", ", nodes.keySet())
                + ")");
      }
    }

    private Map<String, String> properties(JsonNode object, String at, String what) {
      Map<String, String> properties = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        String reference = entry.getValue().asText();
        reference(
            reference,
            at + "/properties/" + entry.getKey(),
            what + " property '" + entry.getKey() + "'");
        properties.put(entry.getKey(), reference);
      }
      return properties;
    }

    /**
     * Checks that a reference names a declared field or catalog field holding a string, as a
     * catalog key and an element id must: {@code uses} and {@code why} frame the error.
     */
    private void textReference(String reference, String at, String what, String uses, String why) {
      ValueType type = reference(reference, at, what);
      if (type != null && type != ValueType.TEXT) {
        problems.add(at, uses + " '" + reference + "', " + type.description + "; " + why);
      }
    }

    /**
     * Checks that a reference names a declared field or a declared join's catalog field, and gives
     * its type; a reference that names nothing readable is reported, and has no type to check
     * further.
     */
    private @Nullable ValueType reference(String reference, String at, String what) {
      String unresolved;
      int dot = reference.indexOf('.');
      if (dot < 0) {
        Field field = fields.get(reference);
        if (field != null) {
          return ValueType.of(field.type());
        }
        unresolved =
            "which is no declared field (fields: "
                + String.join(", ", fields.keySet())
                + (joins.isEmpty() ? "" : "; a catalog field is <join>.<field>")
                + ")";
      } else {
        String joinName = reference.substring(0, dot);
        String catalogField = reference.substring(dot + 1);
        Join join = joins.get(joinName);
        if (join == null) {
          unresolved =
              "but no earlier join is named '"
                  + joinName
                  + "' (joins: "
                  + String.join(", ", joins.keySet())
                  + ")";
        } else if (!join.catalog().fields().contains(catalogField)) {
          unresolved =
              "but the "
                  + join.catalog().mappingName()
                  + " catalog has no field '"
                  + catalogField
                  + "' (it has "
                  + String.join(", ", join.catalog().fields())
                  + ")";
        } else {
          return ValueType.TEXT;
        }
      }
      problems.add(at, what + " reads '" + reference + "', " + unresolved);
      return null;
    }

    private Condition condition(String text, String at, boolean joinsAllowed) {
      Matcher matcher = CONDITION.matcher(text);
      if (!matcher.matches()) {
        problems.add(
            at, "condition '" + text + "' is not '<field> == <value>' or '<field> != <value>'");
        return new Condition(text, false, "");
      }
      String reference = matcher.group(1);
      String literal = matcher.group(3);
      Condition condition = new Condition(reference, matcher.group(2).equals("!="), literal);
      if (!joinsAllowed && reference.contains(".")) {
        problems.add(
            at,
            "condition '"
                + text
                + "': a drop rule runs before the joins, so it reads event fields only");
        return condition;
      }
      ValueType type = reference(reference, at, "condition '" + text + "'");
      if (type == null || reference.contains(".")) {
        return condition;
      }
      Field field = fields.get(reference);
      String mismatch = null;
      switch (field.type()) {
        case BOOLEAN:
          if (!literal.equals("true") && !literal.equals("false")) {
            mismatch =
                "field '"
                    + reference
                    + "' is a boolean, but '"
                    + literal
                    + "' is not true or false";
          }
          break;
        case INTEGER:
          try {
            Long.parseLong(literal);
          } catch (NumberFormatException e) {
            mismatch = "field '" + reference + "' is an integer, but '" + literal + "' is not";
          }
          break;
        case ENUM:
          if (!field.values().contains(literal)) {
            mismatch =
                "'"
                    + literal
                    + "' is not a value of enum field '"
                    + reference
                    + "' ("
                    + String.join(", ", field.values())
                    + ")";
          }
          break;
        case INSTANT:
          mismatch = "an instant field cannot be compared to a value";
          break;
        default:
          break;
      }
      if (mismatch != null) {
        problems.add(at, "condition '" + text + "': " + mismatch);
      }
      return condition;
    }

    private void checkUnique(List<String> values, String at, String key, String what) {
      Set<String> seen = new TreeSet<>();
      for (int i = 0; i < values.size(); i++) {
        if (!seen.add(values.get(i))) {
          problems.add(at + "/" + i + "/" + key, what + " '" + values.get(i) + "' is used twice");
        }
      }
    }

    /** The items of a JSON array, each read with its JSON pointer, for the problems it finds. */
    private static <T> List<T> readEach(JsonNode array, String at, ItemReader<T> reader) {
      List<T> items = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        items.add(reader.read(array.get(i), at + "/" + i));
      }
      return items;
    }

    private static @Nullable EdgeType builtInEdge(String type) {
      for (EdgeType edge : EdgeType.values()) {
        if (edge.typeName().equals(type)) {
          return edge;
        }
      }
      return null;
    }
  }

  @FunctionalInterface
  private interface ItemReader<T> {
    T read(JsonNode node, String pointer);
  }

  /** What a reference yields, for the type checks. */
  private enum ValueType {
    TEXT("a string"),
    NUMBER("an integer"),
    FLAG("a boolean"),
    TIME("an instant");

    final String description;

    ValueType(String description) {
      this.description = description;
    }

    static ValueType of(FieldType type) {
      switch (type) {
        case INTEGER:
          return NUMBER;
        case BOOLEAN:
          return FLAG;
        case INSTANT:
          return TIME;
        default:
          return TEXT;
      }
    }
  }
}
