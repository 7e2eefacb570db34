package io.rtgraph.pipelines.it;

import io.rtgraph.tools.servers.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.rules.ExternalResource;

/** A real Flink session cluster (JobManager and TaskManagers as separate JVMs) for a test class. */
public final class FlinkCluster extends ExternalResource {
  private final int taskManagers;
  private final int slots;
  private LocalFlinkCluster cluster;

  public FlinkCluster(int taskManagers, int slots) {
    this.taskManagers = taskManagers;
    this.slots = slots;
  }

  @Override
  protected void before() throws Throwable {
    Path dataDir = Files.createTempDirectory("rtgraph-it-flink");
    cluster =
        LocalFlinkCluster.builder()
            .dataDir(dataDir)
            .taskManagers(taskManagers)
            .slotsPerTaskManager(slots)
            .start();
  }

  @Override
  protected void after() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  public LocalFlinkCluster cluster() {
    return cluster;
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
