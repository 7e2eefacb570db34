package io.rtgraph.tools.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The child JVMs of the local servers (Kafka broker, Flink JobManager and TaskManagers): how they
 * are started so that they outlive their launcher, recorded in pid files, recognised again by a
 * later process, and stopped.
 *
 * <p>A child's output goes to a file and its input comes from {@code /dev/null}, never from pipes
 * to the launcher: the child has to outlive a launcher that exits at once ({@code
 * scripts/kafka-local.sh start}) and must not hold the launcher's pipes open, which would hang
 * callers that read the launcher's output.
 *
 * <p>Each child carries a marker, a {@code -D} argument naming its data directory (and role) early
 * on its command line, so that a pid file whose pid the OS has given to another process is not
 * mistaken for the server: the JDK reports only the first 4 KiB of a command line, which the class
 * path fills, so the marker must come before it.
 */
final class ChildProcesses {
  static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private ChildProcesses() {}

  /** The java launcher of the running JVM, which the children use as well. */
  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Starts the command in {@code workDir}, its output (stdout and stderr) appended to {@code
   * output}, its input from {@code /dev/null}, with these variables added to the environment.
   */
  static Process start(
      List<String> command, Path workDir, Path output, Map<String, String> environment) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().putAll(environment);
    File devNull = new File("/dev/null");
    if (devNull.exists()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
    }
    try {
      Files.createDirectories(output.getParent());
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  static void writePidFile(Path pidFile, ProcessHandle process) {
    ServerFiles.write(pidFile, process.pid() + "\n", false);
  }

  static void removePidFile(Path pidFile) {
    ServerFiles.deleteIfExists(pidFile);
  }

  /** The live process the pid file names, if it carries the marker. */
  static Optional<ProcessHandle> running(Path pidFile, String marker) {
    String pid;
    try {
      pid = Files.readString(pidFile).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile, e);
    }
    long value;
    try {
      value = Long.parseLong(pid);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(value).filter(ProcessHandle::isAlive).filter(p -> hasMarker(p, marker));
  }

  /**
   * Whether the process's command line holds the marker as a whole argument; true when the OS does
   * not tell (then the pid file has to be trusted).
   */
  static boolean hasMarker(ProcessHandle process, String marker) {
    return process
        .info()
        .commandLine()
        .map(line -> (line + " ").contains(marker + " "))
        .orElse(true);
  }

  /**
   * SIGTERM, for the server's orderly shutdown, then SIGKILL if that has not ended it within the
   * grace period.
   */
  static void stop(ProcessHandle process, Duration grace, String what) {
    stopAll(List.of(process), grace, what);
  }

  /**
   * {@link #stop} for several processes at once: all receive SIGTERM together and share one grace
   * period, so that stopping a cluster takes as long as its slowest process, not their sum.
   */
  static void stopAll(Collection<ProcessHandle> processes, Duration grace, String what) {
    for (ProcessHandle process : processes) {
      process.destroy();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    List<ProcessHandle> left = new ArrayList<>();
    for (ProcessHandle process : processes) {
      Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!awaitExit(process, remaining)) {
        left.add(process);
      }
    }
    for (ProcessHandle process : left) {
      kill(process, what);
    }
  }

  /** SIGKILL, as a crash or {@code kill -9}; returns once the process is gone. */
  static void kill(ProcessHandle process, String what) {
    process.destroyForcibly();
    if (!awaitExit(process, KILL_TIMEOUT)) {
      throw new LocalServerException(
          what
              + " process "
              + process.pid()
              + " is still alive "
              + KILL_TIMEOUT.toSeconds()
              + " s after SIGKILL");
    }
  }

  /** Whether the process exited within the timeout. */
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
      throw new LocalServerException("interrupted while waiting for process " + process.pid(), e);
    }
  }

  /**
   * Stops a server's processes when the JVM that started them exits without stopping them (a test
   * that failed before its cleanup, Ctrl-C), so that none is left behind; off for a server that
   * must outlive its launcher (the detached CLI start).
   */
  static final class StopOnExit {
    private final boolean enabled;
    private final Thread hook;
    private boolean added;

    StopOnExit(
        boolean enabled,
        String name,
        Supplier<List<ProcessHandle>> processes,
        Duration grace,
        String what) {
      this.enabled = enabled;
      this.hook = new Thread(() -> stopAll(processes.get(), grace, what), name);
    }

    synchronized void add() {
      if (enabled && !added) {
        Runtime.getRuntime().addShutdownHook(hook);
        added = true;
      }
    }

    synchronized void remove() {
      if (!added) {
        return;
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook itself may be what called stop().
      }
      added = false;
    }
  }
}
