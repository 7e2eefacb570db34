package io.rtgraph.tools.servers;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
 * directory (see {@link ServerCommand}).
 */
public final class LocalKafkaCommand {
  static final ServerCommand.Kind KIND =
      new ServerCommand.Kind(
          "kafka-local",
          "Kafka broker",
          ".local/kafka",
          LocalKafka.ROLE,
          "bootstrap.servers",
          "bootstrap.servers=",
          List.of(),
          LocalKafkaCommand::printClientProperties);

  private LocalKafkaCommand() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return ServerCommand.commandLine(
        KIND, "Runs a local single-node Kafka broker (KRaft) in the background.", new Start());
  }

  private static boolean saslSsl(Path dir) {
    return BrokerState.load(dir).map(BrokerState::saslSsl).orElse(false);
  }

  private static void printClientProperties(Path dir, PrintWriter out) {
    out.println("log: " + BrokerConfig.brokerLog(dir));
    if (saslSsl(dir)) {
      out.println("SASL_SSL client properties: " + BrokerConfig.clientPropertiesFile(dir));
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Starts the broker in the background unless it already runs, and prints its address.")
  static final class Start implements Callable<Integer> {
    @Mixin ServerCommand.DataDirOption dataDir;

    @Option(
        names = "--saslSsl",
        description =
            "SCRAM-SHA-512 over TLS only, no plaintext listener; clients use the printed client"
                + " properties file")
    boolean saslSsl;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Path dir = dataDir.dir();
      PrintWriter out = spec.commandLine().getOut();
      Optional<String> already = KIND.running(dir);
      if (already.isPresent()) {
        out.println(already.get().replace(" running: ", " already running: "));
        printClientProperties(dir, out);
        if (saslSsl(dir) != saslSsl) {
          spec.commandLine()
              .getErr()
              .println(
                  saslSsl(dir)
                      ? "Note: that broker is SASL_SSL; its clients need the client properties file."
                      : "Note: that broker is plaintext and --saslSsl was ignored; a data directory"
                          + " keeps its mode, so a SASL_SSL broker needs another --dataDir.");
        }
        return 0;
      }
      LocalKafka.builder().dataDir(dir).saslSsl(saslSsl).stopOnExit(false).start();
      out.println("Kafka broker started: " + KIND.describe(dir));
      printClientProperties(dir, out);
      return 0;
    }
  }
}
