package io.rtgraph.tools.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.io.function.Uncheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * A real Flink 1.19 session cluster, one JobManager and N TaskManagers, each a child JVM run from
 * the Maven-resolved class path, for tests, the demo and local runs; its {@link #main} is {@code
 * scripts/flink-cluster.sh}. Separate JVMs rather than Flink's mini cluster, because jobs are
 * submitted to it as to a production cluster ({@code --flinkMaster=}{@link #restAddress()}), and
 * because tests of failure handling kill and start TaskManagers as on a real one.
 *
 * <p>Its data directory holds {@code conf/} (from the template {@code flink-conf.yaml} beside this
 * class, which says why each setting, and {@code flink-log4j.properties}), {@code log/ROLE.log} and
 * {@code .out} (the web UI shows both), the pid files, {@code rest.address} while it runs, and
 * {@code checkpoints/}, {@code savepoints/}, {@code tmp/} and {@code plugins/}.
 */
public final class LocalFlinkCluster extends LocalServer {
  static final String JOB_MANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String JOB_MANAGER = "jobmanager";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  /** The REST port Flink and its tools assume. */
  private static final int DEFAULT_REST_PORT = 8081;

  /** What Flink's distribution opens to its own code and to Kryo on Java 17. */
  private static final List<String> MODULE_OPTIONS =
      resource("flink-jvm-options.txt")
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

  // HTTP/1.1: the REST server does not speak HTTP/2, and the upgrade attempt only costs time.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  static final ServerCommand.Kind KIND =
      new ServerCommand.Kind(
          "flink-cluster",
          "Flink session cluster",
          ".local/flink",
          JOB_MANAGER,
          "rest.address",
          "REST API and web UI at http://",
          List.of("rest.address"),
          LocalFlinkCluster::printOverview);

  private final String classpath;
  private final String restAddress;
  private final String flinkConfYaml;
  private final Map<String, String> conf;

  /** The resource id of each TaskManager's current (or last) process. */
  private final String[] resourceIds;

  private LocalFlinkCluster(Builder builder, String classpath, int rpcPort, int restPort) {
    super(KIND, builder);
    this.classpath = classpath;
    this.restAddress = "127.0.0.1:" + restPort;
    this.flinkConfYaml = flinkConfYaml(dataDir(), rpcPort, restPort, builder.slotsPerTaskManager);
    this.conf = entries(flinkConfYaml);
    this.resourceIds = new String[builder.taskManagers];
  }

  /** {@code scripts/flink-cluster.sh}: start, stop or status of the cluster of a data directory. */
  public static void main(String[] args) {
    String about =
        "Runs a local Flink session cluster (a JobManager and TaskManagers) in the background.";
    System.exit(ServerCommand.commandLine(KIND, about, builder()).execute(args));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:PORT}: the REST API, for Beam's {@code --flinkMaster} and Flink's CLI. */
  public String restAddress() {
    return restAddress;
  }

  /** The web UI (and REST API) as a URL, {@code http://127.0.0.1:PORT}. */
  public String webUrl() {
    return "http://" + restAddress;
  }

  /** {@code state.checkpoints.dir}, as a local path; checkpoints are retained on cancellation. */
  public Path checkpointsDir() {
    return dataDir().resolve("checkpoints");
  }

  public Path savepointsDir() {
    return dataDir().resolve("savepoints");
  }

  /** {@code jobmanager.log}, {@code taskmanager-<i>.log} and their {@code .out} files. */
  public Path logDir() {
    return dataDir().resolve("log");
  }

  public long jobManagerPid() {
    return lastPid(JOB_MANAGER);
  }

  /** Each TaskManager's pid by index: of its current process, or of its last once killed. */
  public List<Long> taskManagerPids() {
    return IntStream.range(0, resourceIds.length).mapToObj(i -> lastPid(taskManager(i))).toList();
  }

  public boolean isTaskManagerRunning(int index) {
    if (index < 0 || index >= resourceIds.length) {
      throw new IndexOutOfBoundsException("no TaskManager " + index + " in " + dataDir());
    }
    return isAlive(taskManager(index));
  }

  /** {@code GET /overview}, now. */
  public FlinkOverview overview() {
    try {
      return overview(restAddress);
    } catch (IOException e) {
      throw new LocalServerException(
          "the Flink REST API at " + restAddress + " did not answer: " + e.getMessage(), e);
    }
  }

  /**
   * SIGKILL to TaskManager {@code index}, as a crash would; returns once the process is gone, not
   * once the JobManager notices (a 10 s heartbeat timeout at most). Nothing if it does not run.
   */
  public void killTaskManager(int index) {
    if (isTaskManagerRunning(index)) {
      kill(taskManager(index), true);
      LOG.info("Flink TaskManager {} killed (pid {})", index, lastPid(taskManager(index)));
    }
  }

  /**
   * Starts TaskManager {@code index} again and returns once the JobManager lists it with all its
   * slots and no TaskManager that is gone.
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
    launchTaskManager(index);
    try {
      awaitTaskManagers(List.of(index));
    } catch (LocalServerException e) {
      throw startFailed("Flink TaskManager " + index, e, List.of(taskManager(index)), logs(index));
    }
    LOG.info("Flink TaskManager {} started (pid {})", index, lastPid(taskManager(index)));
  }

  static String taskManager(int index) {
    return "taskmanager-" + index;
  }

  /** {@code GET /overview} of the cluster at the address. */
  static FlinkOverview overview(String restAddress) throws IOException {
    JsonNode json = get(restAddress, "/overview");
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

  static String flinkConfYaml(Path dir, int rpcPort, int restPort, int slots) {
    // The legacy parser cuts a line at '#' and reads one line per entry.
    if (dir.toString().contains("#") || dir.toString().contains("\n")) {
      throw new IllegalArgumentException(
          "the data directory of a Flink cluster must not contain '#' or line breaks: " + dir);
    }
    return template(
        "flink-conf.yaml",
        Map.of("dataDir", dir, "rpcPort", rpcPort, "restPort", restPort, "slots", slots));
  }

  /** The entries of a {@code flink-conf.yaml}, as Flink's legacy parser reads them. */
  static Map<String, String> entries(String flinkConfYaml) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String line : flinkConfYaml.lines().map(l -> l.replaceFirst("#.*", "").trim()).toList()) {
      if (!line.isEmpty()) {
        entries.put(line.split(": ", 2)[0], line.split(": ", 2)[1]);
      }
    }
    return entries;
  }

  /**
   * A role's heap, direct memory and metaspace limits from the configured sizes, as Flink's
   * BashJavaUtils derives them for its scripts: no script runs here. A JobManager has no
   * direct-memory limit unless {@code jobmanager.memory.enable-jvm-direct-memory-limit} is set.
   */
  static List<String> memoryOptions(Map<String, String> conf, boolean taskManager) {
    String prefix = taskManager ? "taskmanager.memory." : "jobmanager.memory.";
    int heap =
        taskManager
            ? mb(conf, prefix + "framework.heap.size", prefix + "task.heap.size")
            : mb(conf, prefix + "heap.size");
    List<String> options = new ArrayList<>(List.of("-Xmx" + heap + "m", "-Xms" + heap + "m"));
    if (taskManager) {
      // Network buffers are direct memory too.
      int direct =
          mb(
              conf,
              prefix + "framework.off-heap.size",
              prefix + "task.off-heap.size",
              prefix + "network.max");
      options.add("-XX:MaxDirectMemorySize=" + direct + "m");
    }
    options.add("-XX:MaxMetaspaceSize=" + mb(conf, prefix + "jvm-metaspace.size") + "m");
    return options;
  }

  private static int mb(Map<String, String> conf, String... keys) {
    int sum = 0;
    for (String key : keys) {
      String size = conf.getOrDefault(key, "");
      if (!size.matches("\\d+m")) {
        throw new IllegalStateException("flink-conf.yaml must give " + key + " in MiB: " + size);
      }
      sum += Integer.parseInt(size.substring(0, size.length() - 1));
    }
    return sum;
  }

  private synchronized void startCluster() {
    checkNotRunning();
    removeStaleRunFiles(dataDir(), KIND.runFiles());
    Path confDir = dataDir().resolve("conf");
    write(confDir.resolve("flink-conf.yaml"), flinkConfYaml, false);
    write(confDir.resolve("log4j.properties"), resource("flink-log4j.properties"), false);
    Stream.of("log", "checkpoints", "savepoints", "tmp", "plugins")
        .forEach(d -> Uncheck.apply(Files::createDirectories, dataDir().resolve(d)));
    List<Integer> all = IntStream.range(0, resourceIds.length).boxed().toList();
    try {
      launch(
          JOB_MANAGER,
          java(JOB_MANAGER, List.of(JOB_MANAGER_MAIN)),
          log(JOB_MANAGER, ".out"),
          environment());
      write(dataDir().resolve("rest.address"), restAddress + "\n", false);
      // The TaskManagers start at once and register as soon as the JobManager is up.
      all.forEach(this::launchTaskManager);
      awaitTaskManagers(all);
    } catch (RuntimeException e) {
      throw startFailed("Flink session cluster", e, List.of(), logs(all.toArray(Integer[]::new)));
    }
    LOG.info("Flink session cluster started: {}", KIND.describe(dataDir()));
  }

  /**
   * Starts TaskManager {@code index} with a new resource id, so that the JobManager's view shows
   * whether this process, not a killed predecessor that has not timed out yet, has registered.
   */
  private void launchTaskManager(int index) {
    String role = taskManager(index);
    resourceIds[index] = role + "-%06x".formatted(ThreadLocalRandom.current().nextInt(1 << 24));
    List<String> main =
        List.of(
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            "-Dtaskmanager.resource-id=" + resourceIds[index]);
    launch(role, java(role, main), log(role, ".out"), environment());
  }

  /**
   * Waits until the JobManager lists exactly the running TaskManagers' current processes, with all
   * their slots: a killed TaskManager still listed (its heartbeat has not timed out) keeps the wait
   * going, as does one of {@code watched} that has not registered yet.
   */
  private void awaitTaskManagers(List<Integer> watched) {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < resourceIds.length; i++) {
      if (isAlive(taskManager(i))) {
        expected.add(resourceIds[i]);
      }
    }
    int slots = expected.size() * Integer.parseInt(conf.get("taskmanager.numberOfTaskSlots"));
    awaitReady(
        STARTUP_TIMEOUT,
        watched.stream().map(LocalFlinkCluster::taskManager).toList(),
        () -> {
          FlinkOverview overview = overview(restAddress);
          if (overview.taskManagers() != expected.size() || overview.slotsTotal() != slots) {
            return "the overview shows %s, waiting for %d TaskManager(s) with %d slot(s)"
                .formatted(overview, expected.size(), slots);
          }
          Set<String> registered = new HashSet<>();
          get(restAddress, "/taskmanagers")
              .path("taskmanagers")
              .forEach(taskManager -> registered.add(taskManager.path("id").asText()));
          return registered.equals(expected)
              ? null
              : "TaskManagers " + registered + " registered, waiting for " + expected;
        });
  }

  private Path log(String role, String extension) {
    return logDir().resolve(role + extension);
  }

  /** The JobManager's logs and the named TaskManagers', for error messages. */
  private List<Path> logs(Integer... taskManagers) {
    List<String> roles = new ArrayList<>(List.of(JOB_MANAGER));
    List.of(taskManagers).forEach(i -> roles.add(taskManager(i)));
    return roles.stream().flatMap(role -> Stream.of(log(role, ".out"), log(role, ".log"))).toList();
  }

  /** As Flink's {@code jobmanager.sh} and {@code taskmanager.sh} would start the role. */
  private List<String> java(String role, List<String> main) {
    List<String> command = new ArrayList<>(memoryOptions(conf, !role.equals(JOB_MANAGER)));
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    // The web UI serves the log from log.file, and the console output from the .out beside it.
    command.add("-Dlog.file=" + log(role, ".log"));
    command.add("-Dlog4j.configurationFile=" + dataDir().resolve("conf/log4j.properties").toUri());
    command.addAll(MODULE_OPTIONS);
    command.addAll(List.of("-cp", classpath, main.get(0), "--configDir", dataDir() + "/conf"));
    command.addAll(main.subList(1, main.size()));
    return command;
  }

  private Map<String, String> environment() {
    return Map.of(
        "FLINK_CONF_DIR", dataDir().resolve("conf").toString(),
        "FLINK_PLUGINS_DIR", dataDir().resolve("plugins").toString(),
        "FLINK_LOG_DIR", logDir().toString());
  }

  private static JsonNode get(String restAddress, String path) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + restAddress + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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

  private static void printOverview(Path dir, PrintWriter out) {
    String address = firstLine(dir.resolve("rest.address"));
    try {
      FlinkOverview overview = overview(address);
      out.println(overview + " (Flink " + overview.flinkVersion() + ")");
    } catch (IOException | RuntimeException e) {
      out.println("The REST API at " + address + " does not answer (yet): " + e.getMessage());
    }
  }

  /** Settings of a cluster to start; only {@link #dataDir(Path)} is required. */
  public static final class Builder extends LocalServer.Builder<Builder> {
    private int taskManagers = 1;
    private int slotsPerTaskManager = 4;
    private Integer restPort;

    private Builder() {}

    @Option(
        names = "--taskManagers",
        paramLabel = "N",
        description = "TaskManager JVMs (default: 1)")
    public Builder taskManagers(int taskManagers) {
      this.taskManagers = atLeast("taskManagers", taskManagers, 1);
      return this;
    }

    /** {@code taskmanager.numberOfTaskSlots}, and as many CPU cores. */
    @Option(
        names = "--slots",
        paramLabel = "N",
        description =
            "task slots per TaskManager (default: 4; scripts/flink-cluster.sh passes the slots the"
                + " four topic jobs need together)")
    public Builder slotsPerTaskManager(int slots) {
      this.slotsPerTaskManager = atLeast("slotsPerTaskManager", slots, 1);
      return this;
    }

    @Option(
        names = "--restPort",
        paramLabel = "PORT",
        description =
            "port of the REST API and web UI on 127.0.0.1 (default: 8081 if it is free, else a"
                + " free port)")
    public Builder restPort(int restPort) {
      if (restPort < 0 || restPort > 65535) {
        throw new IllegalArgumentException("restPort must be in [0, 65535], got " + restPort);
      }
      this.restPort = restPort;
      return this;
    }

    /** A cluster a person uses takes the REST port Flink and its tools assume, if it is free. */
    @Override
    Builder detached() {
      if (restPort == null && isFree(DEFAULT_REST_PORT)) {
        restPort = DEFAULT_REST_PORT;
      }
      return super.detached();
    }

    /**
     * Starts the JobManager and the TaskManagers and returns once the REST API lists every
     * TaskManager with all its slots.
     *
     * @throws LocalServerException if that takes longer than 90 s or a process exits (everything
     *     started is killed then, and the message holds the ends of the logs), if a cluster from
     *     the data directory is already running, or if the REST port is taken
     */
    @Override
    public LocalFlinkCluster start() {
      String clusterClasspath =
          prepare("Flink cluster", "rtgraph.flink.classpath", "servers/flink");
      int restPort = this.restPort != null ? this.restPort : 0;
      if (restPort != 0 && !isFree(restPort)) {
        throw new LocalServerException(
            "the REST port %d is taken by another process; choose another one, or 0 for a free one"
                .formatted(restPort));
      }
      int[] ports = freePorts(2);
      int rpcPort = ports[0] != restPort ? ports[0] : ports[1];
      LocalFlinkCluster cluster =
          new LocalFlinkCluster(
              this, clusterClasspath, rpcPort, restPort != 0 ? restPort : ports[1]);
      cluster.startCluster();
      return cluster;
    }
  }
}
