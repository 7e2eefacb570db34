package io.rtgraph.tools.graph;

import io.rtgraph.model.GraphTopics;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.tools.cli.Flags;
import io.rtgraph.tools.cli.KafkaFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reads the graph topics back from Kafka, folds them into the materialized graph, prints a node's
 * neighbourhood and, given the generator's expected graph, whether the two are identical.
 */
@Command(
    name = "show-graph",
    description =
        "Folds the graph topics into the materialized graph and prints a node's neighbourhood.")
public final class ShowGraph implements Callable<Integer> {
  @Mixin KafkaFlags kafka;

  @Option(names = "--graphTopicPrefix", defaultValue = GraphTopics.DEFAULT_PREFIX)
  String prefix;

  @Option(
      names = "--node",
      description = "the node whose neighbourhood to print, e.g. Account:demo-account")
  String node;

  @Option(names = "--hops", defaultValue = "3", description = "1 to 3 (default: ${DEFAULT-VALUE})")
  int hops;

  @Option(
      names = "--direction",
      defaultValue = "OUT",
      description =
          "edges to follow: OUT (from the member's side: the cross-vertical view), IN or BOTH (default: ${DEFAULT-VALUE})")
  Direction direction;

  @Option(names = "--expectedGraph", description = "a file of expected updates to compare with")
  Path expected;

  public static void main(String[] args) {
    System.exit(Flags.commandLine(new ShowGraph(), "show-graph").execute(args));
  }

  @Override
  public Integer call() throws Exception {
    MaterializedGraph graph;
    try (GraphTopicReader reader =
        new GraphTopicReader(kafka.bootstrapServers, kafka.clientProperties())) {
      graph = reader.readGraph(prefix);
    }
    System.out.printf(
        "Graph read back from the %s* topics: %d nodes, %d edges, folded from %d updates%n",
        prefix, graph.nodeCount(), graph.edgeCount(), graph.updatesFolded());
    int status = 0;
    if (expected != null) {
      MaterializedGraph want = new MaterializedGraph();
      for (String line : Files.readAllLines(expected, StandardCharsets.UTF_8)) {
        want.add(GraphUpdateJson.fromJson(line));
      }
      boolean same = want.equals(graph);
      System.out.printf(
          "Compared with the expected graph (%d nodes, %d edges): %s%n",
          want.nodeCount(), want.edgeCount(), same ? "IDENTICAL" : "DIFFERENT");
      if (!same) {
        System.out.println("  " + GraphDiff.between(want, graph));
        status = 1;
      }
    }
    if (node != null) {
      print(new GraphIndex(graph), node, direction, hops);
    }
    return status;
  }

  static void print(GraphIndex index, String start, Direction direction, int hops) {
    GraphUpdate root = index.get(start);
    if (root == null) {
      System.out.println("No node " + start + " in the graph.");
      return;
    }
    System.out.println();
    System.out.println(GraphText.describe(root));
    for (GraphIndex.Step step : index.neighbourhood(start, direction, hops, e -> true, 200)) {
      System.out.printf("  %s%s%n", "  ".repeat(step.hop() - 1), GraphText.step(step));
    }
  }
}
