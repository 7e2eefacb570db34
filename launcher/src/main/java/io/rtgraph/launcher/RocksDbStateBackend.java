package io.rtgraph.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkStateBackendFactory;
import org.apache.flink.contrib.streaming.state.RocksDBOptionsFactory;
import org.apache.flink.runtime.state.StateBackend;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB for keyed state whose checkpoints fall back once the state is deleted: chosen with {@code
 * --stateBackendFactory=io.rtgraph.launcher.RocksDbStateBackend}, checkpointing to {@code
 * --stateBackendStoragePath} like Beam's {@code --stateBackend=rocksdb}, whose backend it is with
 * one RocksDB option changed.
 *
 * <p>Flink 1.19 checkpoints RocksDB by copying its SST files, whether incrementally or not (a
 * non-incremental checkpoint is a "native full" snapshot of every live file). A deleted entry
 * leaves those files only when a compaction merges the file holding it with the file holding its
 * deletion. RocksDB compacts level 0 into level 1 once level 0 holds 4 files, and schedules that
 * check only after a flush or a compaction. After a burst of merge buffers that all flush, the
 * buffers' puts and their deletions sit in different level-0 files, usually fewer than 4 per column
 * family, and a quiet job writes nothing more: nothing ever compacts them, and every checkpoint
 * keeps carrying the burst (about 40 MB for a million elements) although no key is left. Whether a
 * run shrank therefore depended on how many level-0 files the burst happened to leave.
 *
 * <p>With level-0 compaction triggered by a single file, the flush that each checkpoint makes of
 * the memtable is followed by a compaction into level 1, where a put meets its deletion and both
 * are dropped: once a burst has flushed, the next checkpoint writes the deletions out, RocksDB
 * compacts them away in the background, and the checkpoints after that hold only the live state.
 * The cost is a rewrite of level 1 at every checkpoint for each column family that changed, which
 * for the merge buffers (the keys updated within one dedup window) is small, and which every
 * checkpoint repays: it uploads the live files, not the deleted buffers as well.
 */
public final class RocksDbStateBackend implements FlinkStateBackendFactory {
  @Override
  @SuppressWarnings(
      "deprecation") // the backend-and-storage class that --stateBackend=rocksdb builds
  public StateBackend createStateBackend(FlinkPipelineOptions options) {
    String storagePath = options.getStateBackendStoragePath();
    if (storagePath == null) {
      throw new IllegalArgumentException(
          "--stateBackendFactory="
              + RocksDbStateBackend.class.getName()
              + " needs --stateBackendStoragePath, the folder its checkpoints go to");
    }
    try {
      // A factory returns a state backend only, so the checkpoint folder comes with it, as in
      // Beam's own --stateBackend=rocksdb.
      org.apache.flink.contrib.streaming.state.RocksDBStateBackend backend =
          new org.apache.flink.contrib.streaming.state.RocksDBStateBackend(storagePath);
      backend.setRocksDBOptions(new CompactDeletionsAtEveryFlush());
      return backend;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "--stateBackendStoragePath=" + storagePath + " is not a usable checkpoint folder", e);
    }
  }

  /**
   * Compacts level 0 as soon as it holds one file. Applied after Flink's predefined and configured
   * options, so every other setting stays as the cluster configures it.
   */
  static final class CompactDeletionsAtEveryFlush implements RocksDBOptionsFactory {
    private static final long serialVersionUID = 1L;

    /** RocksDB's default is 4. */
    static final int LEVEL0_FILES_TO_COMPACT = 1;

    @Override
    public DBOptions createDBOptions(
        DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
      return currentOptions;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(
        ColumnFamilyOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
      return currentOptions.setLevel0FileNumCompactionTrigger(LEVEL0_FILES_TO_COMPACT);
    }

    @Override
    public String toString() {
      return "level-0 compaction at " + LEVEL0_FILES_TO_COMPACT + " file";
    }
  }
}
