package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.transforms.GraphMetrics;
import io.rtgraph.transforms.testing.Await;
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
    String name = "tm-kill-" + System.nanoTime();
    List<GeneratedRecord> records = TestEvents.forFault(SourceTopic.PLAYBACK, 41, 4000, 0.01);
    ProducedRecords.produce(KAFKA.bootstrapServers(), name, records);
    FaultRun run =
        FaultRun.of(name, SourceTopic.PLAYBACK, KAFKA.bootstrapServers(), CATALOGS.path())
            .onSessionCluster(FLINK.cluster().restAddress())
            .flags(
                "--stateBackend=rocksdb",
                "--stateBackendStoragePath=" + FLINK.cluster().checkpointsDir().toUri())
            .launch();
    try {
      Await.until(
          "the job is mid-stream with a checkpoint",
          FaultRun.DEADLINE,
          () -> run.counters().get(GraphMetrics.RECORDS_IN) > 300 && run.recoveryMillis(0) > 0);
      long killedAt = System.currentTimeMillis();
      FLINK.cluster().killTaskManager(0);
      FLINK.cluster().startTaskManager(0);
      long recovery = run.recoveryMillis(killedAt);
      FaultReport report =
          run.drainAndCompare(
              "TaskManager killed with SIGKILL mid-stream and started again",
              records,
              recovery,
              "restored from the last checkpoint (RocksDB)");
      System.out.println(report.line());
      report.assertGraphComplete();
      assertThat(report.restarts(), greaterThanOrEqualTo(1L));
    } finally {
      run.cancel();
    }
  }
}
