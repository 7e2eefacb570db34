package io.rtgraph.tools.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The machinery every local server shares (the Kafka broker, the Flink cluster): its child JVMs,
 * their pid files, the readiness wait, the shutdown hook and the orderly stop. {@link LocalKafka}
 * and {@link LocalFlinkCluster} say only what differs; {@link ServerCommand} is their start, stop
 * and status command.
 *
 * <p>Everything a server owns lives in its data directory, so that the directory alone identifies
 * it. Each child has a role ({@code broker}, {@code jobmanager}, {@code taskmanager-0}) and a pid
 * file {@code ROLE.pid}. A child carries a marker, a {@code -D} argument naming its role and data
 * directory, first on its command line: a pid file whose pid the OS has given to another process is
 * then not mistaken for the server (the JDK reports only the first 4 KiB of a command line, which
 * the class path fills, so the marker must come before it).
 *
 * <p>A child's output goes to a file and its input comes from {@code /dev/null}, never pipes to the
 * launcher: it has to outlive a launcher that exits at once ({@code scripts/kafka-local.sh start})
 * and must not hold the launcher's pipes open, which would hang callers that read its output.
 */
public abstract class LocalServer implements AutoCloseable {
  static final Duration STOP_GRACE = Duration.ofSeconds(30);
  static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  /** Pause between readiness checks, spent waiting on the main process: a crash ends it early. */
  private static final Duration POLL_PAUSE = Duration.ofMillis(200);

  private static final int TAIL_BYTES = 64 * 1024;
  private static final int TAIL_LINES = 40;

  private final Path dir;
  private final ServerCommand.Kind kind;

  /** The running children by role; read without the lock by the shutdown hook. */
  private final Map<String, ProcessHandle> children = new ConcurrentHashMap<>();

  private final Map<String, Long> lastPids = new ConcurrentHashMap<>();
  private final boolean stopOnExit;
  private final Thread hook;
  private boolean hookAdded;

  LocalServer(ServerCommand.Kind kind, Path dataDir, boolean stopOnExit) {
    this.dir = dataDir.toAbsolutePath().normalize();
    this.kind = kind;
    this.stopOnExit = stopOnExit;
    this.hook = new Thread(() -> stopAll(children.values()), "stop-" + dir.getFileName());
  }

  /** A readiness check: null once the server is ready, else what it still waits for. */
  @FunctionalInterface
  interface Probe {
    String pending() throws Exception;
  }

  public Path dataDir() {
    return dir;
  }

  /**
   * Stops every process in an orderly way (SIGTERM to all at once, so that stopping takes as long
   * as the slowest one, not their sum), kills those alive after 30 s, and removes their run files.
   * Does nothing when nothing runs.
   */
  public synchronized void stop() {
    stopAll(children.values());
    children.clear();
    removeStaleRunFiles(dir, kind.runFiles());
    removeHook();
  }

  /** {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Refuses to start a second server from the same data directory. */
  final void checkNotRunning() {
    List<Long> other = runningChildren(dir).values().stream().map(ProcessHandle::pid).toList();
    if (!other.isEmpty()) {
      throw new LocalServerException(
          "a %s from %s is already running (pids %s); stop it first, e.g. scripts/%s.sh stop --dataDir %s"
              .formatted(kind.title(), dir, other, kind.command(), dir));
    }
  }

  /**
   * Starts a child JVM in {@code role} from {@code jvmArguments} (options, class path, main class
   * and its arguments), its output appended to {@code output}, and records it in its pid file.
   */
  final synchronized ProcessHandle launch(
      String role, List<String> jvmArguments, Path output, Map<String, String> environment) {
    ProcessHandle process =
        start(javaCommand(marker(dir, role), jvmArguments), output, environment).toHandle();
    write(pidFile(dir, role), process.pid() + "\n", false);
    children.put(role, process);
    lastPids.put(role, process.pid());
    if (stopOnExit && !hookAdded) {
      Runtime.getRuntime().addShutdownHook(hook);
      hookAdded = true;
    }
    return process;
  }

