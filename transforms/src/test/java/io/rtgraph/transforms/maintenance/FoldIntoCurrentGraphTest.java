package io.rtgraph.transforms.maintenance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The fold of the update tables into the current graph tables, read back with Iceberg's generic
 * reader.
 */
public class FoldIntoCurrentGraphTest {
  private static final String NODES = CurrentGraphTables.DEFAULT_NODE_TABLE;
  private static final String EDGES = CurrentGraphTables.DEFAULT_EDGE_TABLE;
  private static final String NODE_UPDATES = GraphUpdateTables.DEFAULT_NODE_TABLE;

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private GraphTablesFixture warehouse(String name, long seed) throws Exception {
    return new GraphTablesFixture(folder.newFolder(name).getPath(), seed);
  }

  @Test
  public void theCurrentTablesHoldOneRowPerElementWithTheMergeOfAllItsUpdates() throws Exception {
    GraphTablesFixture tables = warehouse("w", 1);
    List<GraphUpdate> all = tables.appendCommits(3, 400, 120);

    tables.fold();

    assertThat(tables.currentGraph(), equalTo(GraphTablesFixture.foldOf(all)));
  }

  @Test
  public void aSecondRunWithNothingNewCommitsNothing() throws Exception {
    GraphTablesFixture tables = warehouse("w", 2);
    List<GraphUpdate> updates = tables.randomUpdates(300, 80);
    tables.append(updates);
    tables.fold();
    long nodesSnapshot = tables.table(NODES).currentSnapshot().snapshotId();
    long edgesSnapshot = tables.table(EDGES).currentSnapshot().snapshotId();

    assertThat(tables.plan(NODE_UPDATES, NODES).isEmpty(), equalTo(true));
    tables.fold();

    assertThat(tables.table(NODES).currentSnapshot().snapshotId(), equalTo(nodesSnapshot));
    assertThat(tables.table(EDGES).currentSnapshot().snapshotId(), equalTo(edgesSnapshot));
    assertThat(tables.currentGraph(), equalTo(GraphTablesFixture.foldOf(updates)));
  }

  @Test
  public void foldingADayInTwoRunsGivesTheTablesOfOneRun() throws Exception {
    GraphTablesFixture once = warehouse("once", 3);
    GraphTablesFixture twice = warehouse("twice", 3);
    List<GraphUpdate> morning = once.randomUpdates(500, 150);
    List<GraphUpdate> evening = once.randomUpdates(500, 150);

    once.append(morning);
    once.append(evening);
    once.fold();
    twice.append(morning);
    twice.fold();
    twice.append(evening);
    twice.fold();

    assertThat(twice.currentGraph(), equalTo(once.currentGraph()));
    assertThat(once.currentGraph(), equalTo(GraphTablesFixture.foldOf(morning, evening)));
  }

  @Test
  public void aRunReadsOnlyTheFilesAppendedSinceTheLastFold() throws Exception {
    GraphTablesFixture tables = warehouse("w", 4);
    tables.append(tables.randomUpdates(300, 90));
    tables.fold();
    int filesBefore = tables.dataFiles(NODE_UPDATES);
    tables.append(tables.randomUpdates(200, 90));
    int added = tables.dataFiles(NODE_UPDATES) - filesBefore;

    FoldPlan plan = tables.plan(NODE_UPDATES, NODES);

    assertThat(plan.updateFiles(), hasSize(added));
    assertThat(
        plan.foldedSnapshot(),
        equalTo(CurrentGraphTables.foldedSnapshot(tables.table(NODES), NODE_UPDATES)));
    assertThat(
        plan.targetSnapshot(), equalTo(tables.table(NODE_UPDATES).currentSnapshot().snapshotId()));
  }

  @Test
  public void updatesCommittedWhileAFoldRunsAreLeftForTheNextRun() throws Exception {
    GraphTablesFixture tables = warehouse("w", 5);
    List<GraphUpdate> before = tables.randomUpdates(300, 90);
    tables.append(before);
    FoldPlan nodes = tables.plan(NODE_UPDATES, NODES);
    FoldPlan edges = tables.plan(GraphUpdateTables.DEFAULT_EDGE_TABLE, EDGES);
    List<GraphUpdate> during = tables.randomUpdates(300, 90);
    tables.append(during); // a topic job commits after the fold was planned

    tables.run(nodes, edges);
    assertThat(tables.currentGraph(), equalTo(GraphTablesFixture.foldOf(before)));

    tables.fold();
    assertThat(tables.currentGraph(), equalTo(GraphTablesFixture.foldOf(before, during)));
  }

  @Test
  public void aFoldPlannedBeforeAnotherFoldCommittedFailsAndChangesNothing() throws Exception {
    GraphTablesFixture tables = warehouse("w", 6);
    tables.append(tables.randomUpdates(300, 90));
    FoldPlan stale = tables.plan(NODE_UPDATES, NODES);
    tables.append(tables.randomUpdates(300, 90));
    tables.fold();
    Table current = tables.table(NODES);
    long snapshot = current.currentSnapshot().snapshotId();
    Map<String, GraphUpdate> graph = tables.currentGraph();

    Exception failure = assertThrows(Exception.class, () -> tables.run(stale));

    assertThat(failure.getMessage(), containsString("another fold moved"));
    assertThat(tables.table(NODES).currentSnapshot().snapshotId(), equalTo(snapshot));
    assertThat(tables.currentGraph(), equalTo(graph));
  }
}
