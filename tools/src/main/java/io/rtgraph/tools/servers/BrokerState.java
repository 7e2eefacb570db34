package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * What a data directory's broker was created with and must keep across restarts: its ports (so
 * clients keep their address), its cluster id, and in SASL_SSL mode its secrets (the SCRAM users
 * are stored in the metadata log at format time, the store passwords in the store files).
 */
record BrokerState(
    boolean saslSsl,
    int clientPort,
    int controllerPort,
    String clusterId,
    String adminPassword,
    String clientUser,
    String clientPassword,
    String keystorePassword,
    String truststorePassword) {

  /** The SCRAM user of the broker itself, for inter-broker traffic and readiness checks. */
  static final String ADMIN_USER = "admin";

  static final String CLIENT_USER = "rtgraph";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** A new broker: fresh ports and cluster id, and in SASL_SSL mode random passwords. */
  static BrokerState create(boolean saslSsl) {
    int[] ports = FreePorts.pick(2);
    return new BrokerState(
        saslSsl,
        ports[0],
        ports[1],
        Uuid.randomUuid().toString(),
        saslSsl ? randomSecret() : "",
        saslSsl ? CLIENT_USER : "",
        saslSsl ? randomSecret() : "",
        saslSsl ? randomSecret() : "",
        saslSsl ? randomSecret() : "");
  }

  /** The same broker on other ports, for a start that finds its old ports taken. */
  BrokerState withPorts(int newClientPort, int newControllerPort) {
    return new BrokerState(
        saslSsl,
        newClientPort,
        newControllerPort,
        clusterId,
        adminPassword,
        clientUser,
        clientPassword,
        keystorePassword,
        truststorePassword);
  }

  String bootstrapServers() {
    return "127.0.0.1:" + clientPort;
  }

  /**
   * Letters and digits only: the storage tool's {@code --add-scram} syntax and the JAAS line both
   * quote values, and no character of these needs escaping in either.
   */
  static String randomSecret() {
    StringBuilder secret = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      secret.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return secret.toString();
  }

  /** Ports, mode and secrets chosen at the first start, reused by every later start. */
  static Path file(Path dir) {
    return dir.resolve("local-kafka.properties");
  }

  /** The state saved in the data directory, if any. */
  static Optional<BrokerState> load(Path dir) {
    Path file = file(dir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
      return Optional.of(
          new BrokerState(
              Boolean.parseBoolean(required(p, "sasl.ssl", file)),
              Integer.parseInt(required(p, "client.port", file)),
              Integer.parseInt(required(p, "controller.port", file)),
              required(p, "cluster.id", file),
              p.getProperty("admin.password", ""),
              p.getProperty("client.user", ""),
              p.getProperty("client.password", ""),
              p.getProperty("keystore.password", ""),
              p.getProperty("truststore.password", "")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NumberFormatException e) {
      throw new LocalServerException(
          file + " holds a port that is not a number: " + e.getMessage() + afresh(file), e);
    }
  }

  void save(Path dir) {
    Properties p = new Properties();
    p.setProperty("sasl.ssl", Boolean.toString(saslSsl));
    p.setProperty("client.port", Integer.toString(clientPort));
    p.setProperty("controller.port", Integer.toString(controllerPort));
    p.setProperty("cluster.id", clusterId);
    p.setProperty("admin.password", adminPassword);
    p.setProperty("client.user", clientUser);
    p.setProperty("client.password", clientPassword);
    p.setProperty("keystore.password", keystorePassword);
    p.setProperty("truststore.password", truststorePassword);
    StringWriter out = new StringWriter();
    try {
      p.store(out, "Written by LocalKafka at the first start; later starts reuse it. Secret.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalServer.write(file(dir), out.toString(), true);
  }

  private static String required(Properties p, String key, Path file) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new LocalServerException(file + " lacks '" + key + "'" + afresh(file));
    }
    return value;
  }

  private static String afresh(Path file) {
    return "; delete the data directory " + file.getParent() + " to start afresh";
  }

  /** Keeps the secrets out of logs and assertion messages. */
  @Override
  public String toString() {
    return "BrokerState[saslSsl="
        + saslSsl
        + ", clientPort="
        + clientPort
        + ", controllerPort="
        + controllerPort
        + ", clusterId="
        + clusterId
        + "]";
  }
}
