package io.rtgraph.tools.servers;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) run in a child JVM
 * from the Maven-resolved broker class path, for tests, the demo and local runs.
 *
 * <p>A separate JVM rather than an embedded broker, because the broker needs other versions of
 * shared libraries than our code, and because tests of failure handling need a broker that can be
 * killed and restarted like a real one. Everything the broker owns lives in its data directory
 * ({@code server.properties}, {@code broker.log}, {@code broker.pid}, {@code bootstrap.servers},
 * {@code client.properties}, its logs), so a later process can find, reuse or stop it.
 *
 * <p>In SASL_SSL mode the broker has no plaintext client listener at all: clients authenticate with
 * SCRAM-SHA-512 over TLS, with a self-signed certificate they trust through a generated truststore.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.builder().dataDir(dir).saslSsl(true).start()) {
 *   Properties client = kafka.clientProperties();
 *   client.put("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 * }
 * }</pre>
 */
public final class LocalKafka extends LocalServer {
  public static final int DEFAULT_HEAP_MB = 512;

  /** Large enough for the 1 MiB+ records that dead-letter topics receive. */
  public static final int DEFAULT_MESSAGE_MAX_BYTES = 8 * 1024 * 1024;

  public static final int DEFAULT_PARTITIONS = 1;

  static final String BROKER_MAIN = "kafka.Kafka";
  static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";
  static final String ROLE = "broker";
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);

  /** How long one readiness call may take before the broker's liveness is checked again. */
  private static final Duration ATTEMPT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

  private final String classpath;
  private final int heapMb;
  private BrokerConfig config;

  private LocalKafka(Builder builder, BrokerState state, String classpath) {
    super(LocalKafkaCommand.KIND, builder.dataDir, builder.stopOnExit);
    this.classpath = classpath;
    this.heapMb = builder.heapMb;
    this.config = new BrokerConfig(dataDir(), state, builder.messageMaxBytes, builder.partitions);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address clients connect to, {@code 127.0.0.1:port}; stable across restarts. */
  public String bootstrapServers() {
    return config.state().bootstrapServers();
  }

  /**
   * The security settings a client of the broker needs (the {@code rtgraph} SCRAM user over TLS);
   * empty in plaintext mode. A fresh copy: callers may add their own settings to it.
   */
  public Properties clientProperties() {
    return config.clientProperties(clientUser(), clientPassword());
  }

  /** {@link #clientProperties()} as a file, for {@code --kafkaClientProperties} and the scripts. */
  public Path clientPropertiesFile() {
    return dataDir().resolve(BrokerConfig.CLIENT_PROPERTIES);
  }

  public boolean saslSsl() {
    return config.state().saslSsl();
  }

  /** The broker's pid, or its last pid once stopped; -1 before the first start. */
  public long pid() {
    return lastPid(ROLE);
  }

  public Path logFile() {
    return dataDir().resolve(BrokerConfig.BROKER_LOG);
  }

  public boolean isRunning() {
    return child(ROLE) != null;
  }

  /** The SCRAM user of {@link #clientProperties()}; empty in plaintext mode. */
  public String clientUser() {
    return config.state().clientUser();
  }

  /** For tests only. Empty in plaintext mode. */
  public String clientPassword() {
    return config.state().clientPassword();
  }

  /** For tests only. Empty in plaintext mode. */
  public String keystorePassword() {
    return config.state().keystorePassword();
  }

  /** For tests only. Empty in plaintext mode. */
  public String truststorePassword() {
    return config.state().truststorePassword();
  }

  /**
   * Stops the broker in an orderly way (SIGTERM, which flushes and closes its logs), killing it if
   * it has not exited after 30 s, and removes its pid file. Does nothing when it is not running.
   */
  @Override
  public synchronized void stop() {
    boolean wasRunning = isRunning();
    super.stop();
    if (wasRunning) {
      LOG.info("Kafka broker at {} stopped (pid {})", bootstrapServers(), pid());
    }
  }

  /**
   * Kills the broker at once (SIGKILL), as a crash or {@code kill -9} would, leaving its pid file
   * and unflushed logs behind for {@link #restart()} to recover from.
   */
  public void kill() {
    kill(ROLE, false);
  }

  /** Stops the broker if it runs, then starts it again on the same ports and data. */
  public synchronized void restart() {
    stop();
    startBroker(true);
  }

  private synchronized void startBroker(boolean samePorts) {
    checkNotRunning();
    choosePorts(samePorts);
    writeConfigFiles();
    if (saslSsl()) {
      TlsStores.createIfMissing(config);
    }
    if (!BrokerConfig.isFormatted(dataDir())) {
      List<String> format =
          new ArrayList<>(
              List.of("format", "-t", config.state().clusterId(), "-c", serverProperties()));
      format.addAll(config.scramFormatArguments());
      runToEnd(
          "formatting " + dataDir().resolve(BrokerConfig.LOG_DIR),
          java(256, STORAGE_TOOL_MAIN, format),
          logFile(),
          FORMAT_TIMEOUT);
    }
    launch(ROLE, java(heapMb, BROKER_MAIN, List.of(serverProperties())), logFile(), Map.of());
    LocalServer.write(
        dataDir().resolve(BrokerConfig.BOOTSTRAP_SERVERS), bootstrapServers() + "\n", false);
    try {
      awaitServingClients();
    } catch (LocalServerException e) {
      throw startFailed("Kafka broker", e, List.of(), List.of(logFile()));
    }
    LOG.info(
        "Kafka broker started at {} (pid {}, data in {})", bootstrapServers(), pid(), dataDir());
  }

  /**
   * Waits until the broker answers a real client request, rather than for a log line or an open
   * port: {@code describeCluster} succeeds only once the broker has joined the cluster and serves
   * clients with the configured security (as the admin user).
   */
  private void awaitServingClients() {
    Properties admin =
        config.clientProperties(BrokerState.ADMIN_USER, config.state().adminPassword());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-readiness");
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    admin.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
    admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    Admin client = Admin.create(admin);
    try {
      awaitReady(
          STARTUP_TIMEOUT,
          List.of(),
          () -> {
            try {
              return client
                      .describeCluster()
                      .nodes()
                      .get(ATTEMPT.toMillis(), MILLISECONDS)
                      .isEmpty()
                  ? "the cluster has no live broker yet"
                  : null;
            } catch (ExecutionException e) {
              return e.getCause().toString();
            }
          });
    } finally {
      client.close(ATTEMPT);
    }
  }

  private String serverProperties() {
    return config.file(BrokerConfig.SERVER_PROPERTIES).toString();
  }

  private List<String> java(int heap, String main, List<String> arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "-Xmx" + heap + "m",
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j.configuration=" + config.file(BrokerConfig.LOG4J_PROPERTIES).toUri(),
                "-Dkafka.logs.dir=" + dataDir(),
                "-cp",
                classpath,
                main));
    command.addAll(arguments);
    return command;
  }

  /**
   * Keeps the ports of earlier runs so that clients, scripts and files holding the address stay
   * valid; a new start (not a restart) moves to new ports if another process took the old ones.
   */
  private void choosePorts(boolean samePorts) {
    BrokerState state = config.state();
    if (FreePorts.isFree(state.clientPort()) && FreePorts.isFree(state.controllerPort())) {
      return;
    }
    if (samePorts) {
      throw new LocalServerException(
          "cannot restart the broker of %s on its ports %d and %d: another process is using one"
              .formatted(dataDir(), state.clientPort(), state.controllerPort()));
    }
    int[] ports = FreePorts.pick(2);
    LOG.warn(
        "Ports {} and {} of the broker in {} are taken; moving to {} and {}",
        state.clientPort(),
        state.controllerPort(),
        dataDir(),
        ports[0],
        ports[1]);
    BrokerState moved = state.withPorts(ports[0], ports[1]);
    moved.save(dataDir());
    config = new BrokerConfig(dataDir(), moved, config.messageMaxBytes(), config.partitions());
  }

  private void writeConfigFiles() {
    boolean secret = saslSsl();
    LocalServer.write(
        config.file(BrokerConfig.SERVER_PROPERTIES), config.serverProperties(), secret);
    LocalServer.write(
        config.file(BrokerConfig.LOG4J_PROPERTIES),
        LocalServer.resource("kafka-log4j.properties"),
        false);
    String comment =
        secret
            ? "Client settings for the local SASL_SSL broker at " + bootstrapServers() + ". Secret."
            : "The local broker at "
                + bootstrapServers()
                + " is plaintext: clients need no settings.";
    LocalServer.write(
        clientPropertiesFile(), BrokerConfig.propertiesFile(comment, clientProperties()), secret);
  }

  /** Settings of a broker to start; only {@link #dataDir(Path)} is required. */
  public static final class Builder extends LocalServer.Builder<Builder> {
    private boolean saslSsl;
    private int heapMb = DEFAULT_HEAP_MB;
    private int messageMaxBytes = DEFAULT_MESSAGE_MAX_BYTES;
    private int partitions = DEFAULT_PARTITIONS;

    private Builder() {}

    /** SCRAM-SHA-512 over TLS instead of plaintext; default false. */
    public Builder saslSsl(boolean saslSsl) {
      this.saslSsl = saslSsl;
      return this;
    }

    /** The broker JVM's maximum heap; default 512. */
    public Builder heapMb(int heapMb) {
      this.heapMb = atLeast("heapMb", heapMb, 128);
      return this;
    }

    /** {@code message.max.bytes} and {@code replica.fetch.max.bytes}; default 8 MiB. */
    public Builder messageMaxBytes(int messageMaxBytes) {
      this.messageMaxBytes = atLeast("messageMaxBytes", messageMaxBytes, 1024);
      return this;
    }

    /** {@code num.partitions}, for topics created without a partition count; default 1. */
    public Builder partitions(int partitions) {
      this.partitions = atLeast("partitions", partitions, 1);
      return this;
    }

    /**
     * Starts the broker and returns once it serves clients.
     *
     * @throws LocalServerException if it does not within 60 s (the message holds the end of its
     *     log), if the data directory holds a broker of the other security mode, or if a broker
     *     from the data directory is already running
     */
    public LocalKafka start() {
      String brokerClasspath = prepare(ServerClasspath.KAFKA);
      LocalKafka kafka = new LocalKafka(this, stateOf(dataDir), brokerClasspath);
      kafka.startBroker(false);
      return kafka;
    }

    private BrokerState stateOf(Path dir) {
      Optional<BrokerState> saved = BrokerState.load(dir);
      if (saved.isPresent() && saved.get().saslSsl() != saslSsl) {
        boolean was = saved.get().saslSsl();
        throw new LocalServerException(
            "the data directory %s holds a %s broker; start it with saslSsl(%s) (%s --saslSsl), or use another data directory"
                .formatted(dir, was ? "SASL_SSL" : "plaintext", was, was ? "with" : "without"));
      }
      if (saved.isEmpty() && BrokerConfig.isFormatted(dir)) {
        throw new LocalServerException(
            "the data directory "
                + dir
                + " holds Kafka logs not created by LocalKafka; use an empty or new directory");
      }
      return saved.orElseGet(
          () -> {
            BrokerState created = BrokerState.create(saslSsl);
            created.save(dir);
            return created;
          });
    }
  }
}
