package io.rtgraph.tools.servers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The broker's JVMs: the storage tool that formats the data directory, and the broker itself, run
 * from the broker's class path and found again later through the pid file. How child JVMs are
 * started, recognised and stopped is shared with the Flink cluster, in {@link ChildProcesses}.
 */
final class BrokerProcess {
  static final String BROKER_MAIN = "kafka.Kafka";
  static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";

  private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
  private static final int LOG_TAIL_LINES = 40;

  private BrokerProcess() {}

  /** Formats the log directory for the state's cluster id, creating its SCRAM users if any. */
  static void format(
      BrokerFiles files, String classpath, String clusterId, List<String> extraArguments) {
    List<String> command = java(files, classpath, 256);
    command.addAll(
        List.of(
            STORAGE_TOOL_MAIN,
            "format",
            "-t",
            clusterId,
            "-c",
            files.serverProperties().toString()));
    command.addAll(extraArguments);
    Process process = start(files, command);
    try {
      if (!process.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LocalServerException(
            "formatting "
                + files.logDir()
                + " did not finish within "
                + FORMAT_TIMEOUT.toSeconds()
                + " s"
                + logTail(files));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LocalServerException("interrupted while formatting " + files.logDir(), e);
    }
    if (process.exitValue() != 0) {
      throw new LocalServerException(
          "formatting "
              + files.logDir()
              + " failed (exit "
              + process.exitValue()
              + ")"
              + logTail(files));
    }
  }

  /** Starts the broker JVM and records its pid. */
  static ProcessHandle launch(BrokerFiles files, String classpath, int heapMb) {
    List<String> command = java(files, classpath, heapMb);
    command.add(1, marker(files));
    command.addAll(List.of(BROKER_MAIN, files.serverProperties().toString()));
    ProcessHandle broker = start(files, command).toHandle();
    ChildProcesses.writePidFile(files.pidFile(), broker);
    return broker;
  }

  /** The live broker started from this data directory, according to its pid file. */
  static Optional<ProcessHandle> running(BrokerFiles files) {
    return ChildProcesses.running(files.pidFile(), marker(files));
  }

  /**
   * SIGTERM, for the broker's orderly shutdown (which flushes and closes its logs), then SIGKILL if
   * that has not ended it within the grace period.
   */
  static void stop(ProcessHandle broker, Duration grace) {
    ChildProcesses.stop(broker, grace, "broker");
  }

  /** SIGKILL, as a crash or {@code kill -9}: the broker recovers its logs at the next start. */
  static void kill(ProcessHandle broker) {
    ChildProcesses.kill(broker, "broker");
  }

  static boolean awaitExit(ProcessHandle process, Duration timeout) {
    return ChildProcesses.awaitExit(process, timeout);
  }

  static void removePidFile(BrokerFiles files) {
    ChildProcesses.removePidFile(files.pidFile());
  }

  /** The end of broker.log, to append to error messages. */
  static String logTail(BrokerFiles files) {
    String tail = ServerFiles.tail(files.brokerLog(), LOG_TAIL_LINES);
    return tail.isEmpty() ? "" : "; the end of " + files.brokerLog() + ":\n" + tail;
  }

  /** A first JVM argument naming the data directory, so that the broker can be recognised. */
  private static String marker(BrokerFiles files) {
    return "-Drtgraph.local-kafka.data-dir=" + files.dir();
  }

  private static List<String> java(BrokerFiles files, String classpath, int heapMb) {
    List<String> command = new ArrayList<>();
    command.add(ChildProcesses.javaExecutable());
    command.add("-Xmx" + heapMb + "m");
    command.add("-XX:+UseG1GC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j.configuration=" + files.log4jProperties().toUri());
    command.add("-Dkafka.logs.dir=" + files.dir());
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  private static Process start(BrokerFiles files, List<String> command) {
    return ChildProcesses.start(command, files.dir(), files.brokerLog(), Map.of());
  }
}
