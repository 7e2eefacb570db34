package io.rtgraph.tools.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.tools.cli.Flags.ToolException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.io.function.Uncheck;
import org.apache.commons.lang3.RandomStringUtils;
import org.apache.kafka.common.Uuid;

/**
 * What a data directory's broker keeps across restarts in {@code local-kafka.properties}: its ports
 * (clients keep their address), its cluster id and in SASL_SSL mode its secrets (the SCRAM users
 * live in the metadata log from format time); and the configuration written from it.
 */
record BrokerConfig(
    @JsonProperty(access = Access.WRITE_ONLY) Path dir,
    @JsonProperty("sasl.ssl") boolean saslSsl,
    @JsonProperty("client.port") int clientPort,
    @JsonProperty("controller.port") int controllerPort,
    @JsonProperty("cluster.id") String clusterId,
    @JsonProperty("admin.password") String adminPassword,
    @JsonProperty("client.password") String clientPassword,
    @JsonProperty("keystore.password") String keystorePassword,
    @JsonProperty("truststore.password") String truststorePassword) {

  /** The SCRAM user of the broker itself, for inter-broker traffic and readiness checks. */
  static final String ADMIN_USER = "admin";

  static final String CLIENT_USER = "rtgraph";

  /** Binds {@code local-kafka.properties}, whose values are all strings, to the record. */
  private static final ObjectMapper PROPERTIES =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  /** A new broker: fresh ports and cluster id, and in SASL_SSL mode random passwords. */
  static BrokerConfig create(Path dir, boolean saslSsl) {
    int[] ports = LocalServer.twoFreePorts();
    return new BrokerConfig(
        dir,
        saslSsl,
        ports[0],
        ports[1],
        Uuid.randomUuid().toString(),
        secret(saslSsl),
        secret(saslSsl),
        secret(saslSsl),
        secret(saslSsl));
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

  /** The broker that the data directory's first start saved, if any. */
  static Optional<BrokerConfig> load(Path dir) {
    Path file = dir.resolve("local-kafka.properties");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties saved = new Properties();
    Uncheck.accept(saved::load, new StringReader(Uncheck.apply(Files::readString, file)));
    saved.setProperty("dir", dir.toString());
    try {
      return Optional.of(PROPERTIES.convertValue(saved, BrokerConfig.class));
    } catch (IllegalArgumentException e) {
      throw new ToolException(
          "%s is not what LocalKafka writes (%s); delete the data directory %s to start afresh"
              .formatted(file, e.getMessage(), dir),
          e);
    }
  }

  void save() {
    Properties saved = new Properties();
    PROPERTIES
        .convertValue(this, new TypeReference<Map<String, String>>() {})
        .forEach(saved::setProperty);
    StringWriter out = new StringWriter();
    Uncheck.run(() -> saved.store(out, "Written by LocalKafka at the first start. Secret."));
    LocalServer.write(file("local-kafka.properties"), out.toString(), true);
  }

  String bootstrapServers() {
    return "127.0.0.1:" + clientPort;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** Whether the storage tool has formatted the log directory, {@code data/}. */
  static boolean isFormatted(Path dir) {
    return Files.exists(dir.resolve("data/meta.properties"));
  }

  String serverProperties() {
    String sasl = saslSsl ? template("kafka-sasl-ssl.properties", ADMIN_USER, adminPassword) : "";
    return template("kafka-server.properties", ADMIN_USER, adminPassword) + sasl;
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
   * The {@code client.properties} of a client of the SCRAM user, as a person can copy them ({@link
   * Properties#store} would escape the JAAS line); only a comment in plaintext mode.
   */
  String clientPropertiesFile(String user, String password) {
    if (!saslSsl) {
      return "# The local broker at "
          + bootstrapServers()
          + " is plaintext: clients need no settings.\n";
    }
    return template("kafka-client.properties", user, password);
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

  /**
   * 24 letters and digits: the storage tool's {@code --add-scram} syntax and the JAAS line both
   * quote values, and none of these characters needs escaping in either.
   */
  private static String secret(boolean saslSsl) {
    return saslSsl ? RandomStringUtils.secure().nextAlphanumeric(24) : "";
  }

  /** A template of the broker's files, its {@code jaas} line logging in the given SCRAM user. */
  private String template(String name, String user, String password) {
    Map<String, Object> values =
        Map.of(
            "protocol", saslSsl ? "SASL_SSL" : "PLAINTEXT",
            "clientPort", clientPort,
            "controllerPort", controllerPort,
            "dataDir", dir,
            "jaas", jaas(user, password),
            "keystorePassword", keystorePassword,
            "truststorePassword", truststorePassword);
    return LocalServer.template(name, values);
  }

  private static String scram(String user, String password) {
    return "SCRAM-SHA-512=[name=%s,password=%s]".formatted(user, password);
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
        .formatted(user, password);
  }
}
