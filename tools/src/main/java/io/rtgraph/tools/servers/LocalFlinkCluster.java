package io.rtgraph.tools.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.tools.cli.Flags.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.io.function.Uncheck;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * A real Flink 1.19 session cluster, one JobManager and N TaskManagers, each a child JVM run from
 * the Maven-resolved class path; its {@link #main} is {@code scripts/flink-cluster.sh}. Separate
 * JVMs rather than Flink's mini cluster, because jobs are submitted to it as to a production
 * cluster ({@code --flinkMaster=}{@link #restAddress()}), and tests kill and start TaskManagers.
 *
 * <p>Its data directory holds {@code conf/} (from the templates {@code flink-conf.yaml}, which says
 * why each setting, {@code flink-log4j.properties} and {@code flink-jvm-options.txt}), {@code
 * log/ROLE.log} and {@code .out}, the pid files, {@code rest.address} while it runs, {@code
 * checkpoints/} and {@code savepoints/}.
 */
public final class LocalFlinkCluster extends LocalServer {
  static final String JOB_MANAGER = "jobmanager";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private static final int DEFAULT_REST_PORT = 8081;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

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

  private final String restAddress;
  private final String flinkConfYaml;
  private final Map<String, String> conf;

  /** The resource id of each TaskManager's current (or last) process. */
  private final String[] resourceIds;

  private LocalFlinkCluster(Builder builder, int rpcPort, int restPort) {
    super(KIND, builder);
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
    return isAlive(taskManager(Objects.checkIndex(index, resourceIds.length)));
  }

  /** {@code GET /overview}, now. */
  public FlinkOverview overview() {
    return overview(restAddress);
  }

  /** SIGKILL, as a crash; returns once the process is gone, not once the JobManager notices. */
  public void killTaskManager(int index) {
    if (isTaskManagerRunning(index)) {
      kill(taskManager(index));
      LOG.info("Flink TaskManager {} killed (pid {})", index, lastPid(taskManager(index)));
    }
  }

  /**
   * Starts TaskManager {@code index} again; returns once the JobManager lists it with all its slots
   * and no TaskManager that is gone, or kills it after 90 s.
   */
  public synchronized void startTaskManager(int index) {
    Validate.validState(!isTaskManagerRunning(index), "TaskManager %d is already running", index);
    if (!isRunning()) {
      throw new ToolException(
          "the Flink cluster in %s is not running; start a new one instead of its TaskManager %d"
              .formatted(dataDir(), index));
    }
    launchTaskManager(index);
    try {
      awaitTaskManagers(List.of(index));
    } catch (ToolException e) {
      throw startFailed(
          "Flink TaskManager " + index, e, List.of(taskManager(index)), logs(List.of(index)));
    }
    LOG.info("Flink TaskManager {} started (pid {})", index, lastPid(taskManager(index)));
  }

  static String taskManager(int index) {
    return "taskmanager-" + index;
  }

  static FlinkOverview overview(String restAddress) {
    return JSON.convertValue(get(restAddress, "/overview"), FlinkOverview.class);
  }

  static String flinkConfYaml(Path dir, int rpcPort, int restPort, int slots) {
    // The legacy parser cuts a line at '#' and reads one line per entry.
    String where = dir.toString();
    Validate.isTrue(!StringUtils.containsAny(where, "#\n"), "'#' or a line break in %s", where);
    return template(
        "flink-conf.yaml",
        Map.of("dataDir", dir, "rpcPort", rpcPort, "restPort", restPort, "slots", slots));
  }

  /** The entries of a {@code flink-conf.yaml}, as Flink's legacy parser reads them. */
  static Map<String, String> entries(String flinkConfYaml) {
    return flinkConfYaml
        .lines()
        .map(line -> line.replaceFirst("#.*", "").trim())
        .filter(line -> !line.isEmpty())
        .map(line -> line.split(": ", 2))
        .collect(Collectors.toMap(e -> e[0], e -> e[1], (first, last) -> last, LinkedHashMap::new));
  }

  /**
   * A role's JVM memory limits from the configured sizes, as Flink's BashJavaUtils derives them for
   * its scripts (none runs here): a JobManager's direct memory is unlimited unless configured.
   */
  static List<String> memoryOptions(Map<String, String> conf, boolean taskManager) {
    String prefix = taskManager ? "taskmanager.memory." : "jobmanager.memory.";
    int heap =
        taskManager
            ? mb(conf, prefix, "framework.heap.size", "task.heap.size")
            : mb(conf, prefix, "heap.size");
    List<String> options = new ArrayList<>(List.of("-Xmx" + heap + "m", "-Xms" + heap + "m"));
    if (taskManager) {
      // Network buffers are direct memory too.
      int direct = mb(conf, prefix, "framework.off-heap.size", "task.off-heap.size", "network.max");
      options.add("-XX:MaxDirectMemorySize=" + direct + "m");
    }
    options.add("-XX:MaxMetaspaceSize=" + mb(conf, prefix, "jvm-metaspace.size") + "m");
    return options;
  }

  /** The sum of the sizes of the keys after the prefix, each of which must be given in MiB. */
  private static int mb(Map<String, String> conf, String prefix, String... keys) {
    int sum = 0;
    for (String key : keys) {
      String size = conf.getOrDefault(prefix + key, "");
      Validate.validState(
          size.matches("\\d+m"), "flink-conf.yaml must give %s%s in MiB: %s", prefix, key, size);
      sum += Integer.parseInt(StringUtils.chop(size));
    }
    return sum;
  }

  private synchronized LocalFlinkCluster startCluster() {
    checkNotRunning();
    Path confDir = dataDir().resolve("conf");
    write(confDir.resolve("flink-conf.yaml"), flinkConfYaml, false);
    write(confDir.resolve("log4j.properties"), resource("flink-log4j.properties"), false);
    write(confDir.resolve("jvm-options"), resource("flink-jvm-options.txt"), false);
    Stream.of("log", "checkpoints", "savepoints", "tmp", "plugins")
        .forEach(d -> Uncheck.apply(Files::createDirectories, dataDir().resolve(d)));
    List<Integer> all = IntStream.range(0, resourceIds.length).boxed().toList();
    try {
      launch(JOB_MANAGER, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
      write(dataDir().resolve("rest.address"), restAddress + "\n", false);
      // The TaskManagers start at once and register as soon as the JobManager is up.
      all.forEach(this::launchTaskManager);
      awaitTaskManagers(all);
    } catch (RuntimeException e) {
      throw startFailed("Flink session cluster", e, List.of(), logs(all));
    }
    LOG.info("Flink session cluster started: {}", KIND.describe(dataDir()));
    return this;
  }

  /**
   * Starts TaskManager {@code index} with a new resource id, so that the JobManager's view shows
   * whether this process, not a killed predecessor that has not timed out yet, has registered.
   */
  private void launchTaskManager(int index) {
    String role = taskManager(index);
    resourceIds[index] = role + "-%06x".formatted(ThreadLocalRandom.current().nextInt(1 << 24));
    launch(
        role,
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
        "-Dtaskmanager.resource-id=" + resourceIds[index]);
  }

  /**
   * Waits until the JobManager lists exactly the running TaskManagers' current processes with all
   * their slots: not a killed one whose heartbeat has not timed out yet.
   */
  private void awaitTaskManagers(List<Integer> watched) {
    Set<String> expected =
        IntStream.range(0, resourceIds.length)
            .filter(i -> isAlive(taskManager(i)))
            .mapToObj(i -> resourceIds[i])
            .collect(Collectors.toSet());
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
          Set<String> registered =
              Set.copyOf(
                  get(restAddress, "/taskmanagers").path("taskmanagers").findValuesAsText("id"));
          return registered.equals(expected)
              ? null
              : "TaskManagers " + registered + " registered, waiting for " + expected;
        });
  }

  private Path log(String role, String extension) {
    return logDir().resolve(role + extension);
  }

  /** The JobManager's logs and the named TaskManagers', for error messages. */
  private List<Path> logs(List<Integer> taskManagers) {
    return Stream.concat(
            Stream.of(JOB_MANAGER), taskManagers.stream().map(LocalFlinkCluster::taskManager))
        .flatMap(role -> Stream.of(log(role, ".out"), log(role, ".log")))
        .toList();
  }

  /** Starts the role as Flink's {@code jobmanager.sh} and {@code taskmanager.sh} would. */
  private void launch(String role, String main, String... flags) {
    List<String> options = new ArrayList<>(memoryOptions(conf, !role.equals(JOB_MANAGER)));
    // The web UI serves the log from log.file, and the console output from the .out beside it.
    options.add("-Dlog.file=" + log(role, ".log"));
    options.add("-Dlog4j.configurationFile=" + dataDir().resolve("conf/log4j.properties").toUri());
    // What Flink's distribution opens to its own code and to Kryo on Java 17, as a java launcher
    // argument file (it skips the file's # comments).
    options.add("@" + dataDir().resolve("conf/jvm-options"));
    List<String> arguments = new ArrayList<>(List.of("--configDir", dataDir() + "/conf"));
    arguments.addAll(List.of(flags));
    Map<String, String> environment =
        Map.of(
            "FLINK_CONF_DIR", dataDir().resolve("conf").toString(),
            "FLINK_PLUGINS_DIR", dataDir().resolve("plugins").toString(),
            "FLINK_LOG_DIR", logDir().toString());
    launch(role, java(options, main, arguments), log(role, ".out"), environment);
  }

  private static JsonNode get(String restAddress, String path) {
    try {
      URLConnection connection =
          URI.create("http://" + restAddress + path).toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      try (InputStream in = connection.getInputStream()) {
        return JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new ToolException(
          "the Flink REST API at " + restAddress + " did not answer: " + e.getMessage(), e);
    }
  }

  private static void printOverview(Path dir, PrintWriter out) {
    String address = firstLine(dir.resolve("rest.address"));
    try {
      FlinkOverview overview = overview(address);
      out.println(overview + " (Flink " + overview.flinkVersion() + ")");
    } catch (RuntimeException e) {
      String why = ExceptionUtils.getRootCauseMessage(e);
      out.println("The REST API at " + address + " does not answer (yet): " + why);
    }
  }

  /** Settings of a cluster to start; only {@link #dataDir(Path)} is required. */
  public static final class Builder extends LocalServer.Builder<Builder> {
    private int taskManagers = 1;
    private int slotsPerTaskManager = 4;
    private int restPort = -1;

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
      Validate.inclusiveBetween(
          0, 65535, restPort, "restPort must be in [0, 65535], got %d", restPort);
      this.restPort = restPort;
      return this;
    }

    /**
     * Starts the JobManager and the TaskManagers; returns once the REST API lists every TaskManager
     * with all its slots, or fails after 90 s, having killed all it started.
     */
    @Override
    public LocalFlinkCluster start() {
      prepare("Flink cluster", "rtgraph.flink.classpath", "servers/flink");
      // A cluster a person uses takes the REST port Flink and its tools assume, if it is free.
      boolean usual = this.restPort < 0 && !stopOnExit && isFree(DEFAULT_REST_PORT);
      int restPort = usual ? DEFAULT_REST_PORT : Math.max(this.restPort, 0);
      if (restPort != 0 && !isFree(restPort)) {
        throw new ToolException(
            "the REST port %d is taken by another process; choose another one, or 0 for a free one"
                .formatted(restPort));
      }
      int[] ports = twoFreePorts();
      int rpcPort = ports[0] != restPort ? ports[0] : ports[1];
      return new LocalFlinkCluster(this, rpcPort, restPort != 0 ? restPort : ports[1])
          .startCluster();
    }
  }
}
