package io.rtgraph.pipelines.launch;

import io.rtgraph.pipelines.options.FlagDurations;
import io.rtgraph.pipelines.options.RunOptions;
import io.rtgraph.transforms.GraphMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;

/**
 * Watches a launched pipeline: prints a progress line every {@code --progressSeconds}, and with
 * {@code --exitAfterIdle} stops the job once its input is drained, that is when no record has been
 * read and no merge buffer has been open for that long. It ends with a summary line of the
 * counters.
 *
 * <p>Runner configurations launch jobs without blocking ({@code --attachedMode=false} on Flink,
 * {@code --blockOnRun=false} on the DirectRunner), so that this can watch the metrics while the
 * job runs; without {@code --exitAfterIdle} it simply waits for the job to end.
 */
public final class PipelineSupervisor {
  private static final long POLL_MILLIS = 1000;
  /** How long a job that has read nothing at all may take to start before it counts as idle. */
  private static final long STARTUP_GRACE_MILLIS = 60_000;

  private final String label;
  private final PrintStream out;

  public PipelineSupervisor(String label, PrintStream out) {
    this.label = label;
    this.out = out;
  }

  /** Watches until the job ends (or is stopped when drained); returns the process exit code. */
  public int supervise(PipelineResult result, RunOptions options) {
    return supervise(result, () -> CounterSnapshot.of(result), options);
  }

  /** As {@link #supervise(PipelineResult, RunOptions)}, reading counters from the given source. */
  public int supervise(PipelineResult result, JobCounters source, RunOptions options) {
    if (options.getDetach()) {
      out.printf("[%s] submitted; the job runs on until stopped (state %s)%n", label, result.getState());
      return 0;
    }
    Duration exitAfterIdle =
        options.getExitAfterIdle().isBlank()
            ? null
            : FlagDurations.parse("exitAfterIdle", options.getExitAfterIdle());
    long progressMillis = options.getProgressSeconds() * 1000L;
    long launched = System.currentTimeMillis();
    long lastProgress = launched;
    long lastChange = launched;
    String lastActivity = "";
    CounterSnapshot counters = source.read();
    PipelineResult.State state = result.getState();
    while (!state.isTerminal()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
      CounterSnapshot now = source.read();
      if (!now.isEmpty()) {
        counters = now;
      }
      long time = System.currentTimeMillis();
      String activity = counters.get(GraphMetrics.RECORDS_IN) + "/" + counters.get(GraphMetrics.EMITTED_UPDATES) + "/" + counters.buffered();
      if (!activity.equals(lastActivity) || counters.buffered() != 0) {
        lastActivity = activity;
        lastChange = time;
      }
      if (progressMillis > 0 && time - lastProgress >= progressMillis) {
        lastProgress = time;
        out.printf("[%s] %ds %s%n", label, (time - launched) / 1000, counters.summary());
      }
      state = result.getState();
      boolean started =
          counters.get(GraphMetrics.RECORDS_IN) > 0 || time - launched >= STARTUP_GRACE_MILLIS;
      if (exitAfterIdle != null
          && started
          && !state.isTerminal()
          && time - lastChange >= exitAfterIdle.getMillis()) {
        out.printf("[%s] input drained (idle for %s); stopping the job%n", label, exitAfterIdle);
        cancel(result);
        out.printf("[%s] summary %s%n", label, counters.summary());
        return 0;
      }
    }
    // A finished job's own result has the final counters; a live source may be gone by now.
    CounterSnapshot last = CounterSnapshot.of(result);
    if (last.isEmpty()) {
      last = source.read();
    }
    out.printf("[%s] job ended %s; summary %s%n", label, state, (last.isEmpty() ? counters : last).summary());
    return state == PipelineResult.State.DONE || state == PipelineResult.State.CANCELLED ? 0 : 1;
  }

  private void cancel(PipelineResult result) {
    try {
      result.cancel();
    } catch (IOException | UnsupportedOperationException e) {
      out.printf("[%s] could not cancel the job: %s%n", label, e);
    }
  }
}
