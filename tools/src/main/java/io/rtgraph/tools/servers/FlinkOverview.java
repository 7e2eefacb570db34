package io.rtgraph.tools.servers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.KebabCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Flink cluster's {@code GET /overview}: its TaskManagers, their slots and the jobs by state. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(KebabCaseStrategy.class)
public record FlinkOverview(
    @JsonProperty("taskmanagers") int taskManagers,
    int slotsTotal,
    int slotsAvailable,
    int jobsRunning,
    String flinkVersion) {

  @Override
  public String toString() {
    return "%d TaskManager(s), %d slot(s) (%d free), %d running job(s)"
        .formatted(taskManagers, slotsTotal, slotsAvailable, jobsRunning);
  }
}
