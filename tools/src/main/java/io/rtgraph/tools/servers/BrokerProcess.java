package io.rtgraph.tools.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker's JVMs: the storage tool that formats the data directory, and the broker itself, run
 * from the broker's class path and found again later through the pid file.
 *
 * <p>The broker's output goes to a file and its input comes from {@code /dev/null}, never from
 * pipes to the launcher: the broker has to outlive a launcher that exits at once ({@code
 * kafka-local.sh start}) and must not hold the launcher's pipes open, which would hang callers that
 * read the launcher's output.
 */
final class BrokerProcess {
  static final String BROKER_MAIN = "kafka.Kafka";
  static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";

  private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 40;

  private BrokerProcess() {}

  /** Formats the log directory for the state's cluster id, creating its SCRAM users if any. */
  static void format(
      BrokerFiles files, String classpath, String clusterId, List<String> extraArguments) {
    List<String> command = java(files, classpath, 256);
    command.addAll(List.of(STORAGE_TOOL_MAIN, "format", "-t", clusterId, "-c",
        files.serverProperties().toString()));
    command.addAll(extraArguments);
    Process process = start(files, command);
    try {
      if (!process.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LocalKafkaException("formatting " + files.logDir() + " did not finish within "
            + FORMAT_TIMEOUT.toSeconds() + " s" + logTail(files));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while formatting " + files.logDir(), e);
    }
    if (process.exitValue() != 0) {
      throw new LocalKafkaException("formatting " + files.logDir() + " failed (exit "
          + process.exitValue() + ")" + logTail(files));
    }
  }

  /** Starts the broker JVM and records its pid. */
  static ProcessHandle launch(BrokerFiles files, String classpath, int heapMb) {
    List<String> command = java(files, classpath, heapMb);
    command.add(1, marker(files));
    command.addAll(List.of(BROKER_MAIN, files.serverProperties().toString()));
    ProcessHandle broker = start(files, command).toHandle();
    BrokerFiles.write(files.pidFile(), broker.pid() + "\n", false);
    return broker;
  }

  /** The live broker started from this data directory, according to its pid file. */
  static Optional<ProcessHandle> running(BrokerFiles files) {
    String pid;
    try {
      pid = Files.readString(files.pidFile()).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.pidFile(), e);
    }
    long value;
    try {
      value = Long.parseLong(pid);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(value).filter(ProcessHandle::isAlive).filter(p -> isBrokerOf(p, files));
  }

  /**
   * SIGTERM, for the broker's orderly shutdown (which flushes and closes its logs), then SIGKILL if
   * that has not ended it within the grace period.
   */
  static void stop(ProcessHandle broker, Duration grace) {
    broker.destroy();
    if (!awaitExit(broker, grace)) {
      kill(broker);
    }
  }

  /** SIGKILL, as a crash or {@code kill -9}: the broker recovers its logs at the next start. */
  static void kill(ProcessHandle broker) {
    broker.destroyForcibly();
    if (!awaitExit(broker, KILL_TIMEOUT)) {
      throw new LocalKafkaException("broker process " + broker.pid() + " is still alive "
          + KILL_TIMEOUT.toSeconds() + " s after SIGKILL");
    }
  }

  static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !process.isAlive();
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while waiting for process " + process.pid(), e);
    }
  }

  static void removePidFile(BrokerFiles files) {
    try {
      Files.deleteIfExists(files.pidFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + files.pidFile(), e);
    }
  }

  /** The end of broker.log, to append to error messages. */
  static String logTail(BrokerFiles files) {
    String tail = BrokerFiles.tail(files.brokerLog(), LOG_TAIL_LINES);
    return tail.isEmpty() ? "" : "; the end of " + files.brokerLog() + ":\n" + tail;
  }

  /**
   * Guards against a stale pid file whose pid the OS has given to another process. Looks for the
   * marker, not the main class: the JDK reports only the first 4 KiB of a command line, which
   * the class path fills.
   */
  private static boolean isBrokerOf(ProcessHandle process, BrokerFiles files) {
    return process.info().commandLine()
        .map(line -> (line + " ").contains(marker(files) + " "))
        .orElse(true);
  }

  /** A first JVM argument naming the data directory, so that the broker can be recognised. */
  private static String marker(BrokerFiles files) {
    return "-Drtgraph.local-kafka.data-dir=" + files.dir();
  }

  private static List<String> java(BrokerFiles files, String classpath, int heapMb) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
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
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(files.dir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(files.brokerLog().toFile()));
    File devNull = new File("/dev/null");
    if (devNull.exists()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }
}
