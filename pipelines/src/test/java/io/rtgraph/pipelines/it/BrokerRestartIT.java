package io.rtgraph.pipelines.it;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.transforms.GraphMetrics;
import io.rtgraph.transforms.testing.Await;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The broker is stopped and started again (same data) while a job on embedded Flink reads from it.
 */
public class BrokerRestartIT {
  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Test
  public void aBrokerRestartMidStreamLosesNothing() throws Exception {
    String name = "broker-restart-" + System.nanoTime();
    List<GeneratedRecord> records = TestEvents.forFault(SourceTopic.LIVE, 31, 4000, 0.01);
    ProducedRecords.produce(KAFKA.bootstrapServers(), name, records);
    FaultRun run =
        FaultRun.of(name, SourceTopic.LIVE, KAFKA.bootstrapServers(), CATALOGS.path()).launch();
    try {
      Await.until(
          "the job is mid-stream",
          FaultRun.DEADLINE,
          () -> run.counters().get(GraphMetrics.RECORDS_IN) > 300);
      long down = System.currentTimeMillis();
      KAFKA.kafka().restart();
      long up = System.currentTimeMillis();
      long recovery = run.recoveryMillis(up);
      FaultReport report =
          run.drainAndCompare(
              "broker restart mid-stream",
              records,
              recovery,
              "broker down for " + (up - down) + " ms; recovery counted from the broker's return");
      System.out.println(report.line());
      report.assertGraphComplete();
    } finally {
      run.cancel();
    }
  }
}
