package io.rtgraph.transforms.maintenance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Compaction and expiry of an update table written by many small commits. */
public class MaintainTableTest {
  private static final String NODE_UPDATES = GraphUpdateTables.DEFAULT_NODE_TABLE;
  private static final int COMMITS = 60;

  /** Small enough that the 60 commits' rows need several files per partition after compaction. */
  private static final long TARGET_BYTES = 64 * 1024;

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void compactionBoundsTheFileCountAndKeepsEveryRowOnce() throws Exception {
    GraphTablesFixture tables = new GraphTablesFixture(folder.getRoot().getPath(), 7);
    List<GraphUpdate> written =
        tables.appendCommits(COMMITS, 150, 2_000).stream()
            .filter(u -> u.element() == GraphUpdate.Element.NODE)
            .toList();
    int filesBefore = tables.dataFiles(NODE_UPDATES);
    int partitions = partitions(tables.table(NODE_UPDATES));

    MaintainTable.of(NODE_UPDATES, TARGET_BYTES, Duration.standardDays(7))
        .run(tables.warehouse, System.currentTimeMillis());

    long bytes = 0;
    for (var file : tables.table(NODE_UPDATES).newScan().planFiles()) {
      bytes += file.file().fileSizeInBytes();
    }
    // Two consecutive groups of a partition hold more than the target (see MaintainTable).
    int bound = (int) (2 * bytes / TARGET_BYTES) + partitions;
    assertThat(filesBefore, greaterThan(bound));
    assertThat(tables.dataFiles(NODE_UPDATES), lessThanOrEqualTo(bound));
    assertThat(tables.rows(NODE_UPDATES), containsInAnyOrder(written.toArray()));
  }

  @Test
  public void expiryKeepsTheSnapshotsTheFoldHasNotRead() throws Exception {
    GraphTablesFixture tables = new GraphTablesFixture(folder.getRoot().getPath(), 8);
    List<GraphUpdate> foldedUpdates = tables.appendCommits(5, 200, 300);
    tables.fold();
    long folded =
        CurrentGraphTables.foldedSnapshot(
            tables.table(CurrentGraphTables.DEFAULT_NODE_TABLE), NODE_UPDATES);
    List<GraphUpdate> unfoldedUpdates = tables.appendCommits(5, 200, 300);
    Set<Long> unfolded = new HashSet<>();
    for (Snapshot snapshot : tables.table(NODE_UPDATES).snapshots()) {
      if (snapshot.sequenceNumber()
          >= tables.table(NODE_UPDATES).snapshot(folded).sequenceNumber()) {
        unfolded.add(snapshot.snapshotId());
      }
    }

    // A zero retention would expire everything but the newest snapshot; compaction rewrites the
    // unfolded appends' files too.
    MaintainTable.of(NODE_UPDATES, TARGET_BYTES, Duration.ZERO)
        .foldedInto(CurrentGraphTables.DEFAULT_NODE_TABLE)
        .run(tables.warehouse, System.currentTimeMillis() + 60_000);

    Set<Long> kept = new HashSet<>();
    tables.table(NODE_UPDATES).snapshots().forEach(snapshot -> kept.add(snapshot.snapshotId()));
    assertThat(kept.containsAll(unfolded), equalTo(true));
    assertThat(kept.size(), equalTo(unfolded.size() + 1)); // and the compaction's commit
    tables.fold();
    assertThat(
        tables.rows(CurrentGraphTables.DEFAULT_NODE_TABLE),
        containsInAnyOrder(
            GraphTablesFixture.foldOf(foldedUpdates, unfoldedUpdates).values().stream()
                .filter(u -> u.element() == GraphUpdate.Element.NODE)
                .toArray()));
  }

  @Test
  public void expiryWithoutAFoldRemovesSnapshotsOlderThanTheRetention() throws Exception {
    GraphTablesFixture tables = new GraphTablesFixture(folder.getRoot().getPath(), 9);
    tables.appendCommits(10, 50, 100);
    assertThat(count(tables.table(NODE_UPDATES).snapshots()), equalTo(10));

    MaintainTable.of(NODE_UPDATES, TARGET_BYTES, Duration.ZERO)
        .run(tables.warehouse, System.currentTimeMillis() + 60_000);

    assertThat(count(tables.table(NODE_UPDATES).snapshots()), equalTo(1));
  }

  private static int partitions(Table table) throws Exception {
    Set<String> paths = new HashSet<>();
    try (CloseableIterable<org.apache.iceberg.FileScanTask> files = table.newScan().planFiles()) {
      for (var file : files) {
        StructLike partition = file.file().partition();
        paths.add(table.spec().partitionToPath(partition));
      }
    }
    return paths.size();
  }

  private static int count(Iterable<?> items) {
    int count = 0;
    for (Object ignored : items) {
      count++;
    }
    return count;
  }
}
