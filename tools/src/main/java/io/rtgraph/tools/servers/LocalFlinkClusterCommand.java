package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
 * identified by its data directory, so that separate script invocations find the same cluster
 * through its pid files.
 */
@Command(
    name = "flink-cluster",
    mixinStandardHelpOptions = true,
    description = "Runs a local Flink session cluster (a JobManager and TaskManagers) in the"
        + " background.",
    subcommands = {
        LocalFlinkClusterCommand.Start.class,
        LocalFlinkClusterCommand.Stop.class,
        LocalFlinkClusterCommand.Status.class
    })
public final class LocalFlinkClusterCommand implements Runnable {
  /** The exit code of {@code status} for a cluster that is not running, as LSB init scripts use. */
  static final int NOT_RUNNING = 3;

  /** The REST port Flink and its tools assume; taken when free. */
  static final int DEFAULT_REST_PORT = 8081;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new LocalFlinkClusterCommand())
        .setExecutionExceptionHandler(LocalFlinkClusterCommand::report);
  }

  /** A failed start or stop is reported by its message, which says what to do; no stack trace. */
  private static int report(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    command.getErr().println("flink-cluster " + command.getCommandName() + ": " + e.getMessage());
    if (!(e instanceof LocalFlinkException)) {
      e.printStackTrace(command.getErr());
    }
    return 1;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a subcommand: start, stop or status");
  }

  /** The option every subcommand shares. */
  static final class DataDirOption {
    @Option(names = {"--dataDir", "--data-dir"}, paramLabel = "DIR", defaultValue = ".local/flink",
        description = "the cluster's configuration, logs, checkpoints and savepoints"
            + " (default: ${DEFAULT-VALUE})")
    Path dataDir;

    FlinkClusterFiles files() {
      return new FlinkClusterFiles(dataDir);
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Starts the cluster in the background unless it already runs, and prints the"
          + " address of its REST API and web UI.")
  static final class Start implements Callable<Integer> {
    @Mixin DataDirOption dataDir;

    @Option(names = {"--taskManagers", "--task-managers"}, paramLabel = "N",
        defaultValue = "" + LocalFlinkCluster.DEFAULT_TASK_MANAGERS,
        description = "TaskManager JVMs (default: ${DEFAULT-VALUE})")
    int taskManagers;

    @Option(names = "--slots", paramLabel = "N",
        defaultValue = "" + LocalFlinkCluster.DEFAULT_SLOTS_PER_TASK_MANAGER,
        description = "task slots per TaskManager (default: ${DEFAULT-VALUE}; scripts/flink-cluster.sh passes"
            + " the slots the four topic jobs need together)")
    int slots;

    @Option(names = {"--restPort", "--rest-port"}, paramLabel = "PORT",
        description = "port of the REST API and web UI on 127.0.0.1 (default: " + DEFAULT_REST_PORT
            + " if it is free, else a free port)")
    Integer restPort;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FlinkClusterFiles files = dataDir.files();
      PrintWriter out = spec.commandLine().getOut();
      Optional<ProcessHandle> running = FlinkProcess.runningJobManager(files);
      if (running.isPresent()) {
        out.println("Flink session cluster already running: " + describe(files, running.get()));
        return 0;
      }
      int port = restPort != null ? restPort
          : FreePorts.isFree(DEFAULT_REST_PORT) ? DEFAULT_REST_PORT : 0;
      LocalFlinkCluster cluster = LocalFlinkCluster.builder()
          .dataDir(files.dir())
          .taskManagers(taskManagers)
          .slotsPerTaskManager(slots)
          .restPort(port)
          .stopOnExit(false)
          .start();
      out.println("Flink session cluster started: REST API and web UI at " + cluster.webUrl()
          + " (JobManager pid " + cluster.jobManagerPid() + ", TaskManagers pids "
          + cluster.taskManagerPids() + ", data in " + files.dir() + ")");
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stops the cluster (SIGTERM, then SIGKILL after 30 s); succeeds when it is not"
          + " running.")
  static final class Stop implements Callable<Integer> {
    @Mixin DataDirOption dataDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FlinkClusterFiles files = dataDir.files();
      PrintWriter out = spec.commandLine().getOut();
      List<ProcessHandle> running = FlinkProcess.runningProcesses(files);
      if (running.isEmpty()) {
        FlinkProcess.removeRunFiles(files);
        out.println("Flink session cluster not running (data in " + files.dir() + ")");
        return 0;
      }
      List<Long> pids = new ArrayList<>();
      running.forEach(process -> pids.add(process.pid()));
      FlinkProcess.stopAll(running, LocalFlinkCluster.STOP_GRACE);
      FlinkProcess.removeRunFiles(files);
      out.println("Flink session cluster stopped (pids " + pids + ", data in " + files.dir()
          + ")");
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Reports whether the cluster runs, with its TaskManagers, slots and running"
          + " jobs; exit code 0 if it does, 3 if not.")
  static final class Status implements Callable<Integer> {
    @Mixin DataDirOption dataDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FlinkClusterFiles files = dataDir.files();
      PrintWriter out = spec.commandLine().getOut();
      Optional<ProcessHandle> running = FlinkProcess.runningJobManager(files);
      if (running.isEmpty()) {
        Map<Integer, ProcessHandle> orphans = FlinkProcess.runningTaskManagers(files);
        out.println("Flink session cluster not running (data in " + files.dir() + ")"
            + (orphans.isEmpty() ? "" : "; TaskManager processes without a JobManager are left:"
                + " pids " + pids(orphans) + " (scripts/flink-cluster.sh stop ends them)"));
        return NOT_RUNNING;
      }
      out.println("Flink session cluster running: " + describe(files, running.get()));
      String address = restAddress(files);
      try {
        FlinkOverview overview = new FlinkRestProbe(address).overview();
        out.println("TaskManagers: " + overview.taskManagers() + ", slots: "
            + overview.slotsTotal() + " (" + overview.slotsAvailable() + " free), running jobs: "
            + overview.jobsRunning() + " (Flink " + overview.flinkVersion() + ")");
      } catch (IOException | RuntimeException e) {
        out.println("The REST API at " + address + " does not answer (yet): " + e.getMessage());
      }
      return 0;
    }
  }

  private static String describe(FlinkClusterFiles files, ProcessHandle jobManager) {
    return "REST API and web UI at http://" + restAddress(files) + " (JobManager pid "
        + jobManager.pid() + ", TaskManagers pids " + pids(FlinkProcess.runningTaskManagers(files))
        + ", data in " + files.dir() + ")";
  }

  private static List<Long> pids(Map<Integer, ProcessHandle> processes) {
    List<Long> pids = new ArrayList<>();
    processes.values().forEach(process -> pids.add(process.pid()));
    return pids;
  }

  private static String restAddress(FlinkClusterFiles files) {
    try {
      return Files.readString(files.restAddressFile()).trim();
    } catch (IOException e) {
      return "unknown (" + files.restAddressFile() + " is unreadable)";
    }
  }
}
