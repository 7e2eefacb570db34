package io.rtgraph.pipelines.it;

import io.rtgraph.tools.servers.LocalKafka;

/** A real single-node broker, started in its own JVM for a test class and stopped after it. */
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

  public LocalKafka kafka() {
    return server();
  }

  public String bootstrapServers() {
    return server().bootstrapServers();
  }
}
