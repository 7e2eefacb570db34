package io.rtgraph.launcher;

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
  private @Nullable String failure;

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
    PipelineResult.State state = state();
    return new JobHealth(state.name(), 0, true, failure);
  }

  /**
   * Asks by waiting a moment for the end rather than by {@code getState}: the DirectRunner's result
   * throws a failed pipeline's exception from its wait only until its state has been read as
   * FAILED, and the exception is what the launcher prints.
   */
  @Override
  public PipelineResult.State state() {
    try {
      PipelineResult.State ended = result.waitUntilFinish(org.joda.time.Duration.millis(1));
      return ended == null ? PipelineResult.State.RUNNING : ended;
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = describe(e);
      }
      return PipelineResult.State.FAILED;
    }
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
  private static String describe(Throwable failure) {
    List<String> lines = new ArrayList<>();
    for (Throwable cause = failure; cause != null && lines.size() < 8; cause = cause.getCause()) {
      lines.add((lines.isEmpty() ? "" : "Caused by: ") + cause);
    }
    return String.join(System.lineSeparator(), lines);
  }
}
