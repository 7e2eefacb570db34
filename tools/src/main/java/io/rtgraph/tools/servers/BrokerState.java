package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

  /** The state saved in the data directory, if any. */
  static Optional<BrokerState> load(BrokerFiles files) {
    if (!Files.exists(files.stateFile())) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(files.stateFile())) {
      p.load(in);
      return Optional.of(
          new BrokerState(
              Boolean.parseBoolean(required(p, "sasl.ssl", files)),
              Integer.parseInt(required(p, "client.port", files)),
              Integer.parseInt(required(p, "controller.port", files)),
              required(p, "cluster.id", files),
              p.getProperty("admin.password", ""),
              p.getProperty("client.user", ""),
              p.getProperty("client.password", ""),
              p.getProperty("keystore.password", ""),
              p.getProperty("truststore.password", "")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.stateFile(), e);
    } catch (NumberFormatException e) {
      throw new LocalServerException(
          files.stateFile()
              + " holds a port that is not a number: "
              + e.getMessage()
              + "; delete the data directory "
              + files.dir()
              + " to start afresh",
          e);
    }
  }

  void save(BrokerFiles files) {
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
    ServerFiles.write(files.stateFile(), out.toString(), true);
  }

  private static String required(Properties p, String key, BrokerFiles files) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new LocalServerException(
          files.stateFile()
              + " lacks '"
              + key
              + "'; delete the data directory "
              + files.dir()
              + " to start afresh");
    }
    return value;
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
