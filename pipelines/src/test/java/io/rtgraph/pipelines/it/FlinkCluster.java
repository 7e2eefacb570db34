package io.rtgraph.pipelines.it;

import io.rtgraph.tools.servers.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real Flink session cluster (JobManager and TaskManagers as separate JVMs) for a test class. */
public final class FlinkCluster extends LocalServerRule<LocalFlinkCluster> {
  public FlinkCluster(int taskManagers, int slots) {
    super(
        "rtgraph-it-flink",
        dataDir ->
            LocalFlinkCluster.builder()
                .dataDir(dataDir)
                .taskManagers(taskManagers)
                .slotsPerTaskManager(slots)
                .start());
  }

  public LocalFlinkCluster cluster() {
    return server();
  }

  /** The job jar the cluster receives, built by this module's package phase. */
  public static Path jobJar() {
    Path jar = Path.of("target", "rtgraph-job.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run mvn package (or verify) first");
    }
    return jar;
  }
}
