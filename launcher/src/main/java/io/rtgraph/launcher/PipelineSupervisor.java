package io.rtgraph.launcher;

import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.GraphMetric;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Watches a launched pipeline: prints a progress line every {@code --progressInterval}, and with
 * {@code --exitAfterIdle} stops the job once its input is drained. It ends with a summary line of
 * the counters.
 *
 * <p>A job is drained when, for that long, it has read and emitted nothing new and no merge buffer
 * is open, and it is healthy: running with every task up, not restarted during the quiet, and, if
 * it has read nothing at all, its source holds no record its consumer group has not consumed. Only
 * then is it stopped with a drain (on Flink, stop-with-savepoint with {@code drain=true}: timers
 * fire, buffers flush, the Iceberg sinks make their final commit, the Kafka producers flush). A
 * quiet job that is failing, restarting, or stuck before its first record is cancelled and
 * reported, with the newest failure from the runner.
 *
 * <p>The exit codes: {@value #EXIT_OK} the job finished, or was drained; {@value #EXIT_FAILED} it
 * failed; {@value #EXIT_FAILING} it was quiet because it is failing or restarting; {@value
 * #EXIT_STUCK} it read nothing while its source held records; {@value #EXIT_DRAIN_FAILED} the drain
 * did not complete (the job was cancelled; output not yet committed is lost). The launchers use 2
 * for a launch refused over a bad flag, topic or file.
 *
 * <p>Runner configurations launch jobs without blocking ({@code --attachedMode=false} on Flink,
 * {@code --blockOnRun=false} on the DirectRunner), so that this can watch the metrics while the job
 * runs; without {@code --exitAfterIdle} it simply waits for the job to end.
 */
public final class PipelineSupervisor {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_FAILING = 3;
  public static final int EXIT_STUCK = 4;
  public static final int EXIT_DRAIN_FAILED = 5;

  private static final long POLL_MILLIS = 1000;

  /** How long a job that has read nothing at all may take to start before it counts as idle. */
  private static final long STARTUP_GRACE_MILLIS = 60_000;

  /**
   * Time for the final savepoint and commits; they wait for the checkpoint lock and the catalog.
   */
  private static final FlagDurations.SecondsAlias PROGRESS_INTERVAL =
      FlagDurations.withSecondsAlias("progressInterval", "progressSeconds");

  private static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofMinutes(5);

  private final String label;
  private final PrintStream out;
  private final @Nullable SourceBacklog source;

  public PipelineSupervisor(String label, PrintStream out) {
    this(label, out, null);
  }

  private PipelineSupervisor(String label, PrintStream out, @Nullable SourceBacklog source) {
    this.label = label;
    this.out = out;
    this.source = source;
  }

  /**
   * Also checks, before calling a job that read nothing drained, that its source holds nothing
   * unread.
   */
  public PipelineSupervisor watchingSource(SourceBacklog backlog) {
    return new PipelineSupervisor(label, out, backlog);
  }

  /** Watches a job through its pipeline result alone (as on the DirectRunner). */
  public int supervise(PipelineResult result, RunOptions options) {
    return supervise(result, new ResultJob(result, options.getRunner().getSimpleName()), options);
  }

  /** Watches until the job ends, or is stopped when quiet; returns the process exit code. */
  public int supervise(PipelineResult result, SupervisedJob job, RunOptions options) {
    if (options.getDetach()) {
      out.printf("[%s] submitted; the job runs on until stopped (state %s)%n", label, job.state());
      return EXIT_OK;
    }
    Duration exitAfterIdle =
        options.getExitAfterIdle().isBlank()
            ? null
            : FlagDurations.parse("exitAfterIdle", options.getExitAfterIdle());
    long progressMillis = progressInterval(options).getMillis();
    long launched = System.currentTimeMillis();
    long lastProgress = launched;
    Progress progress = new Progress(launched);
    CounterSnapshot counters = job.counters();
    JobHealth health = JobHealth.unknown();
    long restartsReported = 0;
    PipelineResult.State state = job.state();
    while (!state.isTerminal()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
      CounterSnapshot now = job.counters();
      if (!now.isEmpty()) {
        counters = now;
      }
      health = job.health();
      long time = System.currentTimeMillis();
      progress.observe(counters, health, time);
      if (health.restarts() > restartsReported) {
        restartsReported = health.restarts();
        out.printf(
            "[%s] the job restarted (%d restarts so far): %s%n",
            label, restartsReported, rootCause(health.failure()));
      }
      if (progressMillis > 0 && time - lastProgress >= progressMillis) {
        lastProgress = time;
        out.printf(
            "[%s] %ds %s%s%n",
            label,
            (time - launched) / 1000,
            counters.summary(),
            health.healthy() ? "" : " job=" + health.state() + " restarts=" + health.restarts());
      }
      state = job.state();
      boolean started = progress.recordsIn > 0 || time - launched >= STARTUP_GRACE_MILLIS;
      if (exitAfterIdle != null
          && started
          && !state.isTerminal()
          && time - progress.lastChange >= exitAfterIdle.getMillis()) {
        Integer exit =
            stopWhenQuiet(job, health, progress, exitAfterIdle, time - progress.lastChange);
        if (exit != null) {
          CounterSnapshot last = job.counters();
          out.printf("[%s] summary %s%n", label, (last.isEmpty() ? counters : last).summary());
          return exit;
        }
      }
    }
    // A finished job's own result has the final counters; a live source may be gone by now.
    CounterSnapshot last = CounterSnapshot.of(result);
    if (last.isEmpty()) {
      last = job.counters();
    }
    if (state == PipelineResult.State.FAILED) {
      JobHealth ended = job.health();
      String failure = ended.failure() != null ? ended.failure() : health.failure();
      out.printf(
          "[%s] job FAILED: %s%n",
          label, failure == null ? "the runner reported no exception" : indent(failure));
    }
    out.printf(
        "[%s] job ended %s; summary %s%n",
        label, state, (last.isEmpty() ? counters : last).summary());
    return state == PipelineResult.State.DONE || state == PipelineResult.State.CANCELLED
        ? EXIT_OK
        : EXIT_FAILED;
  }

  /**
   * Decides what a quiet job is, and stops it: drained, failing, or stuck. Returns the exit code,
   * or null to keep watching (tasks still coming up).
   */
  private @Nullable Integer stopWhenQuiet(
      SupervisedJob job, JobHealth health, Progress progress, Duration idle, long quietMillis) {
    long restartsInQuiet = health.restarts() - progress.restartsAtLastChange;
    if (health.failing() || restartsInQuiet > 0) {
      out.printf(
          "[%s] NOT drained: quiet for %ds because the job is failing: state %s, %d restarts (%d while quiet)."
              + " Newest failure:%n%s%n",
          label,
          quietMillis / 1000,
          health.state(),
          health.restarts(),
          restartsInQuiet,
          indent(describe(health.failure())));
      cancel(job);
      return EXIT_FAILING;
    }
    if (!health.healthy()) {
      if (quietMillis < idle.getMillis() + STARTUP_GRACE_MILLIS) {
        return null; // tasks being deployed or restored: not quiet yet
      }
      out.printf(
          "[%s] NOT drained: the job's tasks have not all been RUNNING for %ds (state %s)%n",
          label, quietMillis / 1000, health.state());
      cancel(job);
      return EXIT_FAILING;
    }
    if (progress.recordsIn == 0 && source != null) {
      String unread;
      try {
        long count = source.unread();
        unread = count == 0 ? null : count + " records its consumer group has not consumed";
      } catch (Exception e) {
        unread = "records, for all the launcher knows: its offsets cannot be read (" + e + ")";
      }
      if (unread != null) {
        out.printf(
            "[%s] NOT drained: the job has read nothing while topic %s holds %s.%s%n",
            label,
            source.topic(),
            unread,
            health.failure() == null
                ? ""
                : " Newest failure:" + System.lineSeparator() + indent(health.failure()));
        cancel(job);
        return EXIT_STUCK;
      }
    }
    out.printf("[%s] input drained (idle for %s); stopping the job with a drain%n", label, idle);
    try {
      out.printf("[%s] %s%n", label, job.drain(DRAIN_TIMEOUT));
      return EXIT_OK;
    } catch (UnsupportedOperationException e) {
      out.printf(
          "[%s] %s: cancelling it instead, which loses what the sinks have not committed yet"
              + " (Iceberg rows since the last commit)%n",
          label, e.getMessage());
      cancel(job);
      return EXIT_OK;
    } catch (IOException e) {
      out.printf(
          "[%s] the drain failed, cancelling the job; what the sinks have not committed is lost: %s%n",
          label, e.getMessage());
      cancel(job);
      return EXIT_DRAIN_FAILED;
    }
  }

  private void cancel(SupervisedJob job) {
    try {
      job.cancel();
    } catch (IOException | RuntimeException e) {
      out.printf("[%s] could not cancel the job: %s%n", label, e);
    }
  }

  /** {@code --progressInterval}, or its deprecated alias {@code --progressSeconds}. */
  static Duration progressInterval(RunOptions options) {
    return PROGRESS_INTERVAL.read(
        options, options.getProgressInterval(), options.getProgressSeconds());
  }

  private static String describe(@Nullable String failure) {
    return failure == null ? "(the runner reported no exception)" : failure;
  }

  /** The last of the failure's lines: its innermost cause, and the task it came from. */
  private static String rootCause(@Nullable String failure) {
    return describe(failure).lines().reduce((first, second) -> second).orElse("");
  }

  private static String indent(String text) {
    return text.lines()
        .map(line -> "    " + line)
        .reduce((a, b) -> a + System.lineSeparator() + b)
        .orElse("");
  }

  /**
   * Whether the job is still making progress. Counters restart from zero when Flink restarts a
   * job's tasks, so progress is a new high of records read or updates emitted, or an open merge
   * buffer: a job that rereads the same records after each restart is not progressing. Buffers
   * restored from a checkpoint were opened before the restart, so the count open can go negative;
   * only a positive one is activity (the drain flushes whatever is still open).
   */
  private static final class Progress {
    long recordsIn;
    long emitted;
    long lastChange;
    long restartsAtLastChange;

    Progress(long launched) {
      this.lastChange = launched;
    }

    void observe(CounterSnapshot counters, JobHealth health, long time) {
      long in = counters.get(GraphMetric.RECORDS_IN);
      long out = counters.get(GraphMetric.EMITTED_UPDATES);
      if (in > recordsIn || out > emitted || counters.buffered() > 0) {
        recordsIn = Math.max(recordsIn, in);
        emitted = Math.max(emitted, out);
        lastChange = time;
        restartsAtLastChange = health.restarts();
      }
    }
  }
}
