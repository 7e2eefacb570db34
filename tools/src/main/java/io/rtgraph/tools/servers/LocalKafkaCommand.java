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
 * directory (see {@link LocalServerCommand}).
 */
public final class LocalKafkaCommand implements LocalServerCommand.Server {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    LocalKafkaCommand server = new LocalKafkaCommand();
    return LocalServerCommand.commandLine(
        server,
        "Runs a local single-node Kafka broker (KRaft) in the background.",
        new Start(server));
  }

  @Override
  public String command() {
    return "kafka-local";
  }

  @Override
  public String title() {
    return "Kafka broker";
  }

  @Override
  public String defaultDataDir() {
    return ".local/kafka";
  }

  @Override
  public Optional<ProcessHandle> running(Path dataDir) {
    return BrokerProcess.running(new BrokerFiles(dataDir));
  }

  @Override
  public List<ProcessHandle> processes(Path dataDir) {
    return running(dataDir).stream().toList();
  }

  @Override
  public void stop(List<ProcessHandle> processes) {
    processes.forEach(broker -> BrokerProcess.stop(broker, LocalKafka.STOP_GRACE));
  }

  @Override
  public void removeRunFiles(Path dataDir) {
    BrokerProcess.removePidFile(new BrokerFiles(dataDir));
  }

  @Override
  public String describe(Path dataDir, ProcessHandle broker) {
    BrokerFiles files = new BrokerFiles(dataDir);
    return "bootstrap.servers="
        + LocalServerCommand.firstLine(files.bootstrapServersFile())
        + " (pid "
        + broker.pid()
        + ", data in "
        + files.dir()
        + ", log "
        + files.brokerLog()
        + ")";
  }

  @Override
  public void printDetails(Path dataDir, PrintWriter out) {
    printClientProperties(out, new BrokerFiles(dataDir), saslSsl(dataDir));
  }

  private static boolean saslSsl(Path dataDir) {
    return BrokerState.load(new BrokerFiles(dataDir)).map(BrokerState::saslSsl).orElse(false);
  }

  private static void printClientProperties(PrintWriter out, BrokerFiles files, boolean sasl) {
    if (sasl) {
      out.println("SASL_SSL client properties: " + files.clientPropertiesFile());
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Starts the broker in the background unless it already runs, and prints its"
              + " address.")
  static final class Start implements Callable<Integer> {
    private final LocalKafkaCommand server;

    @Mixin LocalServerCommand.DataDirOption dataDir;

    @Option(
        names = {"--saslSsl", "--sasl-ssl"},
        description =
            "SCRAM-SHA-512 over TLS only, no"
                + " plaintext listener; clients use the printed client properties file")
    boolean saslSsl;

    @Spec CommandSpec spec;

    Start(LocalKafkaCommand server) {
      this.server = server;
    }

    @Override
    public Integer call() {
      BrokerFiles files = new BrokerFiles(dataDir.dataDir);
      PrintWriter out = spec.commandLine().getOut();
      Optional<String> already = LocalServerCommand.alreadyRunning(server, files.dir());
      if (already.isPresent()) {
        out.println(already.get());
        boolean runningSasl = saslSsl(files.dir());
        printClientProperties(out, files, runningSasl);
        if (runningSasl != saslSsl) {
          spec.commandLine()
              .getErr()
              .println(
                  runningSasl
                      ? "Note: that broker is SASL_SSL; its clients need the client properties file."
                      : "Note: that broker is plaintext and --sasl-ssl was ignored; a data directory"
                          + " keeps its mode, so a SASL_SSL broker needs another --data-dir.");
        }
        return 0;
      }
      LocalKafka kafka =
          LocalKafka.builder().dataDir(files.dir()).saslSsl(saslSsl).stopOnExit(false).start();
      out.println(
          "Kafka broker started: bootstrap.servers="
              + kafka.bootstrapServers()
              + " (pid "
              + kafka.pid()
              + ", data in "
              + files.dir()
              + ", log "
              + files.brokerLog()
              + ")");
      printClientProperties(out, files, kafka.saslSsl());
      return 0;
    }
  }
}
