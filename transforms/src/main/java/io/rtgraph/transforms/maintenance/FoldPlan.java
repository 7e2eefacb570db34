package io.rtgraph.transforms.maintenance;

import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
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
 */
public final class FoldPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String updateTable;
  private final String currentTable;
  private final @Nullable Long foldedSnapshot;
  private final @Nullable Long targetSnapshot;
  private final @Nullable Long currentSnapshot;
  private final List<UpdateFile> updateFiles;
  private final Map<String, List<UpdateFile>> currentFilesByPartition;

  /**
   * A data file to read: its location and format (a name of {@link org.apache.iceberg.FileFormat}).
   */
  public static final class UpdateFile implements Serializable {
    private static final long serialVersionUID = 1L;
    final String path;
    final String format;

    UpdateFile(String path, String format) {
      this.path = path;
      this.format = format;
    }

    static UpdateFile of(ContentFile<?> file) {
      return new UpdateFile(file.path().toString(), file.format().name());
    }

    @Override
    public String toString() {
      return path;
    }
  }

  private FoldPlan(
      String updateTable,
      String currentTable,
      @Nullable Long foldedSnapshot,
      @Nullable Long targetSnapshot,
      @Nullable Long currentSnapshot,
      List<UpdateFile> updateFiles,
      Map<String, List<UpdateFile>> currentFilesByPartition) {
    this.updateTable = updateTable;
    this.currentTable = currentTable;
    this.foldedSnapshot = foldedSnapshot;
    this.targetSnapshot = targetSnapshot;
    this.currentSnapshot = currentSnapshot;
    this.updateFiles = updateFiles;
    this.currentFilesByPartition = currentFilesByPartition;
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

  public String updateTable() {
    return updateTable;
  }

  public String currentTable() {
    return currentTable;
  }

  /** The last update snapshot already folded; null before the first fold. */
  public @Nullable Long foldedSnapshot() {
    return foldedSnapshot;
  }

  /** The update snapshot this fold brings the current table to. */
  public @Nullable Long targetSnapshot() {
    return targetSnapshot;
  }

  /**
   * The current table's snapshot the fold starts from; a commit after it in the same partitions
   * fails the fold.
   */
  public @Nullable Long currentSnapshot() {
    return currentSnapshot;
  }

  /** True when no update has been committed since the last fold. */
  public boolean isEmpty() {
    return updateFiles.isEmpty();
  }

  public List<UpdateFile> updateFiles() {
    return Collections.unmodifiableList(updateFiles);
  }

  /**
   * The current table's files of one partition (its path, e.g. {@code
   * type=Profile/element_id_bucket=3}).
   */
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
