package io.rtgraph.tools.query;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.tools.query.QueryTables.Result;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.testing.Warehouses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The query tool on known data, written to the graph tables through the real Iceberg sink: a hop
 * query, filtered queries, and the error cases.
 */
public class QueryGraphTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();
  private static String warehouse;

  /**
   * Account a1 has profile p1 and device d1; p1 started watching t1 (at T0) and plays g1 (an hour
   * later), which is based on t1; another account's profile p2 also started watching t1.
   */
  @BeforeClass
  public static void writeKnownGraph() {
    warehouse = FOLDER.getRoot().toPath().resolve("warehouse").toString();
    GraphWarehouse tables = Warehouses.withUpdateTables(warehouse);
    List<GraphUpdate> updates = new ArrayList<>();
    updates.add(node(NodeType.ACCOUNT, "a1", 0, Map.of("country", "NL")));
    updates.add(node(NodeType.ACCOUNT, "a1", 90, Map.of("country", "BE")));
    updates.add(node(NodeType.PROFILE, "p1", 0, Map.of()));
    updates.add(node(NodeType.DEVICE, "d1", 0, Map.of("deviceType", "phone")));
    updates.add(node(NodeType.TITLE, "t1", 0, Map.of("name", "Dark")));
    updates.add(node(NodeType.GAME, "g1", 60, Map.of("name", "Dark Puzzles")));
    updates.add(edge(EdgeType.HAS_PROFILE, "Account:a1", "Profile:p1", 0));
    updates.add(edge(EdgeType.USES_DEVICE, "Account:a1", "Device:d1", 0));
    updates.add(edge(EdgeType.STARTED_WATCHING, "Profile:p1", "Title:t1", 0));
    updates.add(edge(EdgeType.PLAYS, "Profile:p1", "Game:g1", 60));
    updates.add(edge(EdgeType.BASED_ON, "Game:g1", "Title:t1", 60));
    updates.add(edge(EdgeType.STARTED_WATCHING, "Profile:p2", "Title:t1", 5));
    QueryTables.publish(tables, updates);
  }

  @Test
  public void aThreeHopQueryFollowsOutgoingEdgesBreadthFirst() {
    assertHops(
        List.of("neighbours", "Account:a1", "--direction=OUT", "--hops=3"),
        "hop 1: Account:a1 --HAS_PROFILE--> Profile:p1",
        "hop 1: Account:a1 --USES_DEVICE--> Device:d1",
        "hop 2: Profile:p1 --PLAYS--> Game:g1",
        "hop 2: Profile:p1 --STARTED_WATCHING--> Title:t1",
        "hop 3: Game:g1 --BASED_ON--> Title:t1");
  }

  @Test
  public void incomingEdgesFilteredByTypeAndTime() {
    assertHops(
        List.of("neighbours", "Title:t1", "--direction=IN", "--edge-type=STARTED_WATCHING"),
        "hop 1: Title:t1 <--STARTED_WATCHING-- Profile:p1",
        "hop 1: Title:t1 <--STARTED_WATCHING-- Profile:p2");
    assertHops(
        List.of("neighbours", "Title:t1", "--direction=IN", "--since=2026-11-27T10:01:00Z"),
        "hop 1: Title:t1 <--BASED_ON-- Game:g1",
        "hop 1: Title:t1 <--STARTED_WATCHING-- Profile:p2");
    assertHops(
        List.of(
            "neighbours",
            "Title:t1",
            "--direction=BOTH",
            "--until=2026-11-27T10:01:00Z",
            "--limit=1"),
        "hop 1: Title:t1 <--STARTED_WATCHING-- Profile:p1");
  }

  @Test
  public void aNodeIsTheMergeOfItsUpdates() {
    Result result = query("node", "Account:a1", "--json");
    GraphUpdate merged =
        node(NodeType.ACCOUNT, "a1", 0, Map.of("country", "NL"))
            .mergeWith(node(NodeType.ACCOUNT, "a1", 90, Map.of("country", "BE")));
    assertThat(result.out().trim(), equalTo(GraphUpdateJson.toJson(merged)));
  }

  @Test
  public void unknownIdsEdgeTypesAndWarehousesAreClearErrors() {
    Result unknownId = query("node", "Account:nobody");
    assertThat(unknownId.exit(), equalTo(QueryGraph.NOT_FOUND));
    assertThat(
        unknownId.err(),
        containsString("no node 'Account:nobody' in the graph (5 nodes, 6 edges)"));

    Result wrongKind = query("node", "PLAYS:Profile:p1->Game:g1");
    assertThat(wrongKind.exit(), equalTo(QueryGraph.NOT_FOUND));
    assertThat(wrongKind.err(), containsString("is a edge"));

    Result unknownType = query("neighbours", "Profile:p1", "--edge-type=LIKES");
    assertThat(unknownType.exit(), equalTo(QueryGraph.BAD_QUERY));
    assertThat(
        unknownType.err(),
        containsString("unknown edge type 'LIKES'; known: HAS_PROFILE, USES_DEVICE"));

    Result noWarehouse =
        run("node", "Account:a1", "--warehouse=" + FOLDER.getRoot().toPath().resolve("absent"));
    assertThat(noWarehouse.exit(), equalTo(QueryGraph.BAD_QUERY));
    assertThat(noWarehouse.err(), containsString("no Iceberg warehouse at"));

    Result tooFar = query("neighbours", "Profile:p1", "--hops=4");
    assertThat(tooFar.exit(), equalTo(QueryGraph.BAD_QUERY));
    assertThat(tooFar.err(), containsString("--hops must be 1, 2 or 3"));
  }

  /** Runs a neighbours query, which must succeed, and compares its step lines with the expected. */
  private static void assertHops(List<String> args, String... expected) {
    Result result = query(args.toArray(new String[0]));
    assertThat(result.err(), result.exit(), equalTo(0));
    assertThat(hops(result.out()), equalTo(List.of(expected)));
  }

  /** The step lines, without the properties and times of the node reached. */
  private static List<String> hops(String out) {
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] tokens = line.trim().split(" ");
      if (tokens[0].equals("hop")) {
        lines.add(String.join(" ", Arrays.copyOf(tokens, 5))); // hop N: FROM ARROW TO
      }
    }
    return lines;
  }

  private static Result query(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--warehouse=" + warehouse);
    return run(all.toArray(new String[0]));
  }

  private static Result run(String... args) {
    return QueryTables.query(args);
  }

  private static GraphUpdate node(
      NodeType type, String id, long minutes, Map<String, String> properties) {
    return GraphUpdate.node(
        type, id, T0.plus(Duration.standardMinutes(minutes)), SourceTopic.PLAYBACK, properties);
  }

  private static GraphUpdate edge(EdgeType type, String src, String dst, long minutes) {
    return GraphUpdate.edge(
        type, src, dst, T0.plus(Duration.standardMinutes(minutes)), SourceTopic.PLAYBACK, Map.of());
  }
}
