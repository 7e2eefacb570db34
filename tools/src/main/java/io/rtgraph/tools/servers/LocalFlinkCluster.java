package io.rtgraph.tools.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink 1.19 session cluster, one JobManager and N TaskManagers, each a child JVM run from
 * the Maven-resolved class path ({@code servers/flink/target/classpath.txt}), for tests, the demo
 * and local runs.
 *
 * <p>Separate JVMs rather than Flink's embedded mini cluster, because jobs are submitted to it as
 * to a production cluster ({@code --flinkMaster=}{@link #restAddress()}), and because tests of
 * failure handling need TaskManagers that can be killed and started again like real ones.
 * Everything the cluster owns lives in its data directory (configuration, logs, pid files, {@code
 * rest.address}, checkpoints and savepoints), so a later process can find or stop it. The child
 * processes, their pid files, the readiness wait and the stop are {@link LocalServer}'s.
 *
 * <pre>{@code
 * try (LocalFlinkCluster flink = LocalFlinkCluster.builder().dataDir(dir).slotsPerTaskManager(2)
 *     .start()) {
 *   String flinkMaster = flink.restAddress();   // 127.0.0.1:PORT
 *   ...
 *   flink.killTaskManager(0);                   // kill -9
 *   flink.startTaskManager(0);                  // back with all its slots
 * }
 * }</pre>
 */
public final class LocalFlinkCluster extends LocalServer {
  public static final int DEFAULT_TASK_MANAGERS = 1;
  public static final int DEFAULT_SLOTS_PER_TASK_MANAGER = 4;

  static final String JOB_MANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  static final String JOB_MANAGER = "jobmanager";
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  /** What Flink's distribution opens to its own code and to Kryo on Java 17. */
  private static final List<String> MODULE_OPTIONS =
      LocalServer.resource("flink-jvm-options.txt")
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .toList();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

  private final FlinkClusterConfig config;
  private final String classpath;
  private final int taskManagers;

  /** The resource id of each TaskManager's current (or last) process. */
  private final String[] resourceIds;

  // HTTP/1.1: the REST server does not speak HTTP/2, and the upgrade attempt only costs time.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private LocalFlinkCluster(Builder builder, FlinkClusterConfig config, String classpath) {
    super(LocalFlinkClusterCommand.KIND, config.dir(), builder.stopOnExit);
    this.config = config;
    this.classpath = classpath;
    this.taskManagers = builder.taskManagers;
    this.resourceIds = new String[builder.taskManagers];
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:PORT}: the REST API, for Beam's {@code --flinkMaster} and Flink's CLI. */
  public String restAddress() {
    return FlinkClusterConfig.LOOPBACK + ":" + config.restPort();
  }

  public int restPort() {
    return config.restPort();
  }

  /** The web UI (and REST API) as a URL, {@code http://127.0.0.1:PORT}. */
  public String webUrl() {
    return "http://" + restAddress();
  }

  /** {@code state.checkpoints.dir}, as a local path; checkpoints are retained on cancellation. */
  public Path checkpointsDir() {
    return config.checkpointsDir();
  }

  /** {@code state.savepoints.dir}, as a local path. */
  public Path savepointsDir() {
    return config.savepointsDir();
  }

  /** {@code jobmanager.log}, {@code taskmanager-<i>.log} and their {@code .out} files. */
  public Path logDir() {
    return config.logDir();
  }

  /** The number of TaskManagers the cluster was started with. */
  public int taskManagers() {
    return taskManagers;
  }

  public int slotsPerTaskManager() {
    return config.slotsPerTaskManager();
  }

  /** The JobManager's pid, or its last pid once stopped. */
  public long jobManagerPid() {
    return lastPid(JOB_MANAGER);
  }

  /** Each TaskManager's pid by index: of its current process, or of its last once killed. */
  public List<Long> taskManagerPids() {
    return IntStream.range(0, taskManagers).mapToObj(i -> lastPid(taskManager(i))).toList();
  }

  /** Whether the JobManager runs. */
  public boolean isRunning() {
    return child(JOB_MANAGER) != null;
  }

  public boolean isTaskManagerRunning(int index) {
    return child(taskManager(checkIndex(index))) != null;
  }

  /** {@code GET /overview}, now. */
  public FlinkOverview overview() {
    try {
      return overview(restAddress(), http);
    } catch (IOException e) {
      throw new LocalServerException(
          "the Flink REST API at " + restAddress() + " did not answer: " + e.getMessage(), e);
    }
  }

  /**
   * Kills TaskManager {@code index} at once (SIGKILL), as a crash or {@code kill -9} would, and
   * returns as soon as the process is gone, without waiting for the JobManager to notice (its
   * heartbeat times out after 10 s, a failed RPC makes it notice sooner). Does nothing when that
   * TaskManager is not running.
   */
  public void killTaskManager(int index) {
    long pid = lastPid(taskManager(checkIndex(index)));
    if (isTaskManagerRunning(index)) {
      kill(taskManager(index), true);
      LOG.info("Flink TaskManager {} killed (pid {})", index, pid);
    }
  }

  /**
   * Starts TaskManager {@code index} again, with the same configuration, and returns once the
   * JobManager lists it with all its slots and no TaskManager that is gone: the overview then shows
   * every running TaskManager's slots, which is the full slot count when all of them run.
   *
   * @throws IllegalStateException if that TaskManager is running
   * @throws LocalServerException if the cluster is not running, or the TaskManager has not
   *     registered within 90 s (it is killed then; the message holds the end of its logs)
   */
  public synchronized void startTaskManager(int index) {
    if (isTaskManagerRunning(index)) {
      throw new IllegalStateException(
          "TaskManager " + index + " is already running (pid " + lastPid(taskManager(index)) + ")");
    }
    if (!isRunning()) {
      throw new LocalServerException(
          "the Flink cluster in %s is not running; start a new one instead of its TaskManager %d"
              .formatted(dataDir(), index));
    }
    long started = System.nanoTime();
    launchTaskManager(index);
    try {
      awaitTaskManagers(List.of(index));
    } catch (LocalServerException e) {
      throw startFailed(
          "Flink TaskManager " + index, e, List.of(taskManager(index)), logs(List.of(index)));
    }
    LOG.info(
        "Flink TaskManager {} started in {} ms (pid {})",
        index,
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        lastPid(taskManager(index)));
  }

  /**
   * Stops every process of the cluster in an orderly way (SIGTERM to all at once), killing those
   * that have not exited after 30 s, and removes their pid files and {@code rest.address}. Does
   * nothing when nothing runs.
   */
  @Override
  public synchronized void stop() {
    boolean wasRunning = isRunning();
    super.stop();
    if (wasRunning) {
      LOG.info("Flink session cluster at {} stopped", restAddress());
    }
  }

  static String taskManager(int index) {
    return "taskmanager-" + index;
  }

  /** {@code GET /overview} of the cluster at the address. */
  static FlinkOverview overview(String restAddress, HttpClient http) throws IOException {
    JsonNode json = get(restAddress, "/overview", http);
    return new FlinkOverview(
        json.path("taskmanagers").asInt(),
        json.path("slots-total").asInt(),
        json.path("slots-available").asInt(),
        json.path("jobs-running").asInt(),
        json.path("jobs-finished").asInt(),
        json.path("jobs-cancelled").asInt(),
        json.path("jobs-failed").asInt(),
        json.path("flink-version").asText(""));
  }

  private synchronized void startCluster() {
    checkNotRunning();
    removeStaleRunFiles(dataDir(), LocalFlinkClusterCommand.KIND.runFiles());
    config.writeFiles();
    long started = System.nanoTime();
    List<Integer> all = IntStream.range(0, taskManagers).boxed().toList();
    try {
      launch(
          JOB_MANAGER,
          java(JOB_MANAGER, config.memory().jobManagerJvmOptions(), List.of(JOB_MANAGER_MAIN)),
          config.log(JOB_MANAGER, ".out"),
          environment());
      write(dataDir().resolve(FlinkClusterConfig.REST_ADDRESS_FILE), restAddress() + "\n", false);
      // The TaskManagers start at once and register as soon as the JobManager is up.
      all.forEach(this::launchTaskManager);
      awaitTaskManagers(all);
    } catch (RuntimeException e) {
      throw startFailed("Flink session cluster", e, List.of(), logs(all));
    }
    LOG.info(
        "Flink session cluster started in {} ms: REST API and web UI at {} (JobManager pid"
            + " {}, TaskManager pids {}, data in {})",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        webUrl(),
        jobManagerPid(),
        taskManagerPids(),
        dataDir());
  }

  /**
   * Starts TaskManager {@code index}. Its resource id is new at every start, so that the
   * JobManager's view shows whether this process, not a killed predecessor that has not yet timed
   * out, has registered.
   */
  private void launchTaskManager(int index) {
    String role = taskManager(index);
    String resourceId =
        role + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    resourceIds[index] = resourceId;
    launch(
        role,
        java(
            role,
            config.memory().taskManagerJvmOptions(),
            List.of(TASK_MANAGER_MAIN, "-Dtaskmanager.resource-id=" + resourceId)),
        config.log(role, ".out"),
        environment());
  }

  /**
   * Waits until the JobManager lists exactly the running TaskManagers' current processes, with all
   * their slots: a killed TaskManager still listed (its heartbeat has not timed out) keeps the wait
   * going, as does one of {@code watched} that has not registered yet.
   */
  private void awaitTaskManagers(List<Integer> watched) {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < taskManagers; i++) {
      if (child(taskManager(i)) != null) {
        expected.add(resourceIds[i]);
      }
    }
    int slots = expected.size() * config.slotsPerTaskManager();
    awaitReady(
        STARTUP_TIMEOUT,
        watched.stream().map(LocalFlinkCluster::taskManager).toList(),
        () -> {
          FlinkOverview overview = overview(restAddress(), http);
          if (overview.taskManagers() != expected.size() || overview.slotsTotal() != slots) {
            return "the overview shows %s, waiting for %d TaskManager(s) with %d slot(s)"
                .formatted(overview, expected.size(), slots);
          }
          Set<String> registered = new HashSet<>();
          get(restAddress(), "/taskmanagers", http)
              .path("taskmanagers")
              .forEach(taskManager -> registered.add(taskManager.path("id").asText()));
          return registered.equals(expected)
              ? null
              : "TaskManagers " + registered + " registered, waiting for " + expected;
        });
  }

  /** The ends of the JobManager's files and of the named TaskManagers', for error messages. */
  private List<Path> logs(List<Integer> taskManagerIndexes) {
    List<Path> logs = new ArrayList<>();
    for (String role :
        Stream.concat(
                Stream.of(JOB_MANAGER),
                taskManagerIndexes.stream().map(LocalFlinkCluster::taskManager))
            .toList()) {
      logs.add(config.log(role, ".out"));
      logs.add(config.log(role, ".log"));
    }
    return logs;
  }

  /** As Flink's {@code jobmanager.sh} and {@code taskmanager.sh} would start it. */
  private List<String> java(String role, List<String> memoryOptions, List<String> main) {
    List<String> command = new ArrayList<>(memoryOptions);
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    // The web UI serves the log from log.file, and the console output from the .out beside it.
    command.add("-Dlog.file=" + config.log(role, ".log"));
    command.add("-Dlog4j.configurationFile=" + config.log4jFile().toUri());
    command.addAll(MODULE_OPTIONS);
    command.addAll(
        List.of("-cp", classpath, main.get(0), "--configDir", config.confDir().toString()));
    command.addAll(main.subList(1, main.size()));
    return command;
  }

  private Map<String, String> environment() {
    return Map.of(
        "FLINK_CONF_DIR", config.confDir().toString(),
        "FLINK_PLUGINS_DIR", config.pluginsDir().toString(),
        "FLINK_LOG_DIR", config.logDir().toString());
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= taskManagers) {
      throw new IndexOutOfBoundsException(
          "TaskManager index " + index + " is not in [0, " + taskManagers + ")");
    }
    return index;
  }

  private static JsonNode get(String restAddress, String path, HttpClient http) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + restAddress + path))
            .timeout(REQUEST_TIMEOUT)
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Settings of a cluster to start; only {@link #dataDir(Path)} is required. */
  public static final class Builder extends LocalServer.Builder<Builder> {
    private int taskManagers = DEFAULT_TASK_MANAGERS;
    private int slotsPerTaskManager = DEFAULT_SLOTS_PER_TASK_MANAGER;
    private int restPort;
    private FlinkMemory memory = FlinkMemory.DEFAULT;

    private Builder() {}

    /** The number of TaskManager JVMs; default 1. */
    public Builder taskManagers(int taskManagers) {
      this.taskManagers = atLeast("taskManagers", taskManagers, 1);
      return this;
    }

    /** {@code taskmanager.numberOfTaskSlots} (and as many CPU cores); default 4. */
    public Builder slotsPerTaskManager(int slots) {
      this.slotsPerTaskManager = atLeast("slotsPerTaskManager", slots, 1);
      return this;
    }

    /** The port of the REST API and web UI on 127.0.0.1; default 0, a free port. */
    public Builder restPort(int restPort) {
      if (restPort < 0 || restPort > 65535) {
        throw new IllegalArgumentException("restPort must be in [0, 65535], got " + restPort);
      }
      this.restPort = restPort;
      return this;
    }

    /**
     * The memory of the JobManager and of each TaskManager; default {@link FlinkMemory#DEFAULT}.
     */
    Builder memory(FlinkMemory memory) {
      this.memory = Objects.requireNonNull(memory, "memory");
      return this;
    }

    /**
     * Starts the JobManager and the TaskManagers and returns once the REST API lists every
     * TaskManager with all its slots.
     *
     * @throws LocalServerException if that takes longer than 90 s or a process exits (everything
     *     started is killed then, and the message holds the ends of the logs), if a cluster from
     *     the data directory is already running, or if the REST port is taken
     */
    public LocalFlinkCluster start() {
      String clusterClasspath = prepare(ServerClasspath.FLINK);
      if (restPort != 0 && !FreePorts.isFree(restPort)) {
        throw new LocalServerException(
            "the REST port "
                + restPort
                + " is taken by another process; choose another one, or 0 for a free one");
      }
      int[] ports = FreePorts.pick(2);
      int rpcPort = ports[0] != restPort ? ports[0] : ports[1];
      int chosenRestPort = restPort != 0 ? restPort : ports[1];
      FlinkClusterConfig config =
          new FlinkClusterConfig(dataDir, rpcPort, chosenRestPort, slotsPerTaskManager, memory);
      LocalFlinkCluster cluster = new LocalFlinkCluster(this, config, clusterClasspath);
      cluster.startCluster();
      return cluster;
    }
  }
}
