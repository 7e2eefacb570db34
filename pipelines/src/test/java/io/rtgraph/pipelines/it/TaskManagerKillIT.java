package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord;
import java.util.List;
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
    List<GeneratedRecord> records = TestEvents.forFault(SourceTopic.PLAYBACK, 41, 4000, 0.01);
    try (FaultRun run =
        FaultRun.reading(
                "tm-kill", SourceTopic.PLAYBACK, records, KAFKA.bootstrapServers(), CATALOGS.path())
            .onSessionCluster(FLINK.cluster().restAddress())
            .flags(
                "--stateBackend=rocksdb",
                "--stateBackendStoragePath=" + FLINK.cluster().checkpointsDir().toUri())
            .launch()) {
      run.awaitMidStream(true);
      long killedAt = System.currentTimeMillis();
      FLINK.cluster().killTaskManager(0);
      FLINK.cluster().startTaskManager(0);
      FaultReport report =
          run.assertCompleteAfterDrain(
              "TaskManager killed with SIGKILL mid-stream and started again",
              records,
              run.recoveryMillis(killedAt),
              "restored from the last checkpoint (RocksDB)");
      assertThat(report.restarts(), greaterThanOrEqualTo(1L));
    }
  }
}
