package io.rtgraph.pipelines.it;

/**
 * What a fault test measured: elements lost (must be 0), update records repeated verbatim
 * (allowed, since updates are idempotent, but counted), job restarts, and the time from the fault
 * to the first checkpoint completed after it ended.
 */
record FaultReport(String fault, long expectedElements, long lost, long duplicates, long restarts, long recoveryMillis, String note) {

  /** The line the tests print and docs/reliability.md quotes. */
  String line() {
    return String.format(
        "fault: %s | elements=%d lost=%d duplicate_updates=%d restarts=%d recovery_ms=%s | %s",
        fault, expectedElements, lost, duplicates, restarts, recoveryMillis < 0 ? "n/a" : String.valueOf(recoveryMillis), note);
  }
}
