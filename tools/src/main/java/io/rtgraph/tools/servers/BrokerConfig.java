package io.rtgraph.tools.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The configuration files of a single-node KRaft broker (broker and controller in one process), the
 * client settings that reach it, and where in its data directory each file lives.
 *
 * <p>Replication factors and minimum in-sync replicas are 1 because there is one node; topics are
 * never created implicitly, so that a misspelt topic fails instead of silently receiving records;
 * the first consumer group starts without the usual rebalance delay, so tests do not wait for it.
 */
record BrokerConfig(Path dir, BrokerState state, int messageMaxBytes, int partitions) {
  static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  private static final String SCRAM_LOGIN_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";

  BrokerConfig {
    dir = dir.toAbsolutePath().normalize();
  }

  // The files of the data directory besides BrokerState's.
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

  Path file(String name) {
    return dir.resolve(name);
  }

  /** Written by the storage tool: its presence means the log directory is formatted. */
  static boolean isFormatted(Path dir) {
    return Files.exists(dir.resolve(LOG_DIR).resolve("meta.properties"));
  }

  String serverProperties() {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by LocalKafka at every start; edits are overwritten.");
    lines.add("process.roles=broker,controller");
    lines.add("node.id=1");
    lines.add("controller.quorum.voters=1@127.0.0.1:" + state.controllerPort());
    lines.add("controller.listener.names=CONTROLLER");
    String client = state.saslSsl() ? "SASL_SSL" : "PLAINTEXT";
    lines.add(
        "listeners="
            + client
            + "://127.0.0.1:"
            + state.clientPort()
            + ",CONTROLLER://127.0.0.1:"
            + state.controllerPort());
    lines.add("advertised.listeners=" + client + "://127.0.0.1:" + state.clientPort());
    lines.add("listener.security.protocol.map=" + client + ":" + client + ",CONTROLLER:PLAINTEXT");
    lines.add("inter.broker.listener.name=" + client);
    lines.add("log.dirs=" + file(LOG_DIR));
    lines.add("num.partitions=" + partitions);
    lines.add("default.replication.factor=1");
    lines.add("min.insync.replicas=1");
    lines.add("offsets.topic.replication.factor=1");
    lines.add("transaction.state.log.replication.factor=1");
    lines.add("transaction.state.log.min.isr=1");
    lines.add("group.initial.rebalance.delay.ms=0");
    lines.add("auto.create.topics.enable=false");
    lines.add("message.max.bytes=" + messageMaxBytes);
    lines.add("replica.fetch.max.bytes=" + messageMaxBytes);
    if (state.saslSsl()) {
      lines.add("sasl.enabled.mechanisms=" + SCRAM_MECHANISM);
      lines.add("sasl.mechanism.inter.broker.protocol=" + SCRAM_MECHANISM);
      lines.add(
          "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
              + jaas(BrokerState.ADMIN_USER, state.adminPassword()));
      lines.add("ssl.keystore.type=PKCS12");
      lines.add("ssl.keystore.location=" + file(KEYSTORE));
      lines.add("ssl.keystore.password=" + state.keystorePassword());
      lines.add("ssl.key.password=" + state.keystorePassword());
      lines.add("ssl.truststore.type=PKCS12");
      lines.add("ssl.truststore.location=" + file(TRUSTSTORE));
      lines.add("ssl.truststore.password=" + state.truststorePassword());
      lines.add("ssl.client.auth=none");
    }
    return String.join("\n", lines) + "\n";
  }

  /** The {@code --add-scram} arguments of the storage tool, creating both users at format time. */
  List<String> scramFormatArguments() {
    if (!state.saslSsl()) {
      return List.of();
    }
    return List.of(
        "--add-scram", scramUser(BrokerState.ADMIN_USER, state.adminPassword()),
        "--add-scram", scramUser(state.clientUser(), state.clientPassword()));
  }

  /** Settings for a client of the given SCRAM user; empty in plaintext mode. */
  Properties clientProperties(String user, String password) {
    Properties p = new Properties();
    if (state.saslSsl()) {
      p.setProperty("security.protocol", "SASL_SSL");
      p.setProperty("sasl.mechanism", SCRAM_MECHANISM);
      p.setProperty("sasl.jaas.config", jaas(user, password));
      p.setProperty("ssl.truststore.type", "PKCS12");
      p.setProperty("ssl.truststore.location", file(TRUSTSTORE).toString());
      p.setProperty("ssl.truststore.password", state.truststorePassword());
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
        throw new IllegalArgumentException(
            "cannot write " + key + " verbatim: it holds \\ or a newline");
      }
      out.append(key).append('=').append(value).append('\n');
    }
    return out.toString();
  }

  private static String scramUser(String user, String password) {
    return SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

  private static String jaas(String user, String password) {
    return SCRAM_LOGIN_MODULE
        + " required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }
}
