package io.rtgraph.launcher;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How the launcher watches a running pipeline. */
public interface RunOptions extends PipelineOptions {

  @Description(
      "Stop the job once it has read nothing new and holds no buffered update for this long"
          + " (e.g. 15s): for demos, tests and catch-up runs. Empty (the default) runs until stopped.")
  @Default.String("")
  String getExitAfterIdle();

  void setExitAfterIdle(String value);

  @Description(
      "Return as soon as the job is submitted, leaving it running on the cluster (for a remote"
          + " Flink cluster; an embedded mini-cluster ends with the launching process).")
  @Default.Boolean(false)
  boolean getDetach();

  void setDetach(boolean value);

  @Description("Print a progress line this often (e.g. 10s, 1m); 0s prints none.")
  @Default.String("10s")
  String getProgressInterval();

  void setProgressInterval(String value);

  @Description(
      "Deprecated name of --progressInterval, in seconds; still accepted, and if both are given"
          + " they must agree.")
  Integer getProgressSeconds();

  void setProgressSeconds(Integer value);
}
