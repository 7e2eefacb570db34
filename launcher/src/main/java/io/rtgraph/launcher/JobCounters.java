package io.rtgraph.launcher;

/** Where the counters of a running job are read from: the runner's result or its REST API. */
@FunctionalInterface
public interface JobCounters {
  /** The counters now; empty when the job reports none (yet, or any longer). */
  CounterSnapshot read();
}
