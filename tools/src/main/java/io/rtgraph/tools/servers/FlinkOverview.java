package io.rtgraph.tools.servers;

/** A Flink cluster's {@code GET /overview}: its TaskManagers, their slots and the jobs by state. */
public record FlinkOverview(
    int taskManagers,
    int slotsTotal,
    int slotsAvailable,
    int jobsRunning,
    int jobsFinished,
    int jobsCancelled,
    int jobsFailed,
    String flinkVersion) {

  @Override
  public String toString() {
    return "%d TaskManager(s), %d slot(s) (%d free), %d running job(s)"
        .formatted(taskManagers, slotsTotal, slotsAvailable, jobsRunning);
  }
}
