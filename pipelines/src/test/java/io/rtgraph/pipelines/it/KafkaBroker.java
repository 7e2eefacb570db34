package io.rtgraph.pipelines.it;

import io.rtgraph.tools.servers.LocalKafka;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A real single-node broker, started in its own JVM for a test class and stopped after it; before
 * it stops, the class must have closed the Kafka clients it opened ({@link KafkaClientsClosed}).
 */
public final class KafkaBroker extends LocalServerRule<LocalKafka> {
  private KafkaBroker(boolean saslSsl) {
    super(
        "rtgraph-it-kafka",
        dataDir -> LocalKafka.builder().dataDir(dataDir).saslSsl(saslSsl).start());
  }

  public static KafkaBroker plaintext() {
    return new KafkaBroker(false);
  }

  public static KafkaBroker saslSsl() {
    return new KafkaBroker(true);
  }

  /** The class's tests, then the check that they closed their Kafka clients, then the stop. */
  @Override
  public Statement apply(Statement tests, Description description) {
    return super.apply(KafkaClientsClosed.after(tests, description), description);
  }

  public LocalKafka kafka() {
    return server();
  }

  public String bootstrapServers() {
    return server().bootstrapServers();
  }
}
