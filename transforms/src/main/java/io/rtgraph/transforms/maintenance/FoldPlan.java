package io.rtgraph.transforms.maintenance;

import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one fold of an update table into its current table does, decided once when the job is built:
 * the update table's snapshots {@code (foldedSnapshot, targetSnapshot]} are folded, read as the
 * data files their appends added, into the current table as of {@code currentSnapshot}.
 *
 * <p>Only appends are read: a compaction's rewrite adds no update, and rewritten files stay
 * readable for as long as the appends that added them are not expired (see {@link MaintainTable}).
 * Updates committed after the target snapshot are left for the next run.
 *
 * @param foldedSnapshot the last update snapshot already folded; null before the first fold
 * @param targetSnapshot the update snapshot this fold brings the current table to
 * @param currentSnapshot the current table's snapshot the fold starts from; a commit after it in
 *     the same partitions fails the fold
 * @param currentFilesByPartition the current table's files by partition path, e.g. {@code
 *     type=Profile/element_id_bucket=3}
 */
public record FoldPlan(
    String updateTable,
    String currentTable,
    @Nullable Long foldedSnapshot,
    @Nullable Long targetSnapshot,
    @Nullable Long currentSnapshot,
    List<UpdateFile> updateFiles,
    Map<String, List<UpdateFile>> currentFilesByPartition)
    implements Serializable {

  public FoldPlan {
    updateFiles = List.copyOf(updateFiles);
    currentFilesByPartition = Map.copyOf(currentFilesByPartition);
  }

  /**
   * A data file to read: its location and format (a name of {@link org.apache.iceberg.FileFormat}).
   */
  public record UpdateFile(String path, String format) implements Serializable {
    static UpdateFile of(ContentFile<?> file) {
      return new UpdateFile(file.path().toString(), file.format().name());
    }

    @Override
    public String toString() {
      return path;
    }
  }

  /** Plans the fold of the update table's snapshots added since the current table's last fold. */
  public static FoldPlan plan(GraphWarehouse warehouse, String updateTable, String currentTable) {
    Table current = warehouse.catalog().loadTable(warehouse.table(currentTable));
    Table updates = warehouse.catalog().loadTable(warehouse.table(updateTable));
    Long folded = CurrentGraphTables.foldedSnapshot(current, updateTable);
    Snapshot target = updates.currentSnapshot();
    Snapshot currentSnapshot = current.currentSnapshot();
    Long currentId = currentSnapshot == null ? null : currentSnapshot.snapshotId();
    if (target == null || Long.valueOf(target.snapshotId()).equals(folded)) {
      return new FoldPlan(
          updateTable, currentTable, folded, folded, currentId, List.of(), Map.of());
    }
    List<UpdateFile> updateFiles = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks =
        folded == null
            ? updates.newScan().useSnapshot(target.snapshotId()).planFiles()
            : updates
                .newIncrementalAppendScan()
                .fromSnapshotExclusive(folded)
                .toSnapshot(target.snapshotId())
                .planFiles()) {
      for (FileScanTask task : tasks) {
        updateFiles.add(UpdateFile.of(task.file()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the fold of " + updateTable, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot fold "
              + updateTable
              + " from its snapshot "
              + folded
              + ", recorded in "
              + currentTable
              + " as the last one folded: "
              + e.getMessage(),
          e);
    }
    Map<String, List<UpdateFile>> currentFiles = new HashMap<>();
    if (currentSnapshot != null) {
      try (CloseableIterable<FileScanTask> tasks =
          current.newScan().useSnapshot(currentId).planFiles()) {
        for (FileScanTask task : tasks) {
          currentFiles
              .computeIfAbsent(
                  current
                      .specs()
                      .get(task.file().specId())
                      .partitionToPath(task.file().partition()),
                  partition -> new ArrayList<>())
              .add(UpdateFile.of(task.file()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot plan the fold into " + currentTable, e);
      }
    }
    return new FoldPlan(
        updateTable,
        currentTable,
        folded,
        target.snapshotId(),
        currentId,
        updateFiles,
        currentFiles);
  }

  /** True when no update has been committed since the last fold. */
  public boolean isEmpty() {
    return updateFiles.isEmpty();
  }

  /** The current table's files of one partition (its path). */
  public List<UpdateFile> currentFiles(String partitionPath) {
    return currentFilesByPartition.getOrDefault(partitionPath, List.of());
  }

  @Override
  public String toString() {
    return "fold of "
        + updateTable
        + " snapshots ("
        + foldedSnapshot
        + ", "
        + targetSnapshot
        + "] into "
        + currentTable
        + " at snapshot "
        + currentSnapshot
        + ": "
        + updateFiles.size()
        + " update files";
  }
}
