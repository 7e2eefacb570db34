package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The start, stop and status command of a local server identified by its data directory, so that
 * separate script invocations find the same server through its pid files. What differs between the
 * servers is a {@link Server}; {@code start} is the server's own subcommand, for its own options.
 */
final class LocalServerCommand {
  /** The exit code of {@code status} for a server that is not running, as LSB init scripts use. */
  static final int NOT_RUNNING = 3;

  private LocalServerCommand() {}

  /** One kind of local server, as the command sees it. */
  interface Server {
    /** The command's name, e.g. {@code kafka-local}. */
    String command();

    /** In messages: "Kafka broker", "Flink session cluster". */
    String title();

    /** The data directory when {@code --dataDir} is not given. */
    String defaultDataDir();

    /** The process that is the server (the broker, the JobManager), if it runs. */
    Optional<ProcessHandle> running(Path dataDir);

    /** Every live process of the data directory, the main one first. */
    List<ProcessHandle> processes(Path dataDir);

    /** Stops the processes: SIGTERM to all, SIGKILL to those alive after the grace period. */
    void stop(List<ProcessHandle> processes);

    /** Removes the pid files (and address files) of processes no longer running. */
    void removeRunFiles(Path dataDir);

    /** What follows "running: ": the address, the pids, the data directory. */
    String describe(Path dataDir, ProcessHandle running);

    /** What follows "not running (data in DIR)", e.g. processes left behind; empty for none. */
    default String notRunningNote(Path dataDir) {
      return "";
    }

    /** The lines {@code status} prints after the running line. */
    void printDetails(Path dataDir, PrintWriter out);
  }

  /** The command with its {@code stop} and {@code status}, and {@code start} as given. */
  static CommandLine commandLine(Server server, String description, Object start) {
    CommandLine command =
        new CommandLine(new Root(server))
            .addSubcommand("start", start)
            .setExecutionExceptionHandler((e, failed, parsed) -> report(server, e, failed));
    command.setCommandName(server.command());
    command.getCommandSpec().usageMessage().description(description);
    // Each server's own default data directory, for every subcommand's --dataDir.
    command.setDefaultValueProvider(
        option ->
            option.isOption()
                    && List.of(((CommandLine.Model.OptionSpec) option).names())
                        .contains("--dataDir")
                ? server.defaultDataDir()
                : null);
    return command;
  }

  /** A failed start or stop is reported by its message, which says what to do; no stack trace. */
  private static int report(Server server, Exception e, CommandLine command) {
    command
        .getErr()
        .println(server.command() + " " + command.getCommandName() + ": " + e.getMessage());
    if (!(e instanceof LocalServerException)) {
      e.printStackTrace(command.getErr());
    }
    return 1;
  }

  /** The {@code "already running: ..."} line of a start that finds the server up, or empty. */
  static Optional<String> alreadyRunning(Server server, Path dataDir) {
    return server
        .running(dataDir)
        .map(process -> server.title() + " already running: " + server.describe(dataDir, process));
  }

  /** The first line of a file the server writes, such as its address; a note when unreadable. */
  static String firstLine(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "unknown (" + file + " is unreadable)";
    }
  }

  static List<Long> pids(List<ProcessHandle> processes) {
    return processes.stream().map(ProcessHandle::pid).collect(Collectors.toList());
  }

  /** The option every subcommand shares; its default is the server's. */
  static final class DataDirOption {
    @Option(
        names = {"--dataDir", "--data-dir"},
        paramLabel = "DIR",
        description = "the server's configuration, logs and data (default: ${DEFAULT-VALUE})")
    Path dataDir;
  }

  @Command(mixinStandardHelpOptions = true)
  static final class Root implements Runnable {
    private final Server server;
    @Spec CommandSpec spec;

    Root(Server server) {
      this.server = server;
    }

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "name a subcommand: start, stop or status");
    }

    @Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description =
            "Stops the server (SIGTERM, then SIGKILL after 30 s); succeeds when it is"
                + " not running.")
    int stop(@Mixin DataDirOption dataDir) {
      Path dir = dataDir.dataDir;
      List<ProcessHandle> running = server.processes(dir);
      if (!running.isEmpty()) {
        server.stop(running);
      }
      server.removeRunFiles(dir);
      String pids = running.size() == 1 ? "pid " + running.get(0).pid() : "pids " + pids(running);
      spec.commandLine()
          .getOut()
          .println(
              server.title()
                  + (running.isEmpty() ? " not running (" : " stopped (" + pids + ", ")
                  + "data in "
                  + dir
                  + ")");
      return 0;
    }

    @Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Reports whether the server runs; exit code 0 if it does, 3 if not.")
    int status(@Mixin DataDirOption dataDir) {
      Path dir = dataDir.dataDir;
      PrintWriter out = spec.commandLine().getOut();
      Optional<ProcessHandle> running = server.running(dir);
      if (running.isEmpty()) {
        out.println(
            server.title() + " not running (data in " + dir + ")" + server.notRunningNote(dir));
        return NOT_RUNNING;
      }
      out.println(server.title() + " running: " + server.describe(dir, running.get()));
      server.printDetails(dir, out);
      return 0;
    }
  }
}
