package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.GraphMetrics;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.nio.file.Path;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The TaskManager process of a session cluster is killed with SIGKILL (kill -9) mid-stream and
 * started again; the job restarts from its last checkpoint on the new TaskManager.
 */
public class TaskManagerKillIT {
  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final FlinkCluster FLINK = new FlinkCluster(1, 4);
  @ClassRule public static final TemporaryFolder SHARED = new TemporaryFolder();
  private static Path catalogs;

  @BeforeClass
  public static void writeCatalogs() throws Exception {
    catalogs = SHARED.newFolder("catalogs").toPath();
    SampleCatalogs.copyTo(catalogs);
  }

  @Test
  public void killingTheTaskManagerMidStreamLosesNothing() throws Exception {
    String name = "tm-kill-" + System.nanoTime();
    List<GeneratedRecord> records = FaultToleranceIT.generate(SourceTopic.PLAYBACK, 41, 4000, 0.01);
    ProducedRecords.produce(
        KAFKA.bootstrapServers(), KafkaClientProperties.none(), name, 3, records);
    FaultRun run =
        FaultRun.launch(
            name,
            SourceTopic.PLAYBACK,
            name,
            KAFKA.bootstrapServers(),
            KafkaClientProperties.none(),
            FLINK.cluster().restAddress(),
            catalogs,
            List.of(
                "--stateBackend=rocksdb",
                "--stateBackendStoragePath=" + FLINK.cluster().checkpointsDir().toUri()));
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
