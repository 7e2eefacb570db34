package io.rtgraph.pipelines.it;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord;
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
    List<GeneratedRecord> records = TestEvents.forFault(SourceTopic.LIVE, 31, 4000, 0.01);
    try (FaultRun run =
        FaultRun.reading(
                "broker-restart",
                SourceTopic.LIVE,
                records,
                KAFKA.bootstrapServers(),
                CATALOGS.path())
            .launch()) {
      run.awaitMidStream(false);
      long down = System.currentTimeMillis();
      KAFKA.kafka().restart();
      long up = System.currentTimeMillis();
      run.assertCompleteAfterDrain(
          "broker restart mid-stream",
          records,
          run.recoveryMillis(up),
          "broker down for " + (up - down) + " ms; recovery counted from the broker's return");
    }
  }
}
