package io.rtgraph.tools.servers;

import io.rtgraph.tools.cli.Flags;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The start, stop and status command of a local server, found by its data directory. */
final class ServerCommand {
  /** The exit code of {@code status} for a server that is not running, as LSB init scripts use. */
  static final int NOT_RUNNING = 3;

  private ServerCommand() {}

  /**
   * One kind of local server, as the command sees it.
   *
   * @param mainRole the role whose process is the server: it runs, or the server does not
   * @param runFiles files besides the pid files to remove once nothing runs
   * @param details the lines {@code status} and {@code start} print after the running line
   */
  record Kind(
      String command,
      String title,
      String defaultDataDir,
      String mainRole,
      String addressFile,
      String addressLabel,
      List<String> runFiles,
      BiConsumer<Path, PrintWriter> details) {

    boolean isRunning(Path dir) {
      return LocalServer.running(dir, mainRole).isPresent();
    }

    /** The address, the pids by role and the data directory. */
    String describe(Path dir) {
      String pids =
          LocalServer.runningChildren(dir).entrySet().stream()
              .map(child -> child.getKey() + " pid " + child.getValue().pid())
              .collect(Collectors.joining(", "));
      String address = LocalServer.firstLine(dir.resolve(addressFile));
      return "%s%s (%s, data in %s)".formatted(addressLabel, address, pids, dir);
    }
  }

  /** The command with its {@code start}, {@code stop} and {@code status}. */
  static CommandLine commandLine(Kind kind, String description, LocalServer.Builder<?> server) {
    CommandLine command = Flags.commandLine(new Root(kind), kind.command());
    command.addSubcommand("start", new Start(kind, server));
    Flags.addAliases(command);
    command.getCommandSpec().usageMessage().description(description);
    // Each server's own default data directory, for every subcommand's --dataDir.
    command.setDefaultValueProvider(
        arg ->
            arg instanceof OptionSpec option && List.of(option.names()).contains("--dataDir")
                ? kind.defaultDataDir()
                : null);
    return command;
  }

  /** The flag every subcommand shares. */
  static final class DataDirOption {
    @Option(
        names = "--dataDir",
        paramLabel = "DIR",
        description = "the server's configuration, logs and data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    Path dir() {
      return dataDir.toAbsolutePath().normalize();
    }
  }

  @Command
  static final class Root implements Runnable {
    private final Kind kind;
    @Spec CommandSpec spec;

    Root(Kind kind) {
      this.kind = kind;
    }

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "name a subcommand: start, stop or status");
    }

    @Command(
        description =
            "Stops the server (SIGTERM, then SIGKILL after 30 s); succeeds when it is not running.")
    int stop(@Mixin DataDirOption dataDir) {
      Path dir = dataDir.dir();
      Map<String, ProcessHandle> running = LocalServer.runningChildren(dir);
      LocalServer.stopAll(running.values());
      LocalServer.removeStaleRunFiles(dir, kind.runFiles());
      List<Long> pids = running.values().stream().map(ProcessHandle::pid).toList();
      String what = running.isEmpty() ? " not running (" : " stopped (pids " + pids + ", ";
      spec.commandLine().getOut().println(kind.title() + what + "data in " + dir + ")");
      return 0;
    }

    @Command(description = "Reports whether the server runs; exit code 0 if it does, 3 if not.")
    int status(@Mixin DataDirOption dataDir) {
      Path dir = dataDir.dir();
      PrintWriter out = spec.commandLine().getOut();
      if (kind.isRunning(dir)) {
        out.println(kind.title() + " running: " + kind.describe(dir));
        kind.details().accept(dir, out);
        return 0;
      }
      Set<String> left = LocalServer.runningChildren(dir).keySet();
      String leftOver = "; processes without the %s are left: %s (%s stop ends them)";
      out.println(
          kind.title()
              + " not running (data in %s)".formatted(dir)
              + (left.isEmpty() ? "" : leftOver.formatted(kind.mainRole(), left, kind.command())));
      return NOT_RUNNING;
    }
  }

  /** Unless one runs, starts a server that outlives the command; its flags are builder setters. */
  @Command(
      description =
          "Starts the server in the background unless it already runs, and prints its address.")
  static final class Start implements Callable<Integer> {
    @Mixin DataDirOption dataDir;
    @Mixin final LocalServer.Builder<?> server;
    @Spec CommandSpec spec;
    private final Kind kind;

    Start(Kind kind, LocalServer.Builder<?> server) {
      this.kind = kind;
      this.server = server;
    }

    @Override
    public Integer call() {
      Path dir = dataDir.dir();
      PrintWriter out = spec.commandLine().getOut();
      boolean already = kind.isRunning(dir);
      if (!already) {
        server.dataDir(dir).detached().start();
      }
      out.println(
          kind.title() + (already ? " already running: " : " started: ") + kind.describe(dir));
      kind.details().accept(dir, out);
      if (already) {
        server.differenceFrom(dir).ifPresent(spec.commandLine().getErr()::println);
      }
      return 0;
    }
  }
}
