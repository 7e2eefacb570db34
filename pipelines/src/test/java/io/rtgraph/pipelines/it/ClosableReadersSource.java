package io.rtgraph.pipelines.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.joda.time.Instant;

/**
 * An unbounded source whose readers can be closed from outside the runner: each reader it (or one
 * of its splits) creates is registered under the job that reads it, and {@link #closeReaders}
 * closes those of a job still open. Everything else is the wrapped source's.
 */
final class ClosableReadersSource<T, M extends UnboundedSource.CheckpointMark>
    extends UnboundedSource<T, M> {
  private static final ConcurrentMap<Long, JobReaders> JOBS = new ConcurrentHashMap<>();

  private final UnboundedSource<T, M> source;
  private final long job;

  private ClosableReadersSource(UnboundedSource<T, M> source, long job) {
    this.source = source;
    this.job = job;
  }

  static <T, M extends CheckpointMark> ClosableReadersSource<T, M> of(
      UnboundedSource<T, M> source, long job) {
    return new ClosableReadersSource<>(source, job);
  }

  /**
   * Closes the job's open readers, and any it creates from now on as soon as it creates them; a
   * reader in the middle of a call is closed when the call returns.
   */
  static void closeReaders(long job) throws IOException {
    JOBS.computeIfAbsent(job, id -> new JobReaders()).closeAll();
  }

  @Override
  public List<ClosableReadersSource<T, M>> split(int desiredNumSplits, PipelineOptions options)
      throws Exception {
    List<ClosableReadersSource<T, M>> splits = new ArrayList<>();
    for (UnboundedSource<T, M> split : source.split(desiredNumSplits, options)) {
      splits.add(new ClosableReadersSource<>(split, job));
    }
    return splits;
  }

  @Override
  public UnboundedReader<T> createReader(PipelineOptions options, M checkpointMark)
      throws IOException {
    return JOBS.computeIfAbsent(job, id -> new JobReaders())
        .register(new Reader(source.createReader(options, checkpointMark)));
  }

  @Override
  public Coder<M> getCheckpointMarkCoder() {
    return source.getCheckpointMarkCoder();
  }

  @Override
  public boolean requiresDeduping() {
    return source.requiresDeduping();
  }

  @Override
  public boolean offsetBasedDeduplicationSupported() {
    return source.offsetBasedDeduplicationSupported();
  }

  @Override
  public Coder<T> getOutputCoder() {
    return source.getOutputCoder();
  }

  @Override
  public void validate() {
    source.validate();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    source.populateDisplayData(builder);
  }

  /** The open readers of one job. */
  private static final class JobReaders {
    private final Set<UnboundedReader<?>> open = ConcurrentHashMap.newKeySet();
    private boolean closed;

    synchronized <R extends UnboundedReader<?>> R register(R reader) throws IOException {
      if (closed) {
        reader.close();
        throw new IOException("the job was stopped: its source creates no more readers");
      }
      open.add(reader);
      return reader;
    }

    synchronized void closeAll() throws IOException {
      closed = true;
      IOException failure = null;
      for (UnboundedReader<?> reader : open) {
        try {
          reader.close();
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      open.clear();
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * The wrapped reader; its calls are serialized so that a close from another thread waits for the
   * runner's call in progress.
   */
  private final class Reader extends UnboundedReader<T> {
    private final UnboundedReader<T> reader;
    private boolean closed;

    Reader(UnboundedReader<T> reader) {
      this.reader = reader;
    }

    @Override
    public synchronized boolean start() throws IOException {
      checkOpen();
      return reader.start();
    }

    @Override
    public synchronized boolean advance() throws IOException {
      checkOpen();
      return reader.advance();
    }

    @Override
    public synchronized T getCurrent() throws NoSuchElementException {
      return reader.getCurrent();
    }

    @Override
    public synchronized Instant getCurrentTimestamp() throws NoSuchElementException {
      return reader.getCurrentTimestamp();
    }

    @Override
    public synchronized byte[] getCurrentRecordId() throws NoSuchElementException {
      return reader.getCurrentRecordId();
    }

    @Override
    public synchronized byte[] getCurrentRecordOffset() {
      return reader.getCurrentRecordOffset();
    }

    @Override
    public synchronized Instant getWatermark() {
      return reader.getWatermark();
    }

    @Override
    public synchronized CheckpointMark getCheckpointMark() {
      return reader.getCheckpointMark();
    }

    @Override
    public synchronized long getSplitBacklogBytes() {
      return reader.getSplitBacklogBytes();
    }

    @Override
    public synchronized long getTotalBacklogBytes() {
      return reader.getTotalBacklogBytes();
    }

    @Override
    public UnboundedSource<T, ?> getCurrentSource() {
      return ClosableReadersSource.this;
    }

    @Override
    public synchronized void close() throws IOException {
      if (!closed) {
        closed = true;
        JOBS.get(job).open.remove(this);
        reader.close();
      }
    }

    private void checkOpen() throws IOException {
      if (closed) {
        throw new IOException("the reader was closed: its job was stopped");
      }
    }
  }
}
