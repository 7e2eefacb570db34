package io.rtgraph.tools.query;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.IsoInstants;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.tools.cli.Flags;
import io.rtgraph.tools.graph.Direction;
import io.rtgraph.tools.graph.GraphIndex;
import io.rtgraph.tools.graph.GraphText;
import io.rtgraph.tools.graph.IcebergGraphReader;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.joda.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/query-graph.sh}: reads the current-graph tables and the updates not folded into
 * them yet (or, with {@code --full-fold}, every update) with Iceberg's own reader, and answers the
 * one-hop and multi-hop queries a graph serves: an element by id, and the neighbourhood of a node.
 *
 * <p>Exit codes: 0 answered, 2 a bad query (unknown edge type, bad flag, no warehouse), 3 the id is
 * not in the graph.
 */
@Command(
    name = "query-graph",
    description =
        "Queries the graph: the current-graph tables plus the updates not folded into them yet.")
public final class QueryGraph implements Runnable {
  static final int BAD_QUERY = 2;
  static final int NOT_FOUND = 3;

  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine line = Flags.commandLine(new QueryGraph(), "query-graph");
    addElementQuery(line, GraphUpdate.Element.NODE, "Profile:p7");
    addElementQuery(line, GraphUpdate.Element.EDGE, "STARTED_WATCHING:Profile:p7->Title:t42");
    line.addSubcommand(new NeighboursQuery());
    Flags.addAliases(line);
    return line;
  }

  /** The {@code node} or {@code edge} subcommand: one query, of either kind of element. */
  private static void addElementQuery(CommandLine line, GraphUpdate.Element kind, String example) {
    String name = kind.name().toLowerCase(Locale.ROOT);
    line.addSubcommand(name, new ElementQuery(kind));
    line.getSubcommands()
        .get(name)
        .getCommandSpec()
        .usageMessage()
        .description("Prints one " + name + " by id, e.g. " + example + ".");
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose a query: node, edge or neighbours");
  }

  /** A query that cannot be answered, with its exit code. */
  static final class QueryException extends Flags.ToolException {
    private static final long serialVersionUID = 1L;

    QueryException(int exitCode, String message) {
      super(exitCode, message);
    }
  }

  /** Where the tables are, and how to print; shared by every query. */
  static final class Source {
    @Option(
        names = "--warehouse",
        defaultValue = GraphWarehouse.DEFAULT_WAREHOUSE,
        description = "Iceberg warehouse (default: ${DEFAULT-VALUE})")
    String warehouse;

    @Option(
        names = "--catalogType",
        defaultValue = GraphWarehouse.DEFAULT_CATALOG_TYPE,
        description =
            "jdbc (without uri=..., the warehouse folder's catalog.db), hadoop, rest, ... (default: ${DEFAULT-VALUE})")
    String catalogType;

    @Option(
        names = "--catalogProperties",
        defaultValue = "",
        description = "more catalog properties, key=value[,key=value...]")
    String catalogProperties;

    @Option(names = "--namespace", defaultValue = GraphWarehouse.DEFAULT_NAMESPACE)
    String namespace;

    @Option(names = "--nodeTable", defaultValue = GraphUpdateTables.DEFAULT_NODE_TABLE)
    String nodeTable;

    @Option(names = "--edgeTable", defaultValue = GraphUpdateTables.DEFAULT_EDGE_TABLE)
    String edgeTable;

    @Option(names = "--currentNodeTable", defaultValue = CurrentGraphTables.DEFAULT_NODE_TABLE)
    String currentNodeTable;

    @Option(names = "--currentEdgeTable", defaultValue = CurrentGraphTables.DEFAULT_EDGE_TABLE)
    String currentEdgeTable;

    @Option(
        names = "--fullFold",
        description =
            "fold every update of the update tables, ignoring the current-graph tables (slow; the same answer)")
    boolean fullFold;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    GraphIndex load() {
      GraphWarehouse warehouse = warehouse();
      try {
        IcebergGraphReader reader = new IcebergGraphReader(warehouse);
        return new GraphIndex(
            fullFold
                ? reader.readGraph(nodeTable, edgeTable)
                : reader.readCurrentGraph(
                    currentNodeTable, currentEdgeTable, nodeTable, edgeTable));
      } catch (IllegalArgumentException e) {
        throw new QueryException(BAD_QUERY, e.getMessage());
      }
    }

    private GraphWarehouse warehouse() {
      Map<String, String> properties = new HashMap<>();
      for (String pair : catalogProperties.split(",")) {
        if (!pair.isBlank()) {
          String[] kv = pair.split("=", 2);
          if (kv.length != 2) {
            throw new QueryException(
                BAD_QUERY, "--catalog-properties: '" + pair + "' is not key=value");
          }
          properties.put(kv[0].trim(), kv[1].trim());
        }
      }
      GraphWarehouse tables;
      try {
        tables =
            GraphWarehouse.of(
                GraphWarehouse.DEFAULT_CATALOG_NAME, catalogType, warehouse, properties, namespace);
      } catch (IllegalArgumentException e) {
        throw new QueryException(BAD_QUERY, e.getMessage());
      }
      // Opening an absent embedded catalog would create an empty one; say where the tables are
      // instead.
      Path state = tables.localCatalogPath();
      if (state != null && !state.toFile().exists()) {
        throw new QueryException(
            BAD_QUERY,
            "no Iceberg warehouse at "
                + state
                + "; run a pipeline first, or point --warehouse at its --icebergWarehouse");
      }
      return tables;
    }
  }

  /** Prints one element, of the subcommand's kind, by id. */
  @Command
  static final class ElementQuery implements Callable<Integer> {
    private final GraphUpdate.Element kind;

    @Mixin Source source;

    @Parameters(paramLabel = "ID")
    String id;

    @Spec CommandLine.Model.CommandSpec spec;

    ElementQuery(GraphUpdate.Element kind) {
      this.kind = kind;
    }

    @Override
    public Integer call() {
      GraphUpdate element = find(source.load(), id, kind);
      new Output(spec.commandLine().getOut(), source.json).element(element);
      return 0;
    }
  }

  @Command(
      name = "neighbours",
      aliases = "neighbors",
      description =
          "Prints the edges within --hops of a node, breadth first, and the nodes they reach.")
  static final class NeighboursQuery implements Callable<Integer> {
    @Mixin Source source;

    @Parameters(paramLabel = "NODE_ID")
    String id;

    @Option(
        names = "--direction",
        defaultValue = "BOTH",
        description = "OUT, IN or BOTH (default: ${DEFAULT-VALUE})")
    Direction direction;

    @Option(
        names = "--edgeType",
        split = ",",
        description = "follow only these edge types, e.g. PLAYS,BASED_ON")
    List<String> edgeTypes = new ArrayList<>();

    @Option(
        names = "--hops",
        defaultValue = "1",
        description = "1 to 3 (default: ${DEFAULT-VALUE})")
    int hops;

    @Option(
        names = "--since",
        description = "only edges last seen at or after this ISO-8601 instant")
    String since;

    @Option(names = "--until", description = "only edges last seen before this ISO-8601 instant")
    String until;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "at most this many edges (default: ${DEFAULT-VALUE})")
    int limit;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (hops < 1 || hops > 3) {
        throw new QueryException(BAD_QUERY, "--hops must be 1, 2 or 3, not " + hops);
      }
      if (limit < 1) {
        throw new QueryException(BAD_QUERY, "--limit must be positive, not " + limit);
      }
      Predicate<GraphUpdate> filter = edgeFilter();
      GraphIndex graph = source.load();
      GraphUpdate start = find(graph, id, GraphUpdate.Element.NODE);
      List<GraphIndex.Step> steps = graph.neighbourhood(id, direction, hops, filter, limit);
      new Output(spec.commandLine().getOut(), source.json).neighbourhood(start, steps);
      return 0;
    }

    private Predicate<GraphUpdate> edgeFilter() {
      Set<String> types = new LinkedHashSet<>();
      Set<String> known =
          Arrays.stream(EdgeType.values())
              .map(EdgeType::typeName)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      for (String type : edgeTypes) {
        if (!known.contains(type)) {
          throw new QueryException(
              BAD_QUERY, "unknown edge type '" + type + "'; known: " + String.join(", ", known));
        }
        types.add(type);
      }
      Instant from = time("--since", since);
      Instant to = time("--until", until);
      return edge ->
          (types.isEmpty() || types.contains(edge.type()))
              && (from == null || !edge.lastSeen().isBefore(from))
              && (to == null || edge.lastSeen().isBefore(to));
    }

    private static Instant time(String flag, String value) {
      if (value == null) {
        return null;
      }
      try {
        return IsoInstants.parse(value);
      } catch (IllegalArgumentException e) {
        throw new QueryException(BAD_QUERY, flag + ": " + e.getMessage());
      }
    }
  }

  static GraphUpdate find(GraphIndex graph, String id, GraphUpdate.Element element) {
    GraphUpdate found = graph.get(id);
    MaterializedGraph all = graph.graph();
    if (found == null || found.element() != element) {
      throw new QueryException(
          NOT_FOUND,
          "no "
              + element.jsonName()
              + " '"
              + id
              + "' in the graph ("
              + all.nodeCount()
              + " nodes, "
              + all.edgeCount()
              + " edges)"
              + (found != null ? "; '" + id + "' is a " + found.element().jsonName() : ""));
    }
    return found;
  }

  /** Prints answers as text or JSON. */
  static final class Output {
    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
      this.out = out;
      this.json = json;
    }

    void element(GraphUpdate element) {
      out.println(json ? GraphUpdateJson.toJson(element) : GraphText.describe(element));
      out.flush();
    }

    void neighbourhood(GraphUpdate start, List<GraphIndex.Step> steps) {
      if (json) {
        StringBuilder text =
            new StringBuilder("{\"start\":")
                .append(GraphUpdateJson.toJson(start))
                .append(",\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
          GraphIndex.Step step = steps.get(i);
          text.append(i == 0 ? "" : ",")
              .append("{\"hop\":")
              .append(step.hop())
              .append(",\"from\":")
              .append(quote(step.from()))
              .append(",\"to\":")
              .append(quote(step.to()))
              .append(",\"edge\":")
              .append(GraphUpdateJson.toJson(step.edge()))
              .append(",\"node\":")
              .append(step.node() == null ? "null" : GraphUpdateJson.toJson(step.node()))
              .append('}');
        }
        out.println(text.append("]}"));
      } else {
        out.println(GraphText.describe(start));
        for (GraphIndex.Step step : steps) {
          out.printf("  hop %d: %s%n", step.hop(), GraphText.step(step));
        }
        out.printf("%d edges%n", steps.size());
      }
      out.flush();
    }

    private static String quote(String value) {
      return '"'
          + new String(
              com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value))
          + '"';
    }
  }
}
