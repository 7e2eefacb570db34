package io.rtgraph.tools.servers;

/**
 * What a Flink cluster's REST API reports at {@code GET /overview}: registered TaskManagers, their
 * slots and the jobs by state.
 */
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
    return taskManagers
        + " TaskManager(s), "
        + slotsTotal
        + " slot(s) ("
        + slotsAvailable
        + " free), "
        + jobsRunning
        + " running job(s)";
  }
}