  /** Runs a JVM without a role to its end, such as a tool preparing the data directory. */
  final void runToEnd(String what, List<String> jvmArguments, Path output, Duration timeout) {
    Process process = start(javaCommand(null, jvmArguments), output, Map.of());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process.toHandle());
        throw new LocalServerException(
            what + " did not finish within " + timeout.toSeconds() + " s" + logTail(output));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LocalServerException("interrupted while " + what, e);
    }
    if (process.exitValue() != 0) {
      throw new LocalServerException(
          what + " failed (exit " + process.exitValue() + ")" + logTail(output));
    }
  }

  /** The live process of the role that this object started, or null. */
  final ProcessHandle child(String role) {
    ProcessHandle process = children.get(role);
    return process != null && process.isAlive() ? process : null;
  }

  /** The pid of the role's current process, or of its last once it ended; -1 if never started. */
  final long lastPid(String role) {
    return lastPids.getOrDefault(role, -1L);
  }

  /** SIGKILL to the role's process, as a crash or {@code kill -9}; returns once it is gone. */
  final synchronized void kill(String role, boolean removePidFile) {
    ProcessHandle process = children.remove(role);
    if (process != null) {
      kill(process);
    }
    if (removePidFile) {
      deleteIfExists(pidFile(dir, role));
    }
  }

  /**
   * Returns once the probe reports the server ready.
   *
   * @throws LocalServerException if the main process or one of {@code watched} exits, or the
   *     timeout passes first
   */
  final void awaitReady(Duration timeout, Collection<String> watched, Probe probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (true) {
      for (String role : concat(kind.mainRole(), watched)) {
        if (child(role) == null) {
          throw new LocalServerException("the " + role + " process " + lastPid(role) + " exited");
        }
      }
      try {
        last = probe.pending();
        if (last == null) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalServerException("interrupted while waiting for the " + kind.title(), e);
      } catch (Exception e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new LocalServerException(
            "not ready within " + timeout.toSeconds() + " s (last: " + last + ")");
      }
      awaitExit(children.get(kind.mainRole()), POLL_PAUSE);
    }
  }

  /**
   * For a start that failed: kills what it started (only the named roles, else all), removes their
   * pid files, and returns the error to throw, with the ends of the logs.
   */
  final LocalServerException startFailed(
      String what, RuntimeException cause, List<String> roles, List<Path> logs) {
    for (String role : roles.isEmpty() ? List.copyOf(children.keySet()) : roles) {
      kill(role, true);
    }
    if (children.isEmpty()) {
      removeStaleRunFiles(dir, kind.runFiles());
      removeHook();
    }
    StringBuilder tails = new StringBuilder();
    logs.forEach(log -> tails.append(logTail(log)));
    return new LocalServerException(
        what + " in " + dir + " failed to start: " + cause.getMessage() + tails, cause);
  }

  private synchronized void removeHook() {
    if (hookAdded) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook itself may be what called stop().
      }
      hookAdded = false;
    }
  }

  // What follows needs no instance: the command finds a server of an earlier process by its files.

  static Path pidFile(Path dir, String role) {
    return dir.resolve(role + ".pid");
  }

  /** The live process the role's pid file names, if it carries the role's marker. */
  static Optional<ProcessHandle> running(Path dir, String role) {
    String pid;
    try {
      pid = Files.readString(pidFile(dir, role)).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile(dir, role), e);
    }
    String marker = marker(dir, role);
    try {
      return ProcessHandle.of(Long.parseLong(pid))
          .filter(ProcessHandle::isAlive)
          // When the OS does not tell the command line, the pid file has to be trusted.
          .filter(
              p -> p.info().commandLine().map(l -> (l + " ").contains(marker + " ")).orElse(true));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Every role with a pid file in the data directory, in order. */
  static List<String> roles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".pid"))
          .map(name -> name.substring(0, name.length() - ".pid".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The live processes of the data directory by role. */
  static TreeMap<String, ProcessHandle> runningChildren(Path dir) {
    TreeMap<String, ProcessHandle> running = new TreeMap<>();
    for (String role : roles(dir)) {
      running(dir, role).ifPresent(process -> running.put(role, process));
    }
    return running;
  }

  /**
   * Removes the pid files of processes no longer running and, once none runs, the other run files;
   * leaves the files of live processes alone.
   */
  static void removeStaleRunFiles(Path dir, List<String> runFiles) {
    for (String role : roles(dir)) {
      if (running(dir, role).isEmpty()) {
        deleteIfExists(pidFile(dir, role));
      }
    }
    if (roles(dir).isEmpty()) {
      runFiles.forEach(file -> deleteIfExists(dir.resolve(file)));
    }
  }

  /** SIGTERM to all at once, then SIGKILL to those alive after the grace period. */
  static void stopAll(Collection<ProcessHandle> processes) {
    List<ProcessHandle> all = List.copyOf(processes);
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle process : all) {
      if (!awaitExit(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        kill(process);
      }
    }
  }

  static void kill(ProcessHandle process) {
    process.destroyForcibly();
    if (!awaitExit(process, KILL_TIMEOUT)) {
      throw new LocalServerException(
          "process "
              + process.pid()
              + " is still alive "
              + KILL_TIMEOUT.toSeconds()
              + " s after"
              + " SIGKILL");
    }
  }

  /** Whether the process exited within the timeout. */
  static boolean awaitExit(ProcessHandle process, Duration timeout) {
    if (process == null) {
      return true;
    }
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalServerException("interrupted while waiting for process " + process.pid(), e);
    }
  }

  /**
   * Replaces the file's content atomically, readable by the owner only when it holds secrets, so
   * that a concurrent reader (status, a script) never sees half a file.
   */
  static void write(Path file, String content, boolean secret) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (secret) {
        restrictToOwner(Files.createFile(tmp));
      }
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the data directory's own protection has to do.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions of " + file, e);
    }
  }

  static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  /** A text file kept beside this class, such as a server's log configuration. */
  static String resource(String name) {
    try (InputStream in = LocalServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + name + " is missing from the tools jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + name, e);
    }
  }

  /** The first line of a file the server writes, such as its address; a note when unreadable. */
  static String firstLine(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "unknown (" + file + " is unreadable)";
    }
  }

  /** The last lines of a log, for error messages; empty when it does not exist. */
  static String logTail(Path file) {
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long from = Math.max(0, in.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - from)];
      in.seek(from);
      in.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      int first = Math.min(Math.max(from == 0 ? 0 : 1, all.length - TAIL_LINES), all.length);
      String tail = String.join("\n", Arrays.asList(all).subList(first, all.length));
      return tail.isBlank() ? "" : "\n--- the end of " + file + ":\n" + tail;
    } catch (IOException e) {
      return "\n(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static String marker(Path dir, String role) {
    return "-Drtgraph.local-server=" + role + "@" + dir;
  }

  private static List<String> javaCommand(String marker, List<String> jvmArguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (marker != null) {
      command.add(marker);
    }
    command.addAll(jvmArguments);
    return command;
  }

  private Process start(List<String> command, Path output, Map<String, String> environment) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
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

  private static List<String> concat(String first, Collection<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  /** What every server is started with: its data directory, its class path, its lifetime. */
  public abstract static class Builder<B extends Builder<B>> {
    Path dataDir;
    String classpath;
    boolean stopOnExit = true;

    Builder() {}

    /**
     * Where the server keeps its configuration, logs and data; created if missing. A directory that
     * held a server before starts that server again, with its data.
     */
    public B dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
      return self();
    }

    /**
     * The server's class path ({@code :}-separated). Default: the {@code classpath.txt} that Maven
     * writes for the server module (see {@link ServerClasspath}).
     */
    public B classpath(String classpath) {
      if (classpath == null || classpath.isBlank()) {
        throw new IllegalArgumentException("classpath must not be empty");
      }
      this.classpath = classpath;
      return self();
    }

    /**
     * Whether the server is stopped when this JVM exits without stopping it; default true. False
     * for a server that must outlive its launcher (the detached start of the scripts).
     */
    public B stopOnExit(boolean stopOnExit) {
      this.stopOnExit = stopOnExit;
      return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** The class path to start from, and the data directory, created; checked before a start. */
    String prepare(ServerClasspath defaultClasspath) {
      if (dataDir == null) {
        throw new IllegalStateException("builder().dataDir(...) is required");
      }
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
      }
      return classpath != null ? classpath : defaultClasspath.locate();
    }

    static int atLeast(String name, int value, int minimum) {
      if (value < minimum) {
        throw new IllegalArgumentException(
            "%s must be at least %d, got %d".formatted(name, minimum, value));
      }
      return value;
    }
  }
}
