package io.rtgraph.pipelines.it;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads of Flink's REST API for a test's polls: an answer that does not come (the job or the
 * cluster not up yet, or restarting) reads as "not yet", and the next poll asks again.
 */
final class RestPoll {
  private RestPoll() {}

  /** The id of the running job of that name; null when there is none or no answer. */
  static @Nullable String jobId(FlinkRest rest, String jobName) {
    try {
      return rest.runningJob(jobName).map(FlinkRest.Job::id).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** Waits until a job of that name runs, and returns its id. */
  static String awaitRunningJob(FlinkRest rest, String jobName, String what, Duration deadline) {
    return Await.until(what, deadline, () -> jobId(rest, jobName), id -> id != null);
  }

  /** The job's counters of the graph's namespace; none when {@code jobId} is null or no answer. */
  static CounterSnapshot counters(FlinkRest rest, @Nullable String jobId) {
    try {
      return jobId == null
          ? CounterSnapshot.of(Map.of())
          : CounterSnapshot.of(rest.counters(jobId, GraphMetric.NAMESPACE + "_"));
    } catch (IOException e) {
      return CounterSnapshot.of(Map.of());
    }
  }

  /** Waits until the job has completed a checkpoint. */
  static void awaitCheckpoint(FlinkRest rest, String jobId, String what, Duration deadline) {
    Await.until(what, deadline, () -> completedCheckpoints(rest, jobId), n -> n > 0);
  }

  /** Checkpoints the job completed; 0 when no answer. */
  static long completedCheckpoints(FlinkRest rest, String jobId) {
    try {
      return rest.checkpoints(jobId).completed();
    } catch (IOException e) {
      return 0;
    }
  }
}
