package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/kafka-local.sh}: starts, stops and reports a local broker identified by its data
 * directory, so that separate script invocations find the same broker through its pid file.
 */
@Command(
    name = "kafka-local",
    mixinStandardHelpOptions = true,
    description = "Runs a local single-node Kafka broker (KRaft) in the background.",
    subcommands = {
        LocalKafkaCommand.Start.class,
        LocalKafkaCommand.Stop.class,
        LocalKafkaCommand.Status.class
    })
public final class LocalKafkaCommand implements Runnable {
  /** The exit code of {@code status} for a broker that is not running, as LSB init scripts use. */
  static final int NOT_RUNNING = 3;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new LocalKafkaCommand())
        .setExecutionExceptionHandler(LocalKafkaCommand::report);
  }

  /** A failed start or stop is reported by its message, which says what to do; no stack trace. */
  private static int report(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    command.getErr().println("kafka-local " + command.getCommandName() + ": " + e.getMessage());
    if (!(e instanceof LocalKafkaException)) {
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
    @Option(names = {"--dataDir", "--data-dir"}, paramLabel = "DIR", defaultValue = ".local/kafka",
        description = "the broker's configuration, logs and data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    BrokerFiles files() {
      return new BrokerFiles(dataDir);
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Starts the broker in the background unless it already runs, and prints its"
          + " address.")
  static final class Start implements Callable<Integer> {
    @Mixin DataDirOption dataDir;

    @Option(names = {"--saslSsl", "--sasl-ssl"}, description = "SCRAM-SHA-512 over TLS only, no plaintext"
        + " listener; clients use the printed client properties file")
    boolean saslSsl;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      BrokerFiles files = dataDir.files();
      PrintWriter out = spec.commandLine().getOut();
      Optional<ProcessHandle> running = BrokerProcess.running(files);
      if (running.isPresent()) {
        out.println("Kafka broker already running: bootstrap.servers=" + bootstrapServers(files)
            + " (pid " + running.get().pid() + ", data in " + files.dir() + ", log "
            + files.brokerLog() + ")");
        boolean runningSasl = BrokerState.load(files).map(BrokerState::saslSsl).orElse(false);
        printClientProperties(out, files, runningSasl);
        if (runningSasl != saslSsl) {
          spec.commandLine().getErr().println(runningSasl
              ? "Note: that broker is SASL_SSL; its clients need the client properties file."
              : "Note: that broker is plaintext and --sasl-ssl was ignored; a data directory"
                  + " keeps its mode, so a SASL_SSL broker needs another --data-dir.");
        }
        return 0;
      }
      LocalKafka kafka = LocalKafka.builder()
          .dataDir(files.dir())
          .saslSsl(saslSsl)
          .stopOnExit(false)
          .start();
      out.println("Kafka broker started: bootstrap.servers=" + kafka.bootstrapServers() + " (pid "
          + kafka.pid() + ", data in " + files.dir() + ", log " + files.brokerLog() + ")");
      printClientProperties(out, files, kafka.saslSsl());
      return 0;
    }

    private static void printClientProperties(PrintWriter out, BrokerFiles files, boolean sasl) {
      if (sasl) {
        out.println("SASL_SSL client properties: " + files.clientPropertiesFile());
      }
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stops the broker (SIGTERM, then SIGKILL after 30 s); succeeds when it is not"
          + " running.")
  static final class Stop implements Callable<Integer> {
    @Mixin DataDirOption dataDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      BrokerFiles files = dataDir.files();
      PrintWriter out = spec.commandLine().getOut();
      Optional<ProcessHandle> running = BrokerProcess.running(files);
      if (running.isEmpty()) {
        BrokerProcess.removePidFile(files);
        out.println("Kafka broker not running (data in " + files.dir() + ")");
        return 0;
      }
      BrokerProcess.stop(running.get(), LocalKafka.STOP_GRACE);
      BrokerProcess.removePidFile(files);
      out.println("Kafka broker stopped (pid " + running.get().pid() + ", data in " + files.dir()
          + ")");
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Reports whether the broker runs; exit code 0 if it does, 3 if not.")
  static final class Status implements Callable<Integer> {
    @Mixin DataDirOption dataDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      BrokerFiles files = dataDir.files();
      PrintWriter out = spec.commandLine().getOut();
      Optional<ProcessHandle> running = BrokerProcess.running(files);
      if (running.isEmpty()) {
        out.println("Kafka broker not running (data in " + files.dir() + ")");
        return NOT_RUNNING;
      }
      out.println("Kafka broker running: bootstrap.servers=" + bootstrapServers(files) + " (pid "
          + running.get().pid() + ", data in " + files.dir() + ", log " + files.brokerLog() + ")");
      Start.printClientProperties(out, files,
          BrokerState.load(files).map(BrokerState::saslSsl).orElse(false));
      return 0;
    }
  }

  private static String bootstrapServers(BrokerFiles files) {
    try {
      return Files.readString(files.bootstrapServersFile()).trim();
    } catch (IOException e) {
      return "unknown (" + files.bootstrapServersFile() + " is unreadable)";
    }
  }
}
