package io.rtgraph.launcher;

import io.rtgraph.transforms.GraphMetric;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A job on Flink, watched through Flink's REST API: its counters, its state, restarts and
 * exceptions, and its drain, Flink's stop-with-savepoint with {@code drain=true}.
 *
 * <p>The drain advances the watermark to the end of time before the final savepoint, so every
 * event-time timer fires: the merge buffers flush, and the Iceberg writers' global window ends,
 * which makes them emit their last files and commit them. The job then ends FINISHED.
 */
final class FlinkRestJob implements SupervisedJob {
  /** Lines of a failure to show: its first line and its causes. */
  private static final int FAILURE_LINES = 8;

  /** How long a drained job may take to report FINISHED after its savepoint completed. */
  private static final Duration DRAIN_END_WAIT = Duration.ofSeconds(60);

  private final FlinkRest rest;
  private final String jobName;
  private final PipelineResult result;
  private final @Nullable String savepointDirectory;
  private @Nullable String jobId;
  private PipelineResult.State lastState = PipelineResult.State.UNKNOWN;

  /**
   * @param savepointDirectory where the drain's savepoint goes; null for the cluster's {@code
   *     state.savepoints.dir}
   */
  FlinkRestJob(
      String restAddress,
      String jobName,
      PipelineResult result,
      @Nullable String savepointDirectory) {
    this.rest = new FlinkRest(restAddress);
    this.jobName = jobName;
    this.result = result;
    this.savepointDirectory = savepointDirectory;
  }

  @Override
  public CounterSnapshot counters() {
    try {
      String id = jobId();
      return id == null
          ? CounterSnapshot.of(Map.of())
          : CounterSnapshot.of(rest.counters(id, GraphMetric.NAMESPACE + "_"));
    } catch (IOException e) {
      return CounterSnapshot.of(Map.of()); // not up yet, or already gone: the caller keeps the last
    }
  }

  @Override
  public JobHealth health() {
    try {
      String id = jobId();
      if (id == null) {
        return JobHealth.unknown();
      }
      String state = rest.state(id);
      return new JobHealth(
          state,
          rest.restarts(id),
          "RUNNING".equals(state) && rest.allTasksUp(id),
          rest.latestFailure(id, FAILURE_LINES));
    } catch (IOException e) {
      // An embedded mini-cluster shuts down with its job: the result may still know how it ended.
      return new JobHealth(state().name(), 0, false, null);
    }
  }

  /**
   * From the pipeline result; an embedded mini-cluster shuts down once its job has ended, and its
   * result can no longer be asked, so then from the state Flink last reported.
   */
  @Override
  public PipelineResult.State state() {
    try {
      PipelineResult.State state = result.getState();
      lastState = state;
      return state;
    } catch (RuntimeException gone) {
      return lastState.isTerminal() ? lastState : PipelineResult.State.FAILED;
    }
  }

  @Override
  public String drain(Duration timeout) throws IOException {
    String id = jobId();
    if (id == null) {
      throw new IOException("no job named " + jobName + " on Flink");
    }
    String savepoint = rest.stopWithSavepoint(id, savepointDirectory, true, timeout);
    // The savepoint completes before the job's status turns FINISHED: its tasks still end, and the
    // REST API may report RUNNING for a moment after (seen on the embedded mini-cluster). A job
    // that fails after the savepoint turns FAILED instead. An embedded mini-cluster shuts down
    // once the job has ended, so an API that is gone means the job finished.
    String state = stateAfterDrain(id, Math.min(timeout.toMillis(), DRAIN_END_WAIT.toMillis()));
    if (!"FINISHED".equals(state)) {
      throw new IOException(
          "the drained job "
              + id
              + " is "
              + state
              + ", not FINISHED (savepoint "
              + savepoint
              + ")");
    }
    return "drained (timers fired, sinks flushed and committed) into savepoint " + savepoint;
  }

  /** The job's state once it has left RUNNING, or RUNNING still after {@code waitMillis}. */
  private String stateAfterDrain(String id, long waitMillis) {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (true) {
      String state;
      try {
        state = rest.state(id);
      } catch (IOException gone) {
        return "FINISHED";
      }
      if (!"RUNNING".equals(state) || System.currentTimeMillis() >= deadline) {
        return state;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return state;
      }
    }
  }

  @Override
  public void cancel() throws IOException {
    result.cancel();
  }

  private @Nullable String jobId() throws IOException {
    if (jobId == null) {
      // The newest job of this name in any state: one that fails at once is never RUNNING.
      jobId = rest.newestJob(jobName).map(FlinkRest.Job::id).orElse(null);
    }
    return jobId;
  }
}
