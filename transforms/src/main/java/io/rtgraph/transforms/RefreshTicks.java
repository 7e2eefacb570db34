package io.rtgraph.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * An unbounded source of processing-time ticks: one as soon as a reader starts, then one every
 * interval; each tick is the wall-clock time in milliseconds, so ticks are ordered across restarts.
 *
 * <p>Unlike {@code GenerateSequence.withRate}, it keeps no schedule in its checkpoint: a job that
 * starts or is restored from a checkpoint or savepoint ticks at once. That matters for the catalog
 * side input, which the Flink runner does not treat as ready after a restore: without an immediate
 * tick, main-input elements would wait up to a whole refresh interval.
 */
final class RefreshTicks extends UnboundedSource<Long, RefreshTicks.NoCheckpoint> {
  private final Duration interval;

  RefreshTicks(Duration interval) {
    this.interval = interval;
  }

  @Override
  public List<RefreshTicks> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this); // one ticker is enough: every tick reloads the same files
  }

  @Override
  public UnboundedReader<Long> createReader(PipelineOptions options, NoCheckpoint checkpointMark) {
    return new Reader(this);
  }

  @Override
  public Coder<NoCheckpoint> getCheckpointMarkCoder() {
    return NoCheckpointCoder.INSTANCE;
  }

  @Override
  public Coder<Long> getOutputCoder() {
    return VarLongCoder.of();
  }

  /** Nothing to remember: the next tick is due at once after any restart. */
  static final class NoCheckpoint implements CheckpointMark {
    @Override
    public void finalizeCheckpoint() {}
  }

  /** Encodes the empty checkpoint as nothing. */
  static final class NoCheckpointCoder extends AtomicCoder<NoCheckpoint> {
    static final NoCheckpointCoder INSTANCE = new NoCheckpointCoder();

    @Override
    public void encode(NoCheckpoint value, OutputStream out) {}

    @Override
    public NoCheckpoint decode(InputStream in) {
      return new NoCheckpoint();
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static final class Reader extends UnboundedReader<Long> {
    private final RefreshTicks source;
    private long current = -1;
    private long next;

    Reader(RefreshTicks source) {
      this.source = source;
    }

    @Override
    public boolean start() {
      next = System.currentTimeMillis();
      return advance();
    }

    @Override
    public boolean advance() {
      long now = System.currentTimeMillis();
      if (now < next) {
        return false;
      }
      current = now;
      next = now + source.interval.getMillis();
      return true;
    }

    @Override
    public Long getCurrent() {
      if (current < 0) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      return new Instant(getCurrent());
    }

    @Override
    public Instant getWatermark() {
      return Instant.now();
    }

    @Override
    public NoCheckpoint getCheckpointMark() {
      return new NoCheckpoint();
    }

    @Override
    public UnboundedSource<Long, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {}
  }
}
