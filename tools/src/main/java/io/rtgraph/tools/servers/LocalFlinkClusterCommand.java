package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/flink-cluster.sh}: starts, stops and reports a local Flink session cluster
 * identified by its data directory (see {@link ServerCommand}).
 */
public final class LocalFlinkClusterCommand {
  /** The REST port Flink and its tools assume; taken when free. */
  static final int DEFAULT_REST_PORT = 8081;

  static final ServerCommand.Kind KIND =
      new ServerCommand.Kind(
          "flink-cluster",
          "Flink session cluster",
          ".local/flink",
          LocalFlinkCluster.JOB_MANAGER,
          FlinkClusterConfig.REST_ADDRESS_FILE,
          "REST API and web UI at http://",
          List.of(FlinkClusterConfig.REST_ADDRESS_FILE),
          LocalFlinkClusterCommand::printOverview);

  private LocalFlinkClusterCommand() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return ServerCommand.commandLine(
        KIND,
        "Runs a local Flink session cluster (a JobManager and TaskManagers) in the background.",
        new Start());
  }

  private static void printOverview(Path dir, PrintWriter out) {
    String address = LocalServer.firstLine(dir.resolve(FlinkClusterConfig.REST_ADDRESS_FILE));
    try {
      FlinkOverview overview = LocalFlinkCluster.overview(address, HttpClient.newHttpClient());
      out.println(overview + " (Flink " + overview.flinkVersion() + ")");
    } catch (IOException | RuntimeException e) {
      out.println("The REST API at " + address + " does not answer (yet): " + e.getMessage());
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Starts the cluster in the background unless it already runs, and prints the address of"
              + " its REST API and web UI.")
  static final class Start extends ServerCommand.Start {
    @Option(
        names = "--taskManagers",
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
        names = "--restPort",
        paramLabel = "PORT",
        description =
            "port of the REST API and web UI on 127.0.0.1 (default: "
                + DEFAULT_REST_PORT
                + " if it is free, else a free port)")
    Integer restPort;

    @Override
    ServerCommand.Kind kind() {
      return KIND;
    }

    @Override
    void start(Path dir) {
      int port =
          restPort != null ? restPort : FreePorts.isFree(DEFAULT_REST_PORT) ? DEFAULT_REST_PORT : 0;
      LocalFlinkCluster.builder()
          .dataDir(dir)
          .taskManagers(taskManagers)
          .slotsPerTaskManager(slots)
          .restPort(port)
          .stopOnExit(false)
          .start();
    }
  }
}
