package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.rtgraph.model.SourceTopic;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The TaskManager process of a session cluster is killed with SIGKILL (kill -9) mid-stream and
 * started again; the job restarts from its last checkpoint on the new TaskManager.
 */
public class TaskManagerKillIT {
  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final FlinkCluster FLINK = new FlinkCluster(1, 4);
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Test
  public void killingTheTaskManagerMidStreamLosesNothing() throws Exception {
    FaultReport report =
        FaultRun.reading(
                "tm-kill",
                SourceTopic.PLAYBACK,
                41,
                4000,
                KAFKA.bootstrapServers(),
                CATALOGS.path())
            .onSessionCluster(FLINK.cluster().restAddress())
            .flags(
                "--stateBackend=rocksdb",
                "--stateBackendStoragePath=" + FLINK.cluster().checkpointsDir().toUri())
            .assertNothingLostThrough(
                "TaskManager killed with SIGKILL mid-stream and started again",
                run -> {
                  run.awaitMidStream(true);
                  long killedAt = System.currentTimeMillis();
                  FLINK.cluster().killTaskManager(0);
                  FLINK.cluster().startTaskManager(0);
                  return new FaultRun.Struck(
                      killedAt, "restored from the last checkpoint (RocksDB)");
                });
    assertThat(report.restarts(), greaterThanOrEqualTo(1L));
  }
}
