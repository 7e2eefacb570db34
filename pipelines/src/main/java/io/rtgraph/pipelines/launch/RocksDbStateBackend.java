package io.rtgraph.pipelines.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkStateBackendFactory;
import org.apache.flink.contrib.streaming.state.RocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;

/**
 * RocksDB for the keyed state, with the event-time timers on the heap: chosen with {@code
 * --stateBackendFactory=io.rtgraph.pipelines.launch.RocksDbStateBackend}, checkpointing to {@code
 * --stateBackendStoragePath} as Beam's {@code --stateBackend=rocksdb} does.
 *
 * <p>With the timers in RocksDB (Flink's default, and what {@code --stateBackend=rocksdb} gives), the
 * checkpoints after a mass flush kept the full pre-flush size in about half the runs, holding the
 * merge operator's timer entries although every timer had fired. On the heap a fired timer is gone
 * from memory, and a full snapshot writes the live timers only, so the checkpoint falls back with
 * the merge buffers (docs/reliability.md, "State bound"). The cost is one heap entry per pending
 * timer: one per merge buffer, the buffers themselves staying in RocksDB.
 */
public final class RocksDbStateBackend implements FlinkStateBackendFactory {
  @Override
  @SuppressWarnings("deprecation") // RocksDBStateBackend: see below
  public StateBackend createStateBackend(FlinkPipelineOptions options) {
    String storagePath = options.getStateBackendStoragePath();
    if (storagePath == null) {
      throw new IllegalArgumentException("--stateBackendFactory=" + RocksDbStateBackend.class.getName()
          + " needs --stateBackendStoragePath, the folder its checkpoints go to");
    }
    try {
      // The combined backend-and-checkpoint-storage class that Beam's --stateBackend=rocksdb builds:
      // a factory returns a state backend only, so the checkpoint folder has to come with it.
      RocksDBStateBackend backend = new RocksDBStateBackend(storagePath, false);
      backend.setPriorityQueueStateType(RocksDBStateBackend.PriorityQueueStateType.HEAP);
      return backend;
    } catch (IOException e) {
      throw new UncheckedIOException("--stateBackendStoragePath=" + storagePath + " is not a usable checkpoint folder", e);
    }
  }
}
