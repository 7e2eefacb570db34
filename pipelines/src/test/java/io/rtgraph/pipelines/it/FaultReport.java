package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.tools.graph.GraphDiff;

/**
 * What a fault test measured once the job had drained (or the drain deadline passed), from one read
 * of the graph topics compared once with the independently computed graph: expected elements absent
 * ({@code lost}), elements not expected ({@code extra}), elements present with another merged value
 * ({@code different}), update records repeated verbatim (allowed, since updates are idempotent, but
 * counted), job restarts, and the time from the fault to the first checkpoint completed after it.
 */
record FaultReport(
    String fault,
    long expectedElements,
    GraphDiff diff,
    long duplicates,
    long lastPublishedMillis,
    long restarts,
    long recoveryMillis,
    JobDrain.State drain,
    String note) {

  long lost() {
    return diff.missing().size();
  }

  long extra() {
    return diff.extra().size();
  }

  long different() {
    return diff.differing().size();
  }

  FaultReport withNote(String newNote) {
    return new FaultReport(
        fault,
        expectedElements,
        diff,
        duplicates,
        lastPublishedMillis,
        restarts,
        recoveryMillis,
        drain,
        newNote);
  }

  /** The line the tests print and docs/reliability.md quotes. */
  String line() {
    return String.format(
        "fault: %s | elements=%d lost=%d extra=%d different=%d duplicate_updates=%d restarts=%d recovery_ms=%s | %s | %s",
        fault,
        expectedElements,
        lost(),
        extra(),
        different(),
        duplicates,
        restarts,
        recoveryMillis < 0 ? "n/a" : String.valueOf(recoveryMillis),
        drain,
        note);
  }

  /**
   * The assertions every fault test makes: nothing lost, nothing extra, nothing different, nothing
   * wedged.
   */
  void assertGraphComplete() {
    GraphAssertions.assertSameGraph(diff);
    assertThat("the job drained: " + drain, drain.drained(), equalTo(true));
  }
}
