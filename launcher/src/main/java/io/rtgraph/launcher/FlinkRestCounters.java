package io.rtgraph.launcher;

import io.rtgraph.transforms.GraphMetric;
import java.io.IOException;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a running Flink job's counters from Flink's REST API.
 *
 * <p>Beam's Flink runner hands metrics to the pipeline result only when the job ends; while it runs
 * they live in Flink's metric system, as {@code <step>.rtgraph_<counter>} per operator.
 */
public final class FlinkRestCounters {
  private final FlinkRest rest;
  private final String jobName;
  private @Nullable String jobId;

  public FlinkRestCounters(String restAddress, String jobName) {
    this.rest = new FlinkRest(restAddress);
    this.jobName = jobName;
  }

  /** The counters now; empty when the job is not running (yet, or any longer). */
  public CounterSnapshot read() {
    try {
      if (jobId == null) {
        jobId = rest.runningJob(jobName).map(FlinkRest.Job::id).orElse(null);
      }
      return jobId == null
          ? CounterSnapshot.of(Map.of())
          : CounterSnapshot.of(rest.counters(jobId, GraphMetric.NAMESPACE + "_"));
    } catch (IOException e) {
      return CounterSnapshot.of(Map.of()); // not up yet, or already gone: the caller keeps the last
    }
  }
}
