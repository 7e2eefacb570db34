package io.rtgraph.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import io.rtgraph.transforms.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.contrib.streaming.state.RocksDBOptionsFactory;
import org.apache.flink.runtime.state.StateBackend;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Why RocksDB checkpoints kept a flushed burst, and that the production playback job's backend
 * drops it: on a plain RocksDB, as Flink checkpoints it (a RocksDB checkpoint, which flushes the
 * memtable and keeps every live SST file).
 */
public class RocksDbStateBackendTest {
  private static final int KEYS = 100_000;
  private static final Path PLAYBACK_ARGS =
      Path.of("..", "runner-configs", "topics", "member.playback.args");

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @BeforeClass
  public static void loadRocksDb() {
    RocksDB.loadLibrary();
  }

  @Test
  public void withRocksDbsDefaultsAFlushedBurstStaysInTheCheckpointedFiles() throws Exception {
    long[] liveBytes = burstThenDeleteEveryKey(options -> options);
    assertThat("the burst was written", liveBytes[0], greaterThan(5L * KEYS));
    // Both files stay: the puts and, in a level-0 file of its own, their deletions.
    assertThat(liveBytes[1], greaterThan(liveBytes[0]));
  }

  @Test
  public void compactingLevel0AtEveryFlushDropsTheBurstFromTheCheckpointedFiles() throws Exception {
    RocksDBOptionsFactory production = playbackBackendOptions();
    long[] liveBytes =
        burstThenDeleteEveryKey(
            options -> production.createColumnOptions(options, new ArrayList<>()));
    assertThat("the burst was written", liveBytes[0], greaterThan(5L * KEYS));
    assertThat(liveBytes[1], lessThan(liveBytes[0] / 100));
  }

  @Test
  public void withoutAStoragePathTheFactoryNamesTheMissingFlag() {
    FlinkPipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--stateBackendFactory=" + RocksDbStateBackend.class.getName())
            .as(FlinkPipelineOptions.class);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RocksDbStateBackend().createStateBackend(options));
    assertThat(e.getMessage(), containsString("--stateBackendStoragePath"));
  }

  /**
   * The RocksDB options of the backend that the production playback job's flags choose, as Beam
   * builds it from them.
   */
  @SuppressWarnings("deprecation") // the backend class Beam's --stateBackend=rocksdb builds
  private RocksDBOptionsFactory playbackBackendOptions() throws Exception {
    List<String> flags = new ArrayList<>();
    for (String line : Files.readAllLines(PLAYBACK_ARGS, StandardCharsets.UTF_8)) {
      if (line.startsWith("--stateBackend") && !line.startsWith("--stateBackendStoragePath")) {
        flags.add(line.trim());
      }
    }
    flags.add("--stateBackendStoragePath=" + folder.newFolder("checkpoints").toURI());
    FlinkPipelineOptions options =
        PipelineOptionsFactory.fromArgs(flags.toArray(String[]::new))
            .as(FlinkPipelineOptions.class);
    assertThat(
        "the playback job's flags " + flags,
        options.getStateBackendFactory(),
        equalTo((Object) RocksDbStateBackend.class));
    StateBackend backend =
        options
            .getStateBackendFactory()
            .getDeclaredConstructor()
            .newInstance()
            .createStateBackend(options);
    assertThat(
        backend, instanceOf(org.apache.flink.contrib.streaming.state.RocksDBStateBackend.class));
    return ((org.apache.flink.contrib.streaming.state.RocksDBStateBackend) backend)
        .getRocksDBOptions();
  }

  /**
   * Writes {@link #KEYS} keys and checkpoints, deletes them all and checkpoints twice, leaving
   * RocksDB time to compact in between; returns the live SST bytes after the first checkpoint and
   * after the last.
   */
  private long[] burstThenDeleteEveryKey(UnaryOperator<ColumnFamilyOptions> columnOptions)
      throws Exception {
    try (ColumnFamilyOptions columns = columnOptions.apply(new ColumnFamilyOptions());
        DBOptions database = new DBOptions().setCreateIfMissing(true);
        Options options = new Options(database, columns);
        RocksDB db = RocksDB.open(options, folder.newFolder("db").getPath())) {
      byte[] value = new byte[100];
      for (int i = 0; i < KEYS; i++) {
        db.put(key(i), value);
      }
      checkpoint(db);
      long afterBurst = liveSstBytes(db);
      for (int i = 0; i < KEYS; i++) {
        db.delete(key(i));
      }
      checkpoint(db);
      awaitCompactions(db);
      checkpoint(db);
      long afterDeletes = liveSstBytes(db);
      System.out.printf(
          "level-0 compaction trigger %d: live SST bytes %d after %d puts, %d after their deletions%n",
          columns.level0FileNumCompactionTrigger(), afterBurst, KEYS, afterDeletes);
      return new long[] {afterBurst, afterDeletes};
    }
  }

  private void checkpoint(RocksDB db) throws Exception {
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(
          folder.getRoot().toPath().resolve("chk-" + System.nanoTime()).toString());
    }
  }

  private static void awaitCompactions(RocksDB db) {
    Await.until(
        "RocksDB has no compaction pending or running",
        Duration.ofMinutes(1),
        () ->
            property(db, "rocksdb.compaction-pending") == 0
                && property(db, "rocksdb.num-running-compactions") == 0);
  }

  private static long property(RocksDB db, String name) {
    try {
      return db.getLongProperty(name);
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB property " + name, e);
    }
  }

  private static long liveSstBytes(RocksDB db) throws RocksDBException {
    return db.getLongProperty("rocksdb.live-sst-files-size");
  }

  private static byte[] key(int i) {
    return String.format("key-%08d", i).getBytes(StandardCharsets.UTF_8);
  }
}
