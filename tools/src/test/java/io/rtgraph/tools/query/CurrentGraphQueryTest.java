package io.rtgraph.tools.query;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.graph.IcebergGraphReader;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.maintenance.FoldIntoCurrentGraph;
import io.rtgraph.transforms.maintenance.FoldPlan;
import io.rtgraph.transforms.testing.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The query tool's answer from the current-graph tables plus the unfolded updates equals the answer
 * from folding every update. The updates go through the real Iceberg sink (IcebergIO), the fold
 * through the real maintenance transform.
 */
public class CurrentGraphQueryTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void theCurrentTablesPlusUnfoldedUpdatesAnswerAsTheFoldOfAllUpdates() throws Exception {
    String path = folder.getRoot().toPath().resolve("warehouse").toString();
    GraphWarehouse warehouse = Warehouses.withUpdateTables(path);
    Random random = new Random(11);
    List<GraphUpdate> folded = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      List<GraphUpdate> batch = updates(random, 600);
      QueryTables.publish(warehouse, batch);
      folded.addAll(batch);
    }
    fold(warehouse);
    List<GraphUpdate> unfolded = updates(random, 600);
    QueryTables.publish(warehouse, unfolded);
    List<GraphUpdate> all = new ArrayList<>(folded);
    all.addAll(unfolded);

    IcebergGraphReader reader = new IcebergGraphReader(warehouse);
    MaterializedGraph fromCurrent =
        reader.readCurrentGraph(
            CurrentGraphTables.DEFAULT_NODE_TABLE, CurrentGraphTables.DEFAULT_EDGE_TABLE,
            GraphUpdateTables.DEFAULT_NODE_TABLE, GraphUpdateTables.DEFAULT_EDGE_TABLE);

    // The two parts are both there: rows folded into the current tables, and updates still to fold.
    assertThat(
        reader
            .readUpdates(
                CurrentGraphTables.DEFAULT_EDGE_TABLE,
                org.apache.iceberg.expressions.Expressions.alwaysTrue())
            .size(),
        greaterThan(0));
    assertThat(
        FoldPlan.plan(
                warehouse,
                GraphUpdateTables.DEFAULT_EDGE_TABLE,
                CurrentGraphTables.DEFAULT_EDGE_TABLE)
            .isEmpty(),
        equalTo(false));
    assertThat(fromCurrent.elements(), equalTo(MaterializedGraph.of(all).elements()));
    assertThat(
        fromCurrent.elements(),
        equalTo(
            reader
                .readGraph(
                    GraphUpdateTables.DEFAULT_NODE_TABLE, GraphUpdateTables.DEFAULT_EDGE_TABLE)
                .elements()));

    for (String start : List.of("Account:a1", "Title:t3", "Profile:p2")) {
      String fast = query(path, "neighbours", start, "--hops=3", "--limit=100000", "--json");
      String full =
          query(path, "neighbours", start, "--hops=3", "--limit=100000", "--json", "--full-fold");
      assertThat(fast, equalTo(full));
      assertThat(fast.length(), greaterThan(100));
    }
  }

  /**
   * A small dense member graph: accounts with profiles and devices, profiles watching titles and
   * playing games.
   */
  private static List<GraphUpdate> updates(Random random, int count) {
    List<GraphUpdate> updates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant time = T0.plus(Duration.standardMinutes(random.nextInt(3 * 24 * 60)));
      String account = "a" + random.nextInt(20);
      String profile = "p" + random.nextInt(40);
      String title = "t" + random.nextInt(30);
      String game = "g" + random.nextInt(10);
      Map<String, String> properties = Map.of("v", String.valueOf(random.nextInt(5)));
      switch (random.nextInt(5)) {
        case 0:
          updates.add(
              GraphUpdate.node(
                  NodeType.ACCOUNT,
                  account,
                  time,
                  SourceTopic.LOGIN,
                  Map.of("country", "C" + random.nextInt(3))));
          updates.add(
              edge(EdgeType.HAS_PROFILE, account, profile, time, SourceTopic.LOGIN, Map.of()));
          break;
        case 1:
          updates.add(
              GraphUpdate.node(NodeType.TITLE, title, time, SourceTopic.PLAYBACK, properties));
          updates.add(
              edge(
                  EdgeType.STARTED_WATCHING,
                  profile,
                  title,
                  time,
                  SourceTopic.PLAYBACK,
                  properties));
          break;
        case 2:
          updates.add(edge(EdgeType.PLAYS, profile, game, time, SourceTopic.GAMEPLAY, properties));
          break;
        case 3:
          updates.add(edge(EdgeType.BASED_ON, game, title, time, SourceTopic.GAMEPLAY, Map.of()));
          break;
        default:
          updates.add(
              GraphUpdate.node(NodeType.PROFILE, profile, time, SourceTopic.PLAYBACK, properties));
          updates.add(
              edge(
                  EdgeType.USES_DEVICE,
                  account,
                  "d" + random.nextInt(8),
                  time,
                  SourceTopic.LOGIN,
                  Map.of()));
      }
    }
    updates.add(GraphUpdate.node(NodeType.ACCOUNT, "a1", T0, SourceTopic.LOGIN, Map.of()));
    updates.add(GraphUpdate.node(NodeType.PROFILE, "p2", T0, SourceTopic.LOGIN, Map.of()));
    updates.add(GraphUpdate.node(NodeType.TITLE, "t3", T0, SourceTopic.PLAYBACK, Map.of()));
    return updates;
  }

  /** An edge between two natural ids, each made a node id of the type at its end of the edge. */
  private static GraphUpdate edge(
      EdgeType type,
      String from,
      String to,
      Instant time,
      SourceTopic topic,
      Map<String, String> properties) {
    return GraphUpdate.edge(
        type, type.sourceType().id(from), type.targetType().id(to), time, topic, properties);
  }

  /** Folds every update into the current tables, as the maintenance job does. */
  private static void fold(GraphWarehouse warehouse) {
    Pipeline pipeline =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    for (GraphUpdate.Element element : GraphUpdate.Element.values()) {
      boolean node = element == GraphUpdate.Element.NODE;
      String updates =
          node ? GraphUpdateTables.DEFAULT_NODE_TABLE : GraphUpdateTables.DEFAULT_EDGE_TABLE;
      String current =
          node ? CurrentGraphTables.DEFAULT_NODE_TABLE : CurrentGraphTables.DEFAULT_EDGE_TABLE;
      CurrentGraphTables.ensure(
          warehouse, element, current, updates, CurrentGraphTables.DEFAULT_TARGET_FILE_SIZE_BYTES);
      pipeline.apply(
          node ? "FoldNodes" : "FoldEdges",
          FoldIntoCurrentGraph.of(
              warehouse,
              FoldPlan.plan(warehouse, updates, current),
              CurrentGraphTables.DEFAULT_TARGET_FILE_SIZE_BYTES));
    }
    pipeline.run().waitUntilFinish();
  }

  private static String query(String warehouse, String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    line.add("--warehouse=" + warehouse);
    QueryTables.Result result = QueryTables.query(line.toArray(String[]::new));
    assertThat(result.err(), result.exit(), equalTo(0));
    return result.out();
  }
}
