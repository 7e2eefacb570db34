package io.rtgraph.transforms.maintenance;

import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * The upkeep of one table: compaction of its small data files into files of a target size, then
 * expiry of the snapshots older than a retention, both with Iceberg's core API, so that a table
 * written every minute by several jobs keeps a bounded number of files and snapshots.
 *
 * <p><b>Compaction</b> bin-packs, per partition, the files smaller than {@value
 * #SMALL_FILE_PERCENT}% of the target into groups of at most the target size, and rewrites every
 * group of two or more files into one. Files are packed by the size of their column data, not
 * counting their footers. Consecutive groups together exceed the target, so a partition keeps at
 * most {@code 2B / target + 1} small files after a run, {@code B} being its column data. All groups
 * of a table are replaced in one commit, validated against the snapshot they were read from;
 * concurrent appends do not conflict with it and are retried over, with the table's commit retries.
 * The new files keep the sequence number of that snapshot, as Iceberg's own rewrite actions do.
 *
 * <p><b>Expiry</b> removes snapshots older than the retention, and the files only they reference.
 * For an update table it never removes the last snapshot folded into the current graph, nor any
 * later one: the next fold reads the files those appends added, even when a compaction has since
 * rewritten them.
 */
public final class MaintainTable implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A file under this share of the target size is small, as in Iceberg's bin-pack rewrite (75%).
   */
  public static final int SMALL_FILE_PERCENT = 75;

  private final String table;
  private final long targetFileSizeBytes;
  private final Duration retention;
  private final @Nullable String foldedInto;

  private MaintainTable(
      String table, long targetFileSizeBytes, Duration retention, @Nullable String foldedInto) {
    this.table = table;
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.retention = retention;
    this.foldedInto = foldedInto;
  }

  /** Upkeep of a table that no fold reads (a raw archive, a current-graph table). */
  public static MaintainTable of(String table, long targetFileSizeBytes, Duration retention) {
    if (targetFileSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "the target file size of " + table + " must be positive, not " + targetFileSizeBytes);
    }
    return new MaintainTable(table, targetFileSizeBytes, retention, null);
  }

  /**
   * Upkeep of an update table, keeping what the fold into {@code currentTable} has not read yet.
   */
  public MaintainTable foldedInto(String currentTable) {
    return new MaintainTable(table, targetFileSizeBytes, retention, currentTable);
  }

  public String table() {
    return table;
  }

  /**
   * Sets the target file size on the table, compacts it, expires its old snapshots; says what it
   * did.
   */
  public String run(GraphWarehouse warehouse, long nowMillis) {
    Table loaded = warehouse.catalog().loadTable(warehouse.table(table));
    CurrentGraphTables.setProperties(
        loaded,
        Map.of(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, String.valueOf(targetFileSizeBytes)));
    String compacted = compact(loaded);
    loaded.refresh();
    long cutoff = expiryCutoff(warehouse, loaded, nowMillis);
    int before = size(loaded.snapshots());
    loaded.expireSnapshots().expireOlderThan(cutoff).retainLast(1).commit();
    loaded.refresh();
    return table + ": " + compacted + "; snapshots " + before + " -> " + size(loaded.snapshots());
  }

  /**
   * Rewrites each partition's small files into target-size files; says how many files it replaced.
   */
  String compact(Table loaded) {
    Snapshot start = loaded.currentSnapshot();
    if (start == null) {
      return "empty";
    }
    Map<String, List<DataFile>> smallFiles = new LinkedHashMap<>();
    int files = 0;
    try (CloseableIterable<FileScanTask> tasks =
        loaded.newScan().useSnapshot(start.snapshotId()).includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        files++;
        DataFile file = task.file();
        if (file.fileSizeInBytes() * 100 < targetFileSizeBytes * SMALL_FILE_PERCENT) {
          String partition =
              file.specId()
                  + "/"
                  + loaded.specs().get(file.specId()).partitionToPath(file.partition());
          smallFiles.computeIfAbsent(partition, key -> new ArrayList<>()).add(file.copy());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the compaction of " + table, e);
    }
    Set<DataFile> removed = new HashSet<>();
    Set<DataFile> added = new HashSet<>();
    try {
      for (List<DataFile> partition : smallFiles.values()) {
        for (List<DataFile> group : binPack(partition)) {
          added.addAll(rewrite(loaded, group));
          removed.addAll(group);
        }
      }
      if (removed.isEmpty()) {
        return files + " files, none to compact";
      }
      RewriteFiles rewrite = loaded.newRewrite().validateFromSnapshot(start.snapshotId());
      rewrite.dataSequenceNumber(start.sequenceNumber());
      removed.forEach(rewrite::deleteFile);
      added.forEach(rewrite::addFile);
      rewrite.commit();
    } catch (RuntimeException e) {
      // The new files were never committed: nothing else can reference them.
      added.forEach(file -> loaded.io().deleteFile(file.path().toString()));
      throw e;
    }
    return files + " files, " + removed.size() + " small ones rewritten into " + added.size();
  }

  /**
   * Groups of two or more files, each group's data at most the target size, the smallest files
   * first.
   */
  private List<List<DataFile>> binPack(List<DataFile> files) {
    files.sort(Comparator.comparingLong(MaintainTable::dataBytes));
    List<List<DataFile>> groups = new ArrayList<>();
    List<DataFile> group = new ArrayList<>();
    long size = 0;
    for (DataFile file : files) {
      if (!group.isEmpty() && size + dataBytes(file) > targetFileSizeBytes) {
        groups.add(group);
        group = new ArrayList<>();
        size = 0;
      }
      group.add(file);
      size += dataBytes(file);
    }
    groups.add(group);
    groups.removeIf(candidate -> candidate.size() < 2);
    return groups;
  }

  /**
   * The bytes of a file's column chunks, without its footer: what the rows add to a merged file. A
   * minute's file of one partition is mostly footer, so packing by file size would leave files far
   * below the target.
   */
  private static long dataBytes(DataFile file) {
    Map<Integer, Long> columns = file.columnSizes();
    if (columns == null || columns.isEmpty()) {
      return file.fileSizeInBytes();
    }
    long bytes = 0;
    for (long column : columns.values()) {
      bytes += column;
    }
    return Math.min(bytes, file.fileSizeInBytes());
  }

  private List<DataFile> rewrite(Table loaded, List<DataFile> group) {
    List<CloseableIterable<Record>> reads = new ArrayList<>(group.size());
    for (DataFile file : group) {
      reads.add(DataFileIO.read(loaded, file));
    }
    PartitionSpec spec = loaded.specs().get(group.get(0).specId());
    try (CloseableIterable<Record> rows = CloseableIterable.concat(reads)) {
      // One file per group: the group's files add up to at most the target, and a Parquet writer's
      // running length overestimates the compressed file, so rolling on it would cut files short.
      return DataFileIO.write(loaded, spec, group.get(0).partition(), rows, Long.MAX_VALUE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the small files of " + table, e);
    }
  }

  /**
   * Snapshots before this time are expired: now minus the retention, but for an update table never
   * past the last snapshot folded into the current graph.
   */
  private long expiryCutoff(GraphWarehouse warehouse, Table loaded, long nowMillis) {
    long cutoff = nowMillis - retention.getMillis();
    if (foldedInto == null) {
      return cutoff;
    }
    Table current = warehouse.catalog().loadTable(warehouse.table(foldedInto));
    Long folded = CurrentGraphTables.foldedSnapshot(current, table);
    if (folded == null) {
      return cutoff;
    }
    Snapshot lastFolded = loaded.snapshot(folded);
    if (lastFolded == null) {
      throw new IllegalStateException(
          table
              + " no longer has snapshot "
              + folded
              + ", the last one folded into "
              + foldedInto
              + "; rebuild "
              + foldedInto
              + " by dropping it and running the maintenance again");
    }
    return Math.min(cutoff, lastFolded.timestampMillis());
  }

  private static int size(Iterable<?> items) {
    int count = 0;
    for (Object ignored : items) {
      count++;
    }
    return count;
  }

  @Override
  public String toString() {
    return "maintenance of "
        + table
        + " (target "
        + targetFileSizeBytes
        + " bytes, retention "
        + retention
        + (foldedInto == null ? "" : ", keeping what " + foldedInto + " has not folded")
        + ")";
  }
}
