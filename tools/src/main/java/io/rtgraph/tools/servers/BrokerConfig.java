package io.rtgraph.tools.servers;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.io.function.Uncheck;
import org.apache.kafka.common.Uuid;

/**
 * A data directory's broker: what it was created with and keeps across restarts, in {@code
 * local-kafka.properties} (its ports, so that clients keep their address; its cluster id; in
 * SASL_SSL mode its secrets, since the SCRAM users live in the metadata log from format time and
 * the store passwords in the store files), and the configuration written from it.
 */
record BrokerConfig(
    Path dir,
    boolean saslSsl,
    int clientPort,
    int controllerPort,
    String clusterId,
    String adminPassword,
    String clientPassword,
    String keystorePassword,
    String truststorePassword) {

  /** The SCRAM user of the broker itself, for inter-broker traffic and readiness checks. */
  static final String ADMIN_USER = "admin";

  static final String CLIENT_USER = "rtgraph";

  /** The keys of {@code local-kafka.properties}, in the order of the record's components. */
  private static final List<String> KEYS =
      List.of(
          "sasl.ssl",
          "client.port",
          "controller.port",
          "cluster.id",
          "admin.password",
          "client.password",
          "keystore.password",
          "truststore.password");

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new broker: fresh ports and cluster id, and in SASL_SSL mode random passwords. */
  static BrokerConfig create(Path dir, boolean saslSsl) {
    int[] ports = LocalServer.freePorts(2);
    List<String> values =
        new ArrayList<>(
            List.of("" + saslSsl, "" + ports[0], "" + ports[1], "" + Uuid.randomUuid()));
    while (values.size() < KEYS.size()) {
      values.add(saslSsl ? randomSecret() : "");
    }
    return of(dir, values);
  }

  /** The same broker on other ports, for a start that finds its old ports taken. */
  BrokerConfig withPorts(int[] ports) {
    List<String> values = new ArrayList<>(values());
    values.set(1, "" + ports[0]);
    values.set(2, "" + ports[1]);
    return of(dir, values);
  }

  /** The broker that the data directory's first start saved, if any. */
  static Optional<BrokerConfig> load(Path dir) {
    Path file = dir.resolve("local-kafka.properties");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties saved = new Properties();
    Uncheck.run(
        () -> {
          try (Reader in = Files.newBufferedReader(file)) {
            saved.load(in);
          }
        });
    List<String> values = KEYS.stream().map(key -> saved.getProperty(key, "")).toList();
    String afresh = "; delete the data directory " + dir + " to start afresh";
    for (int i = 0; i < 4; i++) {
      if (values.get(i).isBlank()) {
        throw new LocalServerException(file + " lacks '" + KEYS.get(i) + "'" + afresh);
      }
    }
    try {
      return Optional.of(of(dir, values));
    } catch (NumberFormatException e) {
      throw new LocalServerException(file + " holds a port that is not a number" + afresh, e);
    }
  }

  void save() {
    Properties saved = new Properties();
    for (int i = 0; i < KEYS.size(); i++) {
      saved.setProperty(KEYS.get(i), values().get(i));
    }
    StringWriter out = new StringWriter();
    Uncheck.run(() -> saved.store(out, "Written by LocalKafka at the first start. Secret."));
    LocalServer.write(file("local-kafka.properties"), out.toString(), true);
  }

  String bootstrapServers() {
    return "127.0.0.1:" + clientPort;
  }

  /** The SCRAM user of the client properties; empty in plaintext mode. */
  String clientUser() {
    return saslSsl ? CLIENT_USER : "";
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** Whether the storage tool has formatted the log directory, {@code data/}. */
  static boolean isFormatted(Path dir) {
    return Files.exists(dir.resolve("data/meta.properties"));
  }

  String serverProperties() {
    String protocol = saslSsl ? "SASL_SSL" : "PLAINTEXT";
    Map<String, Object> values =
        Map.of(
            "protocol", protocol,
            "clientPort", clientPort,
            "controllerPort", controllerPort,
            "dataDir", dir,
            "adminJaas", jaas(ADMIN_USER, adminPassword),
            "keystorePassword", keystorePassword,
            "truststorePassword", truststorePassword);
    String server = LocalServer.template("kafka-server.properties", values);
    return saslSsl ? server + LocalServer.template("kafka-sasl-ssl.properties", values) : server;
  }

  /** The storage tool's arguments: it formats the log directory, with both SCRAM users. */
  List<String> formatArguments() {
    List<String> format =
        new ArrayList<>(List.of("format", "-t", clusterId, "-c", file("server.properties") + ""));
    if (saslSsl) {
      format.addAll(List.of("--add-scram", scram(ADMIN_USER, adminPassword)));
      format.addAll(List.of("--add-scram", scram(CLIENT_USER, clientPassword)));
    }
    return format;
  }

  /**
   * The {@code client.properties} of a client of the given SCRAM user, written as a person can read
   * and copy them ({@link Properties#store} would escape the JAAS line); only a comment in
   * plaintext mode.
   */
  String clientPropertiesFile(String user, String password) {
    if (!saslSsl) {
      return "# The local broker at "
          + bootstrapServers()
          + " is plaintext: clients need no settings.\n";
    }
    Map<String, Object> values =
        Map.of(
            "clientPort", clientPort,
            "jaas", jaas(user, password),
            "dataDir", dir,
            "truststorePassword", truststorePassword);
    return LocalServer.template("kafka-client.properties", values);
  }

  /** {@link #clientPropertiesFile} as properties. */
  Properties clientProperties(String user, String password) {
    Properties properties = new Properties();
    Uncheck.accept(properties::load, new StringReader(clientPropertiesFile(user, password)));
    return properties;
  }

  /** Keeps the secrets out of logs and assertion messages. */
  @Override
  public String toString() {
    return "BrokerConfig[dir=%s, saslSsl=%s, clientPort=%d, controllerPort=%d, clusterId=%s]"
        .formatted(dir, saslSsl, clientPort, controllerPort, clusterId);
  }

  private List<String> values() {
    return List.of(
        "" + saslSsl,
        "" + clientPort,
        "" + controllerPort,
        clusterId,
        adminPassword,
        clientPassword,
        keystorePassword,
        truststorePassword);
  }

  /** From the values of {@link #KEYS}. */
  private static BrokerConfig of(Path dir, List<String> v) {
    return new BrokerConfig(
        dir,
        Boolean.parseBoolean(v.get(0)),
        Integer.parseInt(v.get(1)),
        Integer.parseInt(v.get(2)),
        v.get(3),
        v.get(4),
        v.get(5),
        v.get(6),
        v.get(7));
  }

  /**
   * 24 letters and digits: the storage tool's {@code --add-scram} syntax and the JAAS line both
   * quote values, and none of these characters needs escaping in either.
   */
  private static String randomSecret() {
    String alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder secret = new StringBuilder();
    RANDOM.ints(24, 0, alphanumeric.length()).forEach(i -> secret.append(alphanumeric.charAt(i)));
    return secret.toString();
  }

  private static String scram(String user, String password) {
    return "SCRAM-SHA-512=[name=%s,password=%s]".formatted(user, password);
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
        .formatted(user, password);
  }
}
