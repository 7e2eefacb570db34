package io.rtgraph.tools.servers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * rest.address}, checkpoints and savepoints), so a later process can find or stop it.
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
public final class LocalFlinkCluster implements AutoCloseable {
  public static final int DEFAULT_TASK_MANAGERS = 1;
  public static final int DEFAULT_SLOTS_PER_TASK_MANAGER = 4;

  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /** Pause between REST polls, spent waiting on the JobManager's exit: a crash ends it early. */
  private static final Duration POLL_PAUSE = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

  private final FlinkClusterFiles files;
  private final FlinkClusterConfig config;
  private final String classpath;
  private final FlinkRestProbe rest;

  /** The running processes; read without the lock by the shutdown hook. */
  private volatile ProcessHandle jobManager;

  private final AtomicReferenceArray<ProcessHandle> taskManagers;

  /** The resource id of each TaskManager's current (or last) process. */
  private final String[] resourceIds;

  private long jobManagerPid = -1;
  private final long[] taskManagerPids;
  private final ChildProcesses.StopOnExit stopOnExit;

  private LocalFlinkCluster(
      Builder builder, FlinkClusterFiles files, FlinkClusterConfig config, String classpath) {
    this.files = files;
    this.config = config;
    this.classpath = classpath;
    this.rest = new FlinkRestProbe(restAddress());
    this.taskManagers = new AtomicReferenceArray<>(builder.taskManagers);
    this.resourceIds = new String[builder.taskManagers];
    this.taskManagerPids = new long[builder.taskManagers];
    Arrays.fill(taskManagerPids, -1);
    this.stopOnExit =
        new ChildProcesses.StopOnExit(
            builder.stopOnExit,
            "local-flink-stop-" + files.dir().getFileName(),
            this::processes,
            STOP_GRACE,
            "Flink");
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

  public Path dataDir() {
    return files.dir();
  }

  /** {@code state.checkpoints.dir}, as a local path; checkpoints are retained on cancellation. */
  public Path checkpointsDir() {
    return files.checkpointsDir();
  }

  /** {@code state.savepoints.dir}, as a local path. */
  public Path savepointsDir() {
    return files.savepointsDir();
  }

  /** {@code jobmanager.log}, {@code taskmanager-<i>.log} and their {@code .out} files. */
  public Path logDir() {
    return files.logDir();
  }

  /** The number of TaskManagers the cluster was started with. */
  public int taskManagers() {
    return taskManagers.length();
  }

  public int slotsPerTaskManager() {
    return config.slotsPerTaskManager();
  }

  /** The JobManager's pid, or its last pid once stopped. */
  public synchronized long jobManagerPid() {
    return jobManagerPid;
  }

  /** Each TaskManager's pid by index: of its current process, or of its last once killed. */
  public synchronized List<Long> taskManagerPids() {
    return IntStream.range(0, taskManagerPids.length)
        .mapToObj(i -> taskManagerPids[i])
        .collect(Collectors.toUnmodifiableList());
  }

  /** Whether the JobManager runs. */
  public boolean isRunning() {
    ProcessHandle current = jobManager;
    return current != null && current.isAlive();
  }

  public boolean isTaskManagerRunning(int index) {
    checkIndex(index);
    ProcessHandle current = taskManagers.get(index);
    return current != null && current.isAlive();
  }

  /** {@code GET /overview}, now. */
  public FlinkOverview overview() {
    try {
      return rest.overview();
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
  public synchronized void killTaskManager(int index) {
    checkIndex(index);
    ProcessHandle current = taskManagers.get(index);
    if (current == null) {
      return;
    }
    FlinkProcess.kill(current);
    taskManagers.set(index, null);
    ChildProcesses.removePidFile(files.taskManagerPidFile(index));
    LOG.info("Flink TaskManager {} killed (pid {})", index, current.pid());
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
    checkIndex(index);
    if (isTaskManagerRunning(index)) {
      throw new IllegalStateException(
          "TaskManager "
              + index
              + " is already running (pid "
              + taskManagers.get(index).pid()
              + ")");
    }
    if (!isRunning()) {
      throw new LocalServerException(
          "the Flink cluster in "
              + files.dir()
              + " is not running;"
              + " start a new one instead of its TaskManager "
              + index);
    }
    long started = System.nanoTime();
    launchTaskManager(index);
    try {
      awaitTaskManagers(List.of(index));
    } catch (LocalServerException e) {
      ProcessHandle failed = taskManagers.getAndSet(index, null);
      if (failed != null) {
        FlinkProcess.kill(failed);
      }
      ChildProcesses.removePidFile(files.taskManagerPidFile(index));
      throw new LocalServerException(
          "Flink TaskManager "
              + index
              + " in "
              + files.dir()
              + " failed to start: "
              + e.getMessage()
              + FlinkProcess.logTail(files, List.of(index)),
          e);
    }
    LOG.info(
        "Flink TaskManager {} started in {} ms (pid {})",
        index,
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        taskManagerPids[index]);
  }

  /**
   * Stops every process of the cluster in an orderly way (SIGTERM to all at once), killing those
   * that have not exited after 30 s, and removes their pid files and {@code rest.address}. Does
   * nothing when nothing runs.
   */
  public synchronized void stop() {
    List<ProcessHandle> running = processes();
    if (!running.isEmpty()) {
      FlinkProcess.stopAll(running, STOP_GRACE);
      LOG.info(
          "Flink session cluster at {} stopped (pids {})",
          restAddress(),
          running.stream().map(ProcessHandle::pid).collect(Collectors.toList()));
    }
    jobManager = null;
    for (int i = 0; i < taskManagers.length(); i++) {
      taskManagers.set(i, null);
    }
    FlinkProcess.removeRunFiles(files);
    stopOnExit.remove();
  }

  /** {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private synchronized void startCluster() {
    List<ProcessHandle> other = FlinkProcess.runningProcesses(files);
    if (!other.isEmpty()) {
      throw new LocalServerException(
          "a Flink cluster from "
              + files.dir()
              + " is already running (pids "
              + pids(other)
              + "); stop it first, e.g."
              + " scripts/flink-cluster.sh stop --data-dir "
              + files.dir());
    }
    FlinkProcess.removeRunFiles(files);
    files.createDirectories();
    ServerFiles.write(files.flinkConf(), config.flinkConfYaml(), false);
    ServerFiles.write(files.log4jProperties(), FlinkClusterConfig.log4jProperties(), false);
    long started = System.nanoTime();
    List<Integer> all =
        IntStream.range(0, taskManagers.length()).boxed().collect(Collectors.toList());
    try {
      ProcessHandle launched = FlinkProcess.launchJobManager(files, classpath, config.memory());
      jobManager = launched;
      jobManagerPid = launched.pid();
      ServerFiles.write(files.restAddressFile(), restAddress() + "\n", false);
      stopOnExit.add();
      // The TaskManagers start at once and register as soon as the JobManager is up.
      for (int index : all) {
        launchTaskManager(index);
      }
      awaitTaskManagers(all);
    } catch (RuntimeException e) {
      killAll();
      String logs = FlinkProcess.logTail(files, all);
      FlinkProcess.removeRunFiles(files);
      stopOnExit.remove();
      throw new LocalServerException(
          "Flink session cluster in " + files.dir() + " failed to start: " + e.getMessage() + logs,
          e);
    }
    LOG.info(
        "Flink session cluster started in {} ms: REST API and web UI at {} (JobManager pid"
            + " {}, TaskManager pids {}, data in {})",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        webUrl(),
        jobManagerPid,
        taskManagerPids(),
        files.dir());
  }

  private void launchTaskManager(int index) {
    String resourceId =
        "taskmanager-"
            + index
            + "-"
            + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    ProcessHandle launched =
        FlinkProcess.launchTaskManager(files, classpath, config.memory(), index, resourceId);
    resourceIds[index] = resourceId;
    taskManagers.set(index, launched);
    taskManagerPids[index] = launched.pid();
  }

  /**
   * Waits until the JobManager lists exactly the running TaskManagers' current processes, with all
   * their slots: a killed TaskManager still listed (its heartbeat has not timed out) keeps the wait
   * going, as does one of {@code watched} that has not registered yet.
   *
   * @throws LocalServerException if the JobManager or one of {@code watched} exits, or 90 s pass
   */
  private FlinkOverview awaitTaskManagers(List<Integer> watched) {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < taskManagers.length(); i++) {
      ProcessHandle process = taskManagers.get(i);
      if (process != null && process.isAlive()) {
        expected.add(resourceIds[i]);
      }
    }
    int slots = expected.size() * config.slotsPerTaskManager();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    String last = "no answer";
    while (true) {
      ProcessHandle master = jobManager;
      if (master == null || !master.isAlive()) {
        throw new LocalServerException("the JobManager process " + jobManagerPid + " exited");
      }
      for (int index : watched) {
        ProcessHandle process = taskManagers.get(index);
        if (process == null || !process.isAlive()) {
          throw new LocalServerException(
              "the process " + taskManagerPids[index] + " of TaskManager " + index + " exited");
        }
      }
      try {
        FlinkOverview overview = rest.overview();
        if (overview.taskManagers() == expected.size() && overview.slotsTotal() == slots) {
          Set<String> registered = rest.taskManagerIds();
          if (registered.equals(expected)) {
            return overview;
          }
          last = "TaskManagers " + registered + " registered, waiting for " + expected;
        } else {
          last =
              "the overview shows "
                  + overview
                  + ", waiting for "
                  + expected.size()
                  + " TaskManager(s) with "
                  + slots
                  + " slot(s)";
        }
      } catch (IOException e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new LocalServerException(
            "the REST API at "
                + restAddress()
                + " did not list "
                + expected.size()
                + " TaskManager(s) with "
                + slots
                + " slot(s) within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s (last: "
                + last
                + ")");
      }
      FlinkProcess.awaitExit(master, POLL_PAUSE);
    }
  }

  /** SIGKILL to everything started, for a start that failed. */
  private void killAll() {
    for (ProcessHandle process : processes()) {
      FlinkProcess.kill(process);
    }
    jobManager = null;
    for (int i = 0; i < taskManagers.length(); i++) {
      taskManagers.set(i, null);
    }
  }

  /** The started processes, the JobManager last. */
  private List<ProcessHandle> processes() {
    List<ProcessHandle> processes = new ArrayList<>();
    for (int i = 0; i < taskManagers.length(); i++) {
      ProcessHandle process = taskManagers.get(i);
      if (process != null) {
        processes.add(process);
      }
    }
    ProcessHandle master = jobManager;
    if (master != null) {
      processes.add(master);
    }
    return processes;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= taskManagers.length()) {
      throw new IndexOutOfBoundsException(
          "TaskManager index " + index + " is not in [0, " + taskManagers.length() + ")");
    }
  }

  private static List<Long> pids(List<ProcessHandle> processes) {
    return processes.stream().map(ProcessHandle::pid).collect(Collectors.toList());
  }

  /** Settings of a cluster to start; only {@link #dataDir(Path)} is required. */
  public static final class Builder {
    private Path dataDir;
    private int taskManagers = DEFAULT_TASK_MANAGERS;
    private int slotsPerTaskManager = DEFAULT_SLOTS_PER_TASK_MANAGER;
    private int restPort;
    private FlinkMemory memory = FlinkMemory.DEFAULT;
    private String classpath;
    private boolean stopOnExit = true;

    private Builder() {}

    /**
     * Where the cluster keeps its configuration, logs, checkpoints and savepoints; created if
     * missing. Checkpoints and savepoints of earlier runs stay there.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** The number of TaskManager JVMs; default 1. */
    public Builder taskManagers(int taskManagers) {
      if (taskManagers < 1) {
        throw new IllegalArgumentException("taskManagers must be at least 1, got " + taskManagers);
      }
      this.taskManagers = taskManagers;
      return this;
    }

    /** {@code taskmanager.numberOfTaskSlots} (and as many CPU cores); default 4. */
    public Builder slotsPerTaskManager(int slots) {
      if (slots < 1) {
        throw new IllegalArgumentException("slotsPerTaskManager must be at least 1, got " + slots);
      }
      this.slotsPerTaskManager = slots;
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
     * The task heap of each TaskManager, the heap its jobs' code gets (the JVM heap adds 128 MiB of
     * framework heap); default 1024.
     */
    public Builder taskManagerHeapMb(int mb) {
      this.memory = memory.withTaskManagerTaskHeapMb(mb);
      return this;
    }

    /** Each TaskManager's managed memory (RocksDB, batch sorting); default 320. */
    public Builder taskManagerManagedMb(int mb) {
      this.memory = memory.withTaskManagerManagedMb(mb);
      return this;
    }

    /** Each TaskManager's network buffers; default 64. */
    public Builder taskManagerNetworkMb(int mb) {
      this.memory = memory.withTaskManagerNetworkMb(mb);
      return this;
    }

    /** Each TaskManager's metaspace, where the classes of its jobs live; default 640. */
    public Builder taskManagerMetaspaceMb(int mb) {
      this.memory = memory.withTaskManagerMetaspaceMb(mb);
      return this;
    }

    /** The JobManager's heap; default 320. */
    public Builder jobManagerHeapMb(int mb) {
      this.memory = memory.withJobManagerHeapMb(mb);
      return this;
    }

    /**
     * The cluster's class path ({@code :}-separated). Default: the file named by the system
     * property {@code rtgraph.flink.classpath}, else {@code servers/flink/target/classpath.txt} in
     * the working directory or above.
     */
    public Builder classpath(String classpath) {
      if (classpath == null || classpath.isBlank()) {
        throw new IllegalArgumentException("classpath must not be empty");
      }
      this.classpath = classpath;
      return this;
    }

    /**
     * Whether the cluster is stopped when this JVM exits without stopping it; default true. False
     * for a cluster that must outlive its launcher.
     */
    public Builder stopOnExit(boolean stopOnExit) {
      this.stopOnExit = stopOnExit;
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
      if (dataDir == null) {
        throw new IllegalStateException("LocalFlinkCluster.builder().dataDir(...) is required");
      }
      String clusterClasspath = classpath != null ? classpath : ServerClasspath.FLINK.locate();
      FlinkClusterFiles files = new FlinkClusterFiles(dataDir);
      if (restPort != 0 && !FreePorts.isFree(restPort)) {
        throw new LocalServerException(
            "the REST port "
                + restPort
                + " is taken by another"
                + " process; choose another one, or 0 for a free one");
      }
      int[] ports = FreePorts.pick(2);
      int rpcPort = ports[0] != restPort ? ports[0] : ports[1];
      int chosenRestPort = restPort != 0 ? restPort : ports[1];
      FlinkClusterConfig config =
          new FlinkClusterConfig(files, rpcPort, chosenRestPort, slotsPerTaskManager, memory);
      LocalFlinkCluster cluster = new LocalFlinkCluster(this, files, config, clusterClasspath);
      cluster.startCluster();
      return cluster;
    }
  }
}
