package io.rtgraph.tools.servers;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.rtgraph.tools.cli.Flags.ToolException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.io.function.Uncheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * A real single-node Kafka broker (KRaft) in a child JVM, run from the Maven-resolved broker class
 * path (it needs other versions of shared libraries than ours, and tests kill it); its {@link
 * #main} is {@code scripts/kafka-local.sh}. Its data directory holds {@code server.properties},
 * {@code broker.log}, {@code bootstrap.servers}, {@code client.properties}, the {@link
 * BrokerConfig} and the logs in {@code data/}. In SASL_SSL mode clients authenticate with
 * SCRAM-SHA-512 over TLS and trust its self-signed certificate through {@code
 * client.truststore.p12}.
 */
public final class LocalKafka extends LocalServer {
  static final ServerCommand.Kind KIND =
      new ServerCommand.Kind(
          "kafka-local",
          "Kafka broker",
          ".local/kafka",
          "broker",
          "bootstrap.servers",
          "bootstrap.servers=",
          List.of(),
          LocalKafka::printFiles);

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /** How long one readiness call may take before the broker's liveness is checked again. */
  private static final Duration ATTEMPT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

  private final int heapMb;
  private BrokerConfig config;

  private LocalKafka(Builder builder, BrokerConfig config) {
    super(KIND, builder);
    this.heapMb = builder.heapMb;
    this.config = config;
  }

  /** {@code scripts/kafka-local.sh}: start, stop or status of the broker of a data directory. */
  public static void main(String[] args) {
    String about = "Runs a local single-node Kafka broker (KRaft) in the background.";
    System.exit(ServerCommand.commandLine(KIND, about, builder()).execute(args));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address clients connect to, {@code 127.0.0.1:port}; stable across restarts. */
  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  /** What a client needs (the {@code rtgraph} SCRAM user over TLS); empty in plaintext mode. */
  public Properties clientProperties() {
    return config.clientProperties(BrokerConfig.CLIENT_USER, clientPassword());
  }

  /** {@link #clientProperties()} as a file, for {@code --kafkaClientProperties} and the scripts. */
  public Path clientPropertiesFile() {
    return config.file("client.properties");
  }

  /** The broker's pid, or its last pid once stopped; -1 before the first start. */
  public long pid() {
    return lastPid(KIND.mainRole());
  }

  public Path logFile() {
    return config.file("broker.log");
  }

  /** This and the store passwords are for tests only; empty in plaintext mode. */
  public String clientPassword() {
    return config.clientPassword();
  }

  public String keystorePassword() {
    return config.keystorePassword();
  }

  public String truststorePassword() {
    return config.truststorePassword();
  }

  /** SIGKILL, as a crash would: unflushed logs stay for {@link #restart()}. */
  public void kill() {
    kill(KIND.mainRole());
  }

  /** Stops the broker if it runs, then starts it again on the same ports and data. */
  public synchronized void restart() {
    stop();
    startBroker(true);
  }

  private synchronized LocalKafka startBroker(boolean samePorts) {
    checkNotRunning();
    choosePorts(samePorts);
    writeConfigFiles();
    if (!BrokerConfig.isFormatted(dataDir())) {
      List<String> format = java(256, "kafka.tools.StorageTool", config.formatArguments());
      runToEnd("formatting the broker's data/", format, Map.of(), logFile());
    }
    List<String> server = List.of(config.file("server.properties").toString());
    launch(KIND.mainRole(), java(heapMb, "kafka.Kafka", server), logFile(), Map.of());
    write(config.file("bootstrap.servers"), bootstrapServers() + "\n", false);
    try {
      awaitServingClients();
    } catch (ToolException e) {
      throw startFailed("Kafka broker", e, List.of(), List.of(logFile()));
    }
    LOG.info("Kafka broker started: {}", KIND.describe(dataDir()));
    return this;
  }

  /**
   * Waits until the broker answers a real client request with the configured security (as the admin
   * user), rather than for a log line or an open port.
   */
  private void awaitServingClients() {
    Properties admin = config.clientProperties(BrokerConfig.ADMIN_USER, config.adminPassword());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    admin.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
    admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    try (Admin client = Admin.create(admin)) {
      awaitReady(
          STARTUP_TIMEOUT,
          List.of(),
          () -> {
            client.describeCluster().nodes().get(ATTEMPT.toMillis(), MILLISECONDS);
            return null;
          });
    }
  }

  /** A JVM of the broker's class path, logging through its log4j 1 settings. */
  private List<String> java(int heap, String main, List<String> arguments) {
    List<String> options =
        List.of(
            "-Xmx" + heap + "m",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dlog4j.configuration=" + config.file("log4j.properties").toUri(),
            "-Dkafka.logs.dir=" + dataDir());
    return java(options, main, arguments);
  }

  /**
   * Keeps the ports of earlier runs, so that clients and files holding the address stay valid; a
   * new start (not a restart) moves to new ports if another process took the old ones.
   */
  private void choosePorts(boolean samePorts) {
    if (isFree(config.clientPort()) && isFree(config.controllerPort())) {
      return;
    }
    if (samePorts) {
      throw new ToolException(
          "cannot restart the broker of %s on its ports %d and %d: another process is using one"
              .formatted(dataDir(), config.clientPort(), config.controllerPort()));
    }
    BrokerConfig moved = config.withPorts(twoFreePorts());
    LOG.warn("The ports of {} are taken; moving to {}", config, moved);
    moved.save();
    config = moved;
  }

  private void writeConfigFiles() {
    boolean secret = config.saslSsl();
    write(config.file("server.properties"), config.serverProperties(), secret);
    write(config.file("log4j.properties"), resource("kafka-log4j.properties"), false);
    write(
        clientPropertiesFile(),
        config.clientPropertiesFile(BrokerConfig.CLIENT_USER, clientPassword()),
        secret);
    if (secret) {
      createTlsStores();
    }
  }

  /**
   * The broker's self-signed key pair, made with keytool, and a truststore with its certificate,
   * unless both exist (a restarted broker stays trusted). The certificate names 127.0.0.1 and
   * localhost, so that clients keep hostname verification on.
   */
  private void createTlsStores() {
    Path keystore = config.file("broker.keystore.p12");
    Path truststore = config.file("client.truststore.p12");
    if (Files.exists(keystore) && Files.exists(truststore)) {
      return;
    }
    List.of(keystore, truststore).forEach(f -> Uncheck.apply(Files::deleteIfExists, f));
    String generate =
        "-genkeypair -keyalg RSA -keysize 2048 -validity 3650 -dname CN=localhost"
            + " -ext SAN=IP:127.0.0.1,DNS:localhost -alias broker -storetype PKCS12"
            + " -storepass:env PASSWORD -keypass:env PASSWORD -keystore";
    List<String> keytool = new ArrayList<>(List.of(jdkTool("keytool")));
    keytool.addAll(List.of(generate.split(" ")));
    keytool.add(keystore.toString());
    // The password travels in an environment variable (-storepass:env), never on a command line.
    Map<String, String> password = Map.of("PASSWORD", config.keystorePassword());
    runToEnd("keytool -genkeypair", keytool, password, logFile());
    try (OutputStream out = Files.newOutputStream(truststore)) {
      char[] keys = config.keystorePassword().toCharArray();
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(
          "broker", KeyStore.getInstance(keystore.toFile(), keys).getCertificate("broker"));
      trusted.store(out, config.truststorePassword().toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new ToolException("cannot write " + truststore + ": " + e.getMessage(), e);
    }
    List.of(keystore, truststore)
        .forEach(f -> Uncheck.apply(Files::setPosixFilePermissions, f, OWNER_ONLY));
  }

  private static void printFiles(Path dir, PrintWriter out) {
    out.println("log: " + dir.resolve("broker.log"));
    if (isSaslSsl(dir)) {
      out.println("SASL_SSL client properties: " + dir.resolve("client.properties"));
    }
  }

  private static boolean isSaslSsl(Path dir) {
    return BrokerConfig.load(dir).map(BrokerConfig::saslSsl).orElse(false);
  }

  /** Settings of a broker to start; only {@link #dataDir(Path)} is required. */
  public static final class Builder extends LocalServer.Builder<Builder> {
    private boolean saslSsl;
    private int heapMb = 512;

    private Builder() {}

    @Option(
        names = "--saslSsl",
        description =
            "SCRAM-SHA-512 over TLS only, no plaintext listener; clients use the printed client"
                + " properties file")
    public Builder saslSsl(boolean saslSsl) {
      this.saslSsl = saslSsl;
      return this;
    }

    /** The broker JVM's maximum heap; default 512. */
    public Builder heapMb(int heapMb) {
      this.heapMb = atLeast("heapMb", heapMb, 128);
      return this;
    }

    @Override
    Optional<String> differenceFrom(Path dir) {
      boolean runsSaslSsl = isSaslSsl(dir);
      return Optional.of(
              runsSaslSsl
                  ? "Note: that broker is SASL_SSL; its clients need the client properties file."
                  : "Note: that broker is plaintext and --saslSsl was ignored; a data directory"
                      + " keeps its mode, so a SASL_SSL broker needs another --dataDir.")
          .filter(note -> runsSaslSsl != saslSsl);
    }

    /**
     * Starts the broker and returns once it serves clients; fails if it does not within 60 s (the
     * error holds the end of its log), or the data directory holds a broker of the other mode.
     */
    @Override
    public LocalKafka start() {
      prepare("Kafka broker", "rtgraph.kafka.classpath", "servers/kafka");
      Optional<BrokerConfig> saved = BrokerConfig.load(dataDir);
      if (saved.isPresent() && saved.get().saslSsl() != saslSsl) {
        boolean was = saved.get().saslSsl();
        throw new ToolException(
            "the data directory %s holds a %s broker; start it with saslSsl(%s) (%s --saslSsl), or use another data directory"
                .formatted(dataDir, was ? "SASL_SSL" : "plaintext", was, was ? "with" : "without"));
      }
      if (saved.isEmpty() && BrokerConfig.isFormatted(dataDir)) {
        throw new ToolException(
            "the data directory %s holds Kafka logs not created by LocalKafka; use an empty or new directory"
                .formatted(dataDir));
      }
      BrokerConfig config = saved.orElseGet(() -> BrokerConfig.create(dataDir, saslSsl));
      config.save();
      return new LocalKafka(this, config).startBroker(false);
    }
  }
}
