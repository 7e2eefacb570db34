package io.rtgraph.pipelines.it;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.runners.PTransformOverrideFactory;
import org.apache.beam.sdk.util.construction.ReplacementOutputs;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * The DirectRunner, closing the readers of the job's unbounded sources once the job has ended:
 * cancelled, failed or finished. The integration tests run it with {@code --runner=} and this
 * class's name (see {@link Runners#DIRECT}).
 *
 * <p>Beam's DirectRunner (2.70) hands an idle {@code UnboundedReader} from bundle to bundle and
 * does not close it when the job is cancelled or fails: its {@code UnboundedReadEvaluatorFactory}
 * has an empty {@code cleanup()}. A KafkaIO reader left so keeps its consumer polling on a
 * "KafkaConsumerPoll-thread" and its offset consumer fetching end offsets every few seconds, for
 * the life of the JVM. The launcher exits its JVM when the job ends, so this costs a real launch
 * nothing; in the tests' shared failsafe JVM, every later test carries the readers of every earlier
 * DirectRunner job, and their connection warnings once that test's broker has stopped.
 */
public final class ClosingDirectRunner extends PipelineRunner<PipelineResult> {
  private static final AtomicLong JOBS = new AtomicLong();
  private static final Set<Job> RUNNING = ConcurrentHashMap.newKeySet();

  /** Called by Beam for {@code --runner}; the DirectRunner is made from the pipeline's options. */
  public static ClosingDirectRunner fromOptions(PipelineOptions options) {
    return new ClosingDirectRunner();
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    long id = JOBS.incrementAndGet();
    pipeline.replaceAll(
        List.of(
            PTransformOverride.of(
                application ->
                    application.getTransform() instanceof Read.Unbounded<?> read
                        && !(read.getSource() instanceof ClosableReadersSource),
                new ClosableReads<>(id))));
    Job job = new Job(id, DirectRunner.fromOptions(pipeline.getOptions()).run(pipeline));
    RUNNING.add(job);
    return job;
  }

  /**
   * Cancels the jobs that still run, as a test that failed half-way leaves them, and closes their
   * readers; returns how many there were.
   */
  static int cancelRunning() {
    int cancelled = 0;
    for (Job job : RUNNING) {
      try {
        job.cancel();
      } catch (IOException | RuntimeException e) {
        // its readers are closed all the same
      }
      cancelled++;
    }
    return cancelled;
  }

  /** Replaces each unbounded read with the same read of the source whose readers can be closed. */
  private record ClosableReads<T>(long job)
      implements PTransformOverrideFactory<PBegin, PCollection<T>, Read.Unbounded<T>> {
    @Override
    public PTransformReplacement<PBegin, PCollection<T>> getReplacementTransform(
        AppliedPTransform<PBegin, PCollection<T>, Read.Unbounded<T>> transform) {
      return PTransformReplacement.of(
          transform.getPipeline().begin(),
          Read.from(ClosableReadersSource.of(transform.getTransform().getSource(), job)));
    }

    @Override
    public Map<PCollection<?>, ReplacementOutput> mapOutputs(
        Map<TupleTag<?>, PCollection<?>> outputs, PCollection<T> newOutput) {
      return ReplacementOutputs.singleton(outputs, newOutput);
    }
  }

  /** The DirectRunner's result; the first time it is seen ended, the job's readers are closed. */
  private record Job(long id, PipelineResult result) implements PipelineResult {
    @Override
    public State getState() {
      return ended(result.getState());
    }

    @Override
    public State cancel() throws IOException {
      try {
        return result.cancel();
      } finally {
        end();
      }
    }

    @Override
    public State waitUntilFinish(Duration duration) {
      try {
        return ended(result.waitUntilFinish(duration));
      } catch (RuntimeException failed) {
        endAfter(failed);
        throw failed;
      }
    }

    @Override
    public State waitUntilFinish() {
      try {
        return ended(result.waitUntilFinish());
      } catch (RuntimeException failed) {
        endAfter(failed);
        throw failed;
      }
    }

    @Override
    public MetricResults metrics() {
      return result.metrics();
    }

    private @Nullable State ended(@Nullable State state) {
      if (state != null && state.isTerminal()) {
        try {
          end();
        } catch (IOException e) {
          throw new IllegalStateException("could not close the readers of ended job " + id, e);
        }
      }
      return state;
    }

    private void endAfter(RuntimeException failure) {
      try {
        end();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }

    private void end() throws IOException {
      RUNNING.remove(this);
      ClosableReadersSource.closeReaders(id);
    }
  }
}
