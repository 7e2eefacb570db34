package io.rtgraph.pipelines.launch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A job watched through its Beam pipeline result alone, as on the DirectRunner: counters and state,
 * no restarts (a failure fails the pipeline), and no drain.
 */
final class ResultJob implements SupervisedJob {
  private final PipelineResult result;
  private final String runner;

  ResultJob(PipelineResult result, String runner) {
    this.result = result;
    this.runner = runner;
  }

  @Override
  public CounterSnapshot counters() {
    return CounterSnapshot.of(result);
  }

  @Override
  public JobHealth health() {
    PipelineResult.State state = result.getState();
    return new JobHealth(state.name(), 0, true, state == PipelineResult.State.FAILED ? failure() : null);
  }

  @Override
  public String drain(Duration timeout) {
    throw new UnsupportedOperationException("the " + runner + " cannot drain a job");
  }

  @Override
  public void cancel() throws IOException {
    result.cancel();
  }

  /** The failed pipeline's exception and its causes, one a line: the root cause last. */
  private @Nullable String failure() {
    try {
      result.waitUntilFinish(org.joda.time.Duration.millis(1));
      return null;
    } catch (RuntimeException e) {
      List<String> lines = new ArrayList<>();
      for (Throwable cause = e; cause != null && lines.size() < 8; cause = cause.getCause()) {
        lines.add((lines.isEmpty() ? "" : "Caused by: ") + cause);
      }
      return String.join(System.lineSeparator(), lines);
    }
  }
}
