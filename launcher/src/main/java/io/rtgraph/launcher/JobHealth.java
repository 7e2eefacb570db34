package io.rtgraph.launcher;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the runner says about a running job's health at one moment.
 *
 * @param state the runner's job state, e.g. RUNNING, RESTARTING, FAILING (Flink) or RUNNING, FAILED
 *     (Beam)
 * @param restarts how often the job has restarted since it was submitted
 * @param tasksRunning whether every task of the job is running (always true where a runner has no
 *     tasks to report)
 * @param failure the newest failure's message and causes, or null when the job never failed
 */
public record JobHealth(
    String state, long restarts, boolean tasksRunning, @Nullable String failure) {

  /** A job whose health cannot be read (not up yet, or already gone). */
  public static JobHealth unknown() {
    return new JobHealth("UNKNOWN", 0, false, null);
  }

  /** Failing or restarting now: never a drained job, whatever its counters say. */
  public boolean failing() {
    return state.equals("FAILING") || state.equals("RESTARTING") || state.equals("FAILED");
  }

  /** Running with every task up: the only state in which a quiet job may count as drained. */
  public boolean healthy() {
    return state.equals("RUNNING") && tasksRunning;
  }
}
