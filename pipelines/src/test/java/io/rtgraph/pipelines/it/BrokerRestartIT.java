package io.rtgraph.pipelines.it;

import io.rtgraph.model.SourceTopic;
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
    FaultRun.reading(
            "broker-restart", SourceTopic.LIVE, 31, 4000, KAFKA.bootstrapServers(), CATALOGS.path())
        .assertNothingLostThrough(
            "broker restart mid-stream",
            run -> {
              run.awaitMidStream(false);
              long down = System.currentTimeMillis();
              KAFKA.kafka().restart();
              long up = System.currentTimeMillis();
              return new FaultRun.Struck(
                  up,
                  "broker down for "
                      + (up - down)
                      + " ms; recovery counted from the broker's return");
            });
  }
}
