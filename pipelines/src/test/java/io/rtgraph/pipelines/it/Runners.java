package io.rtgraph.pipelines.it;

import java.util.List;

/** The runner flags the integration tests use: the runner configs' settings, at test scale. */
final class Runners {
  /** The DirectRunner, closing its jobs' readers when they end; see {@link ClosingDirectRunner}. */
  static final String DIRECT = "--runner=" + ClosingDirectRunner.class.getName();

  private Runners() {}

  static List<String> args(String runner) {
    switch (runner) {
      case "direct":
        return List.of(DIRECT, "--blockOnRun=false", "--targetParallelism=2");
      case "flink":
        return List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--streaming=true",
            "--attachedMode=false",
            "--parallelism=2",
            "--checkpointingInterval=2000",
            "--fasterCopy=true");
      default:
        throw new IllegalArgumentException("unknown runner " + runner);
    }
  }

  /** A streaming job submitted, with the job jar, to the session cluster at {@code restAddress}. */
  static List<String> sessionCluster(String restAddress) {
    return List.of(
        "--runner=FlinkRunner",
        "--flinkMaster=" + restAddress,
        "--filesToStage=" + FlinkCluster.jobJar(),
        "--streaming=true",
        "--attachedMode=false",
        "--parallelism=2",
        "--checkpointingInterval=2000");
  }
}
