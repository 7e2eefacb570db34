package io.rtgraph.pipelines.it;

import io.rtgraph.tools.servers.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.rules.ExternalResource;

/** A real single-node broker, started in its own JVM for a test class and stopped after it. */
public final class KafkaBroker extends ExternalResource {
  private final boolean saslSsl;
  private LocalKafka kafka;
  private Path dataDir;

  private KafkaBroker(boolean saslSsl) {
    this.saslSsl = saslSsl;
  }

  public static KafkaBroker plaintext() {
    return new KafkaBroker(false);
  }

  public static KafkaBroker saslSsl() {
    return new KafkaBroker(true);
  }

  @Override
  protected void before() throws Throwable {
    dataDir = Files.createTempDirectory("rtgraph-it-kafka");
    kafka = LocalKafka.builder().dataDir(dataDir).saslSsl(saslSsl).start();
  }

  @Override
  protected void after() {
    if (kafka != null) {
      kafka.stop();
    }
  }

  public LocalKafka kafka() {
    return kafka;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }
}
