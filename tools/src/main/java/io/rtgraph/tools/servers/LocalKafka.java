package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
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
public final class LocalKafka implements AutoCloseable {
  public static final int DEFAULT_HEAP_MB = 512;

  /** Large enough for the 1 MiB+ records that dead-letter topics receive. */
  public static final int DEFAULT_MESSAGE_MAX_BYTES = 8 * 1024 * 1024;

  public static final int DEFAULT_PARTITIONS = 1;

  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

  private final BrokerFiles files;
  private final String classpath;
  private final int heapMb;
  private final int messageMaxBytes;
  private final int partitions;

  private BrokerState state;
  private BrokerConfig config;

  /** The running broker; read without the lock by the shutdown hook. */
  private volatile ProcessHandle broker;

  private long pid = -1;
  private final ChildProcesses.StopOnExit stopOnExit;

  private LocalKafka(Builder builder, BrokerFiles files, BrokerState state, String classpath) {
    this.files = files;
    this.state = state;
    this.classpath = classpath;
    this.heapMb = builder.heapMb;
    this.messageMaxBytes = builder.messageMaxBytes;
    this.partitions = builder.partitions;
    this.stopOnExit =
        new ChildProcesses.StopOnExit(
            builder.stopOnExit,
            "local-kafka-stop-" + files.dir().getFileName(),
            this::processes,
            STOP_GRACE,
            "broker");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address clients connect to, {@code 127.0.0.1:port}; stable across restarts. */
  public String bootstrapServers() {
    return state.bootstrapServers();
  }

  /**
   * The security settings a client of the broker needs (the {@code rtgraph} SCRAM user over TLS);
   * empty in plaintext mode. A fresh copy: callers may add their own settings to it.
   */
  public Properties clientProperties() {
    return config.clientProperties(state.clientUser(), state.clientPassword());
  }

  /** {@link #clientProperties()} as a file, for {@code --kafkaClientProperties} and the scripts. */
  public Path clientPropertiesFile() {
    return files.clientPropertiesFile();
  }

  public boolean saslSsl() {
    return state.saslSsl();
  }

  /** The broker's pid, or its last pid once stopped; -1 before the first start. */
  public synchronized long pid() {
    return pid;
  }

  public Path dataDir() {
    return files.dir();
  }

  public Path logFile() {
    return files.brokerLog();
  }

  public boolean isRunning() {
    ProcessHandle current = broker;
    return current != null && current.isAlive();
  }

  /** The SCRAM user of {@link #clientProperties()}; empty in plaintext mode. */
  public String clientUser() {
    return state.clientUser();
  }

  /** For tests only. Empty in plaintext mode. */
  public String clientPassword() {
    return state.clientPassword();
  }

  /** For tests only. Empty in plaintext mode. */
  public String keystorePassword() {
    return state.keystorePassword();
  }

  /** For tests only. Empty in plaintext mode. */
  public String truststorePassword() {
    return state.truststorePassword();
  }

  /**
   * Stops the broker in an orderly way (SIGTERM), killing it if it has not exited after 30 s, and
   * removes its pid file. Does nothing when it is not running.
   */
  public synchronized void stop() {
    ProcessHandle current = broker;
    if (current != null) {
      BrokerProcess.stop(current, STOP_GRACE);
      broker = null;
      LOG.info("Kafka broker at {} stopped (pid {})", bootstrapServers(), current.pid());
    }
    if (BrokerProcess.running(files).isEmpty()) {
      BrokerProcess.removePidFile(files);
    }
    stopOnExit.remove();
  }

  private List<ProcessHandle> processes() {
    ProcessHandle current = broker;
    return current == null ? List.of() : List.of(current);
  }

  /**
   * Kills the broker at once (SIGKILL), as a crash or {@code kill -9} would, leaving its pid file
   * and unflushed logs behind for {@link #restart()} to recover from.
   */
  public synchronized void kill() {
    ProcessHandle current = broker;
    if (current != null) {
      BrokerProcess.kill(current);
      broker = null;
    }
  }

  /** Stops the broker if it runs, then starts it again on the same ports and data. */
  public synchronized void restart() {
    stop();
    startBroker(true);
  }

  /** {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Admin-user settings, for the readiness check. */
  Properties adminProperties() {
    return config.clientProperties(BrokerState.ADMIN_USER, state.adminPassword());
  }

  private synchronized void startBroker(boolean samePorts) {
    Optional<ProcessHandle> other = BrokerProcess.running(files);
    if (other.isPresent()) {
      throw new LocalServerException(
          "a broker from "
              + files.dir()
              + " is already running (pid "
              + other.get().pid()
              + "); stop it first, e.g. scripts/kafka-local.sh stop --data-dir "
              + files.dir());
    }
    choosePorts(samePorts);
    config = new BrokerConfig(files, state, messageMaxBytes, partitions);
    writeConfigFiles();
    if (state.saslSsl()) {
      TlsStores.createIfMissing(files, state);
    }
    if (!files.isFormatted()) {
      BrokerProcess.format(files, classpath, state.clusterId(), config.scramFormatArguments());
    }
    ProcessHandle started = BrokerProcess.launch(files, classpath, heapMb);
    broker = started;
    pid = started.pid();
    ServerFiles.write(files.bootstrapServersFile(), bootstrapServers() + "\n", false);
    stopOnExit.add();
    try {
      BrokerReadiness.await(started, bootstrapServers(), adminProperties(), STARTUP_TIMEOUT);
    } catch (LocalServerException e) {
      BrokerProcess.kill(started);
      broker = null;
      BrokerProcess.removePidFile(files);
      stopOnExit.remove();
      throw new LocalServerException(
          "Kafka broker in "
              + files.dir()
              + " failed to start: "
              + e.getMessage()
              + BrokerProcess.logTail(files),
          e);
    }
    LOG.info(
        "Kafka broker started at {} (pid {}, data in {})", bootstrapServers(), pid, files.dir());
  }

  /**
   * Keeps the ports of earlier runs so that clients, scripts and files holding the address stay
   * valid; a new start (not a restart) moves to new ports if another process took the old ones.
   */
  private void choosePorts(boolean samePorts) {
    if (FreePorts.isFree(state.clientPort()) && FreePorts.isFree(state.controllerPort())) {
      return;
    }
    if (samePorts) {
      throw new LocalServerException(
          "cannot restart the broker of "
              + files.dir()
              + " on its ports "
              + state.clientPort()
              + " and "
              + state.controllerPort()
              + ": another process is using one of them");
    }
    int[] ports = FreePorts.pick(2);
    LOG.warn(
        "Ports {} and {} of the broker in {} are taken; moving to {} and {}",
        state.clientPort(),
        state.controllerPort(),
        files.dir(),
        ports[0],
        ports[1]);
    state = state.withPorts(ports[0], ports[1]);
    state.save(files);
  }

  private void writeConfigFiles() {
    ServerFiles.write(files.serverProperties(), config.serverProperties(), state.saslSsl());
    ServerFiles.write(files.log4jProperties(), BrokerConfig.log4jProperties(), false);
    String comment =
        state.saslSsl()
            ? "Client settings for the local SASL_SSL broker at " + bootstrapServers() + ". Secret."
            : "The local broker at "
                + bootstrapServers()
                + " is plaintext: clients need no settings.";
    ServerFiles.write(
        files.clientPropertiesFile(),
        BrokerConfig.propertiesFile(comment, clientProperties()),
        state.saslSsl());
  }

  /** Settings of a broker to start; only {@link #dataDir(Path)} is required. */
  public static final class Builder {
    private Path dataDir;
    private boolean saslSsl;
    private int heapMb = DEFAULT_HEAP_MB;
    private int messageMaxBytes = DEFAULT_MESSAGE_MAX_BYTES;
    private int partitions = DEFAULT_PARTITIONS;
    private String classpath;
    private boolean stopOnExit = true;

    private Builder() {}

    /**
     * Where the broker keeps its configuration, logs and data; created if missing. A directory that
     * held a broker before starts that broker again, with its topics and records.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** SCRAM-SHA-512 over TLS instead of plaintext; default false. */
    public Builder saslSsl(boolean saslSsl) {
      this.saslSsl = saslSsl;
      return this;
    }

    /** The broker JVM's maximum heap; default 512. */
    public Builder heapMb(int heapMb) {
      if (heapMb < 128) {
        throw new IllegalArgumentException("heapMb must be at least 128, got " + heapMb);
      }
      this.heapMb = heapMb;
      return this;
    }

    /** {@code message.max.bytes} and {@code replica.fetch.max.bytes}; default 8 MiB. */
    public Builder messageMaxBytes(int messageMaxBytes) {
      if (messageMaxBytes < 1024) {
        throw new IllegalArgumentException(
            "messageMaxBytes must be at least 1024, got " + messageMaxBytes);
      }
      this.messageMaxBytes = messageMaxBytes;
      return this;
    }

    /** {@code num.partitions}, for topics created without a partition count; default 1. */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * The broker's class path ({@code :}-separated). Default: the file named by the system property
     * {@code rtgraph.kafka.classpath}, else {@code servers/kafka/target/classpath.txt} in the
     * working directory or above.
     */
    public Builder classpath(String classpath) {
      if (classpath == null || classpath.isBlank()) {
        throw new IllegalArgumentException("classpath must not be empty");
      }
      this.classpath = classpath;
      return this;
    }

    /**
     * Whether the broker is stopped when this JVM exits without stopping it; default true. False
     * for a broker that must outlive its launcher.
     */
    public Builder stopOnExit(boolean stopOnExit) {
      this.stopOnExit = stopOnExit;
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
      if (dataDir == null) {
        throw new IllegalStateException("LocalKafka.builder().dataDir(...) is required");
      }
      String brokerClasspath = classpath != null ? classpath : ServerClasspath.KAFKA.locate();
      BrokerFiles files = new BrokerFiles(dataDir);
      try {
        Files.createDirectories(files.dir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + files.dir(), e);
      }
      LocalKafka kafka = new LocalKafka(this, files, stateOf(files), brokerClasspath);
      kafka.startBroker(false);
      return kafka;
    }

    private BrokerState stateOf(BrokerFiles files) {
      Optional<BrokerState> saved = BrokerState.load(files);
      if (saved.isPresent()) {
        if (saved.get().saslSsl() != saslSsl) {
          boolean was = saved.get().saslSsl();
          throw new LocalServerException(
              "the data directory "
                  + files.dir()
                  + " holds a "
                  + (was ? "SASL_SSL" : "plaintext")
                  + " broker; start it with saslSsl("
                  + was
                  + ") ("
                  + (was ? "with" : "without")
                  + " --sasl-ssl), or use another data"
                  + " directory");
        }
        return saved.get();
      }
      if (files.isFormatted()) {
        throw new LocalServerException(
            "the data directory "
                + files.dir()
                + " holds Kafka logs not created by LocalKafka; use an empty or new directory");
      }
      BrokerState created = BrokerState.create(saslSsl);
      created.save(files);
      return created;
    }
  }
}
