package io.rtgraph.launcher;

import java.io.IOException;
import java.time.Duration;
import org.apache.beam.sdk.PipelineResult;

/** A launched job as the supervisor watches and stops it, whatever the runner. */
public interface SupervisedJob {
  /** The counters now; empty when the job reports none (yet, or any longer). */
  CounterSnapshot counters();

  /** The job's state, restarts and newest failure now. */
  JobHealth health();

  /** The job's state as Beam names it, to know when it has ended. */
  PipelineResult.State state();

  /**
   * Stops the job so that nothing it has read is lost: buffered state flushed, sinks committed.
   * Returns what was done, for the launcher's output.
   *
   * @throws UnsupportedOperationException when the runner cannot drain a job
   * @throws IOException when the drain failed or did not complete in time (the job may still run)
   */
  String drain(Duration timeout) throws IOException;

  /** Stops the job at once; whatever its sinks have not committed is lost. */
  void cancel() throws IOException;
}
