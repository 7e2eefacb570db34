package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/flink-cluster.sh}: starts, stops and reports a local Flink session cluster
 * identified by its data directory (see {@link LocalServerCommand}).
 */
public final class LocalFlinkClusterCommand implements LocalServerCommand.Server {
  /** The REST port Flink and its tools assume; taken when free. */
  static final int DEFAULT_REST_PORT = 8081;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    LocalFlinkClusterCommand server = new LocalFlinkClusterCommand();
    return LocalServerCommand.commandLine(
        server,
        "Runs a local Flink session cluster (a JobManager"
            + " and TaskManagers) in the background.",
        new Start(server));
  }

  @Override
  public String command() {
    return "flink-cluster";
  }

  @Override
  public String title() {
    return "Flink session cluster";
  }

  @Override
  public String defaultDataDir() {
    return ".local/flink";
  }

  @Override
  public Optional<ProcessHandle> running(Path dataDir) {
    return FlinkProcess.runningJobManager(new FlinkClusterFiles(dataDir));
  }

  @Override
  public List<ProcessHandle> processes(Path dataDir) {
    return FlinkProcess.runningProcesses(new FlinkClusterFiles(dataDir));
  }

  @Override
  public void stop(List<ProcessHandle> processes) {
    FlinkProcess.stopAll(processes, LocalFlinkCluster.STOP_GRACE);
  }

  @Override
  public void removeRunFiles(Path dataDir) {
    FlinkProcess.removeRunFiles(new FlinkClusterFiles(dataDir));
  }

  @Override
  public String describe(Path dataDir, ProcessHandle jobManager) {
    FlinkClusterFiles files = new FlinkClusterFiles(dataDir);
    return "REST API and web UI at http://"
        + LocalServerCommand.firstLine(files.restAddressFile())
        + " (JobManager pid "
        + jobManager.pid()
        + ", TaskManagers pids "
        + taskManagerPids(files)
        + ", data in "
        + files.dir()
        + ")";
  }

  @Override
  public String notRunningNote(Path dataDir) {
    List<Long> orphans = taskManagerPids(new FlinkClusterFiles(dataDir));
    return orphans.isEmpty()
        ? ""
        : "; TaskManager processes without a JobManager are left:"
            + " pids "
            + orphans
            + " (scripts/flink-cluster.sh stop ends them)";
  }

  @Override
  public void printDetails(Path dataDir, PrintWriter out) {
    String address = LocalServerCommand.firstLine(new FlinkClusterFiles(dataDir).restAddressFile());
    try {
      FlinkOverview overview = new FlinkRestProbe(address).overview();
      out.println(
          "TaskManagers: "
              + overview.taskManagers()
              + ", slots: "
              + overview.slotsTotal()
              + " ("
              + overview.slotsAvailable()
              + " free), running jobs: "
              + overview.jobsRunning()
              + " (Flink "
              + overview.flinkVersion()
              + ")");
    } catch (IOException | RuntimeException e) {
      out.println("The REST API at " + address + " does not answer (yet): " + e.getMessage());
    }
  }

  private static List<Long> taskManagerPids(FlinkClusterFiles files) {
    Map<Integer, ProcessHandle> running = FlinkProcess.runningTaskManagers(files);
    return LocalServerCommand.pids(new ArrayList<>(running.values()));
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Starts the cluster in the background unless it already runs, and prints the"
              + " address of its REST API and web UI.")
  static final class Start implements Callable<Integer> {
    private final LocalFlinkClusterCommand server;

    @Mixin LocalServerCommand.DataDirOption dataDir;

    @Option(
        names = {"--taskManagers", "--task-managers"},
        paramLabel = "N",
        defaultValue = "" + LocalFlinkCluster.DEFAULT_TASK_MANAGERS,
        description = "TaskManager JVMs (default: ${DEFAULT-VALUE})")
    int taskManagers;

    @Option(
        names = "--slots",
        paramLabel = "N",
        defaultValue = "" + LocalFlinkCluster.DEFAULT_SLOTS_PER_TASK_MANAGER,
        description =
            "task slots per TaskManager (default: ${DEFAULT-VALUE}; scripts/flink-cluster.sh passes"
                + " the slots the four topic jobs need together)")
    int slots;

    @Option(
        names = {"--restPort", "--rest-port"},
        paramLabel = "PORT",
        description =
            "port of the REST API and web UI on 127.0.0.1 (default: "
                + DEFAULT_REST_PORT
                + " if it is free, else a free port)")
    Integer restPort;

    @Spec CommandSpec spec;

    Start(LocalFlinkClusterCommand server) {
      this.server = server;
    }

    @Override
    public Integer call() {
      Path dir = dataDir.dataDir;
      PrintWriter out = spec.commandLine().getOut();
      Optional<String> already = LocalServerCommand.alreadyRunning(server, dir);
      if (already.isPresent()) {
        out.println(already.get());
        return 0;
      }
      int port =
          restPort != null ? restPort : FreePorts.isFree(DEFAULT_REST_PORT) ? DEFAULT_REST_PORT : 0;
      LocalFlinkCluster cluster =
          LocalFlinkCluster.builder()
              .dataDir(dir)
              .taskManagers(taskManagers)
              .slotsPerTaskManager(slots)
              .restPort(port)
              .stopOnExit(false)
              .start();
      out.println(
          "Flink session cluster started: REST API and web UI at "
              + cluster.webUrl()
              + " (JobManager pid "
              + cluster.jobManagerPid()
              + ", TaskManagers pids "
              + cluster.taskManagerPids()
              + ", data in "
              + dir
              + ")");
      return 0;
    }
  }
}
