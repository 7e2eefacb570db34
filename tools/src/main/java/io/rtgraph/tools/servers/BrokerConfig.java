package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * A data directory's broker: what it was created with and keeps across restarts (its ports, so that
 * clients keep their address; its cluster id; in SASL_SSL mode its secrets, since the SCRAM users
 * live in the metadata log from format time and the store passwords in the store files), and the
 * configuration files written from them.
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
  static final String SERVER_PROPERTIES = "server.properties";
  static final String LOG4J_PROPERTIES = "log4j.properties";

  /** The console output of the broker and the storage tool, where their log4j logs. */
  static final String BROKER_LOG = "broker.log";

  static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  static final String CLIENT_PROPERTIES = "client.properties";
  static final String KEYSTORE = "broker.keystore.p12";
  static final String TRUSTSTORE = "client.truststore.p12";
  static final String CERTIFICATE = "broker.crt";

  /** The broker's log directory; the KRaft metadata log lives there too. */
  static final String LOG_DIR = "data";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new broker: fresh ports and cluster id, and in SASL_SSL mode random passwords. */
  static BrokerConfig create(Path dir, boolean saslSsl) {
    int[] ports = LocalServer.freePorts(2);
    String[] secrets = new String[4];
    for (int i = 0; i < secrets.length; i++) {
      secrets[i] = saslSsl ? randomSecret() : "";
    }
    return new BrokerConfig(
        dir,
        saslSsl,
        ports[0],
        ports[1],
        Uuid.randomUuid().toString(),
        secrets[0],
        secrets[1],
        secrets[2],
        secrets[3]);
  }

  /** The same broker on other ports, for a start that finds its old ports taken. */
  BrokerConfig withPorts(int[] ports) {
    return new BrokerConfig(
        dir,
        saslSsl,
        ports[0],
        ports[1],
        clusterId,
        adminPassword,
        clientPassword,
        keystorePassword,
        truststorePassword);
  }

  /** The state saved in the data directory by the first start, if any. */
  static Optional<BrokerConfig> load(Path dir) {
    Path file = stateFile(dir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (String key : List.of("sasl.ssl", "client.port", "controller.port", "cluster.id")) {
      if (p.getProperty(key, "").isBlank()) {
        throw new LocalServerException(file + " lacks '" + key + "'" + afresh(file));
      }
    }
    try {
      return Optional.of(
          new BrokerConfig(
              dir,
              Boolean.parseBoolean(p.getProperty("sasl.ssl")),
              Integer.parseInt(p.getProperty("client.port")),
              Integer.parseInt(p.getProperty("controller.port")),
              p.getProperty("cluster.id"),
              p.getProperty("admin.password", ""),
              p.getProperty("client.password", ""),
              p.getProperty("keystore.password", ""),
              p.getProperty("truststore.password", "")));
    } catch (NumberFormatException e) {
      throw new LocalServerException(
          file + " holds a port that is not a number: " + e.getMessage() + afresh(file), e);
    }
  }

  void save() {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            "sasl.ssl", Boolean.toString(saslSsl),
            "client.port", Integer.toString(clientPort),
            "controller.port", Integer.toString(controllerPort),
            "cluster.id", clusterId,
            "admin.password", adminPassword,
            "client.user", clientUser(),
            "client.password", clientPassword,
            "keystore.password", keystorePassword,
            "truststore.password", truststorePassword));
    StringWriter out = new StringWriter();
    try {
      p.store(out, "Written by LocalKafka at the first start; later starts reuse it. Secret.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalServer.write(stateFile(dir), out.toString(), true);
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

  /** Written by the storage tool: its presence means the log directory is formatted. */
  static boolean isFormatted(Path dir) {
    return Files.exists(dir.resolve(LOG_DIR).resolve("meta.properties"));
  }

  String serverProperties() {
    String server =
        LocalServer.template(
            "kafka-server.properties",
            Map.of(
                "protocol",
                saslSsl ? "SASL_SSL" : "PLAINTEXT",
                "clientPort",
                clientPort,
                "controllerPort",
                controllerPort,
                "logDir",
                file(LOG_DIR)));
    if (!saslSsl) {
      return server;
    }
    return server
        + LocalServer.template(
            "kafka-sasl-ssl.properties",
            Map.of(
                "adminJaas", jaas(ADMIN_USER, adminPassword),
                "keystore", file(KEYSTORE),
                "keystorePassword", keystorePassword,
                "truststore", file(TRUSTSTORE),
                "truststorePassword", truststorePassword));
  }

  /** The storage tool's arguments: it formats the log directory, with both SCRAM users. */
  List<String> formatArguments() {
    List<String> format =
        new ArrayList<>(List.of("format", "-t", clusterId, "-c", file(SERVER_PROPERTIES) + ""));
    if (saslSsl) {
      format.addAll(
          List.of(
              "--add-scram",
              scram(ADMIN_USER, adminPassword),
              "--add-scram",
              scram(CLIENT_USER, clientPassword)));
    }
    return format;
  }

  /** Settings for a client of the given SCRAM user; empty in plaintext mode. */
  Properties clientProperties(String user, String password) {
    Properties p = new Properties();
    if (saslSsl) {
      p.setProperty("security.protocol", "SASL_SSL");
      p.setProperty("sasl.mechanism", "SCRAM-SHA-512");
      p.setProperty("sasl.jaas.config", jaas(user, password));
      p.setProperty("ssl.truststore.type", "PKCS12");
      p.setProperty("ssl.truststore.location", file(TRUSTSTORE).toString());
      p.setProperty("ssl.truststore.password", truststorePassword);
    }
    return p;
  }

  /**
   * A properties file a person can read and copy from: {@link Properties#store} would escape every
   * {@code =} and {@code :} of the JAAS line and the paths.
   */
  static String propertiesFile(String comment, Properties properties) {
    StringBuilder out = new StringBuilder("# ").append(comment).append('\n');
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      String value = properties.getProperty(key);
      if (value.contains("\\") || value.contains("\n")) {
        throw new IllegalArgumentException("cannot write " + key + " verbatim: it holds \\ or \\n");
      }
      out.append(key).append('=').append(value).append('\n');
    }
    return out.toString();
  }

  /** Keeps the secrets out of logs and assertion messages. */
  @Override
  public String toString() {
    return "BrokerConfig[dir=%s, saslSsl=%s, clientPort=%d, controllerPort=%d, clusterId=%s]"
        .formatted(dir, saslSsl, clientPort, controllerPort, clusterId);
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

  /** Ports, mode and secrets chosen at the first start, reused by every later start. */
  private static Path stateFile(Path dir) {
    return dir.resolve("local-kafka.properties");
  }

  private static String afresh(Path file) {
    return "; delete the data directory " + file.getParent() + " to start afresh";
  }
}
