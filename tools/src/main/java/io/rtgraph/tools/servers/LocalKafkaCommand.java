package io.rtgraph.tools.servers;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    out.println("log: " + dir.resolve(BrokerConfig.BROKER_LOG));
    if (saslSsl(dir)) {
      out.println("SASL_SSL client properties: " + dir.resolve(BrokerConfig.CLIENT_PROPERTIES));
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Starts the broker in the background unless it already runs, and prints its address.")
  static final class Start extends ServerCommand.Start {
    @Option(
        names = "--saslSsl",
        description =
            "SCRAM-SHA-512 over TLS only, no plaintext listener; clients use the printed client"
                + " properties file")
    boolean saslSsl;

    @Override
    ServerCommand.Kind kind() {
      return KIND;
    }

    @Override
    void start(Path dir) {
      LocalKafka.builder().dataDir(dir).saslSsl(saslSsl).stopOnExit(false).start();
    }

    @Override
    void alreadyRunning(Path dir, PrintWriter err) {
      if (saslSsl(dir) != saslSsl) {
        err.println(
            saslSsl(dir)
                ? "Note: that broker is SASL_SSL; its clients need the client properties file."
                : "Note: that broker is plaintext and --saslSsl was ignored; a data directory"
                    + " keeps its mode, so a SASL_SSL broker needs another --dataDir.");
      }
    }
  }
}
