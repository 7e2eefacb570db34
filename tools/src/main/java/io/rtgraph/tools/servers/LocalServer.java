package io.rtgraph.tools.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.function.Uncheck;
import org.apache.commons.io.input.ReversedLinesFileReader;
import org.apache.commons.text.StringSubstitutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every local server shares (the Kafka broker, the Flink cluster): its child JVMs, their pid
 * files, the readiness wait, the shutdown hook and the orderly stop. {@link LocalKafka} and {@link
 * LocalFlinkCluster} say only what differs; {@link ServerCommand} is their command line.
 *
 * <p>The data directory alone identifies a server, so that a later process can find, reuse or stop
 * it: each child has a role ({@code broker}, {@code jobmanager}, {@code taskmanager-0}) and a pid
 * file {@code ROLE.pid} there. A child's first JVM argument is a marker naming its role and data
 * directory, so that a pid the OS has given to another process since is not taken for the server
 * (the JDK reports only the first 4 KiB of a command line, which the class path would fill).
 *
 * <p>A child writes to a file and reads {@code /dev/null}, never pipes: it must outlive a launcher
 * that exits at once ({@code scripts/kafka-local.sh start}) and must not hold its caller's pipes.
 */
public abstract class LocalServer implements AutoCloseable {
  static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

  /** Between readiness checks, spent waiting on the main process: a crash ends it early. */
  private static final Duration POLL_PAUSE = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

  private final ServerCommand.Kind kind;
  private final Path dir;
  private final boolean stopOnExit;

  /** Each role's last process, alive or not; the shutdown hook reads it without the lock. */
  private final Map<String, ProcessHandle> children = new ConcurrentHashMap<>();

  private final Thread hook = new Thread(() -> stopAll(children.values()));
  private boolean hookAdded;

  LocalServer(ServerCommand.Kind kind, Builder<?> builder) {
    this.kind = kind;
    this.dir = builder.dataDir;
    this.stopOnExit = builder.stopOnExit;
  }

  public Path dataDir() {
    return dir;
  }

  /** Whether the server's main process (the broker, the JobManager) runs. */
  public boolean isRunning() {
    return isAlive(kind.mainRole());
  }

  /**
   * Stops every process (SIGTERM to all at once, so that it takes as long as the slowest, not their
   * sum), kills those alive after 30 s and removes the run files. Does nothing when nothing runs.
   */
  public synchronized void stop() {
    if (children.values().stream().anyMatch(ProcessHandle::isAlive)) {
      LOG.info("Stopping the {}: {}", kind.title(), kind.describe(dir));
    }
    stopAll(children.values());
    removeStaleRunFiles(dir, kind.runFiles());
    if (hookAdded) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down already; the hook itself may be what called stop().
      }
      hookAdded = false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  final void checkNotRunning() {
    List<Long> pids = runningChildren(dir).values().stream().map(ProcessHandle::pid).toList();
    if (!pids.isEmpty()) {
      throw new LocalServerException(
          "a %s from %s is already running (pids %s); stop it first, e.g. scripts/%s.sh stop --dataDir %s"
              .formatted(kind.title(), dir, pids, kind.command(), dir));
    }
  }

  /** Starts a child JVM in the role, its output appended to {@code output}; writes its pid file. */
  final synchronized void launch(
      String role, List<String> jvmArguments, Path output, Map<String, String> environment) {
    List<String> command = new ArrayList<>(List.of(jdkTool("java"), marker(dir, role)));
    command.addAll(jvmArguments);
    ProcessHandle process = start(command, output, environment).toHandle();
    write(dir.resolve(role + ".pid"), process.pid() + "\n", false);
    children.put(role, process);
    if (stopOnExit && !hookAdded) {
      Runtime.getRuntime().addShutdownHook(hook);
      hookAdded = true;
    }
  }

  /** Runs a command without a role to its end, such as a tool preparing the data directory. */
  final void runToEnd(String what, List<String> command, Map<String, String> env, Path output) {
    Process process = start(command, output, env);
    if (!awaitExit(process.toHandle(), TOOL_TIMEOUT)) {
      kill(process.toHandle());
      throw new LocalServerException(what + " did not finish in time" + logTail(output));
    }
    if (process.exitValue() != 0) {
      throw new LocalServerException(
          what + " failed (exit " + process.exitValue() + ")" + logTail(output));
    }
  }

  /** Whether the role's process that this object started is alive. */
  final boolean isAlive(String role) {
    return children.containsKey(role) && children.get(role).isAlive();
  }

  /** The pid of the role's current process, or of its last once it ended; -1 if never started. */
  final long lastPid(String role) {
    return children.containsKey(role) ? children.get(role).pid() : -1;
  }

  /** SIGKILL to the role's process, as a crash or {@code kill -9}; returns once it is gone. */
  final synchronized void kill(String role, boolean removePidFile) {
    if (children.containsKey(role)) {
      kill(children.get(role));
    }
    if (removePidFile) {
      Uncheck.apply(Files::deleteIfExists, dir.resolve(role + ".pid"));
    }
  }

  /**
   * Returns once the probe answers null (ready) rather than what it waits for; fails when the main
   * process or a watched one exits, or at the timeout, with the probe's last answer.
   */
  final void awaitReady(Duration timeout, Collection<String> watched, Callable<String> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String role : Stream.concat(Stream.of(kind.mainRole()), watched.stream()).toList()) {
        if (!isAlive(role)) {
          throw new LocalServerException("the " + role + " process " + lastPid(role) + " exited");
        }
      }
      String pending;
      try {
        pending = probe.call();
        if (pending == null) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalServerException("interrupted while waiting for the " + kind.title(), e);
      } catch (Exception e) {
        pending = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new LocalServerException(
            "not ready within " + timeout.toSeconds() + " s (last: " + pending + ")");
      }
      awaitExit(children.get(kind.mainRole()), POLL_PAUSE);
    }
  }

  /** For a failed start: kills the named roles (all if none), returns the error with the logs. */
  final LocalServerException startFailed(
      String what, RuntimeException cause, List<String> roles, List<Path> logs) {
    (roles.isEmpty() ? List.copyOf(children.keySet()) : roles).forEach(role -> kill(role, true));
    if (!isRunning()) {
      stop();
    }
    StringBuilder tails = new StringBuilder();
    logs.forEach(log -> tails.append(logTail(log)));
    return new LocalServerException(
        what + " in " + dir + " failed to start: " + cause.getMessage() + tails, cause);
  }

  // What follows needs no instance: the command finds a server of an earlier process by its files.

  /** The live process the role's pid file names, if it carries the role's marker. */
  static Optional<ProcessHandle> running(Path dir, String role) {
    String marker = marker(dir, role) + " ";
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve(role + ".pid")).trim()))
          .filter(ProcessHandle::isAlive)
          // When the OS does not tell the command line, the pid file has to be trusted.
          .filter(p -> p.info().commandLine().map(l -> (l + " ").contains(marker)).orElse(true));
    } catch (NoSuchFileException | NumberFormatException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The live processes of the data directory by role. */
  static TreeMap<String, ProcessHandle> runningChildren(Path dir) {
    TreeMap<String, ProcessHandle> running = new TreeMap<>();
    roles(dir).forEach(role -> running(dir, role).ifPresent(p -> running.put(role, p)));
    return running;
  }

  /** Removes the pid files of ended processes and, once none runs, the other run files. */
  static void removeStaleRunFiles(Path dir, List<String> runFiles) {
    roles(dir).stream()
        .filter(role -> running(dir, role).isEmpty())
        .forEach(role -> Uncheck.apply(Files::deleteIfExists, dir.resolve(role + ".pid")));
    if (roles(dir).isEmpty()) {
      runFiles.forEach(file -> Uncheck.apply(Files::deleteIfExists, dir.resolve(file)));
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

  /** Replaces the file atomically, so that a reader never sees half; owner-only when secret. */
  static void write(Path file, String content, boolean secret) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Uncheck.run(
        () -> {
          Files.createDirectories(file.getParent());
          Files.deleteIfExists(tmp);
          if (secret) {
            restrictToOwner(Files.createFile(tmp));
          }
          Files.writeString(tmp, content);
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
  }

  static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the data directory's own protection has to do.
    }
  }

  /** A text file kept beside this class, such as a server's log configuration. */
  static String resource(String name) {
    URL resource = Objects.requireNonNull(LocalServer.class.getResource(name), name);
    return Uncheck.get(() -> IOUtils.toString(resource, UTF_8));
  }

  /** A {@link #resource} with each {@code ${name}} replaced; none may be left for the server. */
  static String template(String name, Map<String, ?> values) {
    return new StringSubstitutor(values)
        .setEnableUndefinedVariableException(true)
        .setDisableSubstitutionInValues(true)
        .replace(resource(name));
  }

  /** The first line of a file the server writes, such as its address; a note when unreadable. */
  static String firstLine(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "unknown (" + file + " is unreadable)";
    }
  }

  /** The last 40 lines of a log, for error messages; empty without it. */
  static String logTail(Path file) {
    if (!Files.exists(file)) {
      return "";
    }
    try (ReversedLinesFileReader in =
        ReversedLinesFileReader.builder().setPath(file).setCharset(UTF_8).get()) {
      List<String> lines = new ArrayList<>(in.readLines(40));
      Collections.reverse(lines);
      return lines.isEmpty() ? "" : "\n--- the end of " + file + ":\n" + String.join("\n", lines);
    } catch (IOException e) {
      return "\n(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Distinct ports free on 127.0.0.1 now, which the OS chooses, so that several servers can share a
   * machine: each socket stays bound until all are chosen, so the OS cannot hand out one twice.
   */
  static int[] freePorts(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    Uncheck.run(
        () -> {
          for (int i = 0; i < count; i++) {
            sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          }
          for (ServerSocket socket : sockets) {
            socket.close();
          }
        });
    return Stream.of(sockets).mapToInt(ServerSocket::getLocalPort).toArray();
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String marker(Path dir, String role) {
    return "-Drtgraph.local-server=" + role + "@" + dir;
  }

  /** Every role with a pid file in the data directory, in order. */
  private static List<String> roles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Uncheck.apply(Files::list, dir)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".pid"))
          .map(name -> name.substring(0, name.length() - ".pid".length()))
          .sorted()
          .toList();
    }
  }

  private static void kill(ProcessHandle process) {
    process.destroyForcibly();
    if (!awaitExit(process, KILL_TIMEOUT)) {
      throw new LocalServerException(
          "process %d is still alive %d s after SIGKILL"
              .formatted(process.pid(), KILL_TIMEOUT.toSeconds()));
    }
  }

  /** Whether the process exited within the timeout. */
  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
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

  private Process start(List<String> command, Path output, Map<String, String> environment) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    Uncheck.apply(Files::createDirectories, output.getParent());
    return Uncheck.get(builder::start);
  }

  /** What every server is started with: its data directory, its class path, its lifetime. */
  public abstract static class Builder<B extends Builder<B>> {
    Path dataDir;
    String classpath;
    boolean stopOnExit = true;

    Builder() {}

    /** Its configuration, logs and data; a directory that held a server starts it again. */
    public B dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
      return self();
    }

    /** The server's class path; default: the {@code classpath.txt} Maven writes for it. */
    public B classpath(String classpath) {
      if (classpath == null || classpath.isBlank()) {
        throw new IllegalArgumentException("classpath must not be empty");
      }
      this.classpath = classpath;
      return self();
    }

    /**
     * Lets the server outlive this JVM, which otherwise stops it when it exits: for the scripts,
     * whose start returns at once, and for a person, so that the server may take the port its tools
     * assume.
     */
    B detached() {
      this.stopOnExit = false;
      return self();
    }

    /** Starts the server and returns once it serves. */
    public abstract LocalServer start();

    /** Why a running server of the data directory is not what this builder would start, or null. */
    String differenceFrom(Path dir) {
      return null;
    }

    @SuppressWarnings("unchecked")
    B self() {
      return (B) this;
    }

    /**
     * Creates the data directory and returns the class path to start from: the given one, else the
     * one in the file the system property names, else in the {@code MODULE/target/classpath.txt}
     * that Maven writes. The servers run from their own class paths: they need other versions of
     * libraries (Jackson, logging, Scala or Pekko) than ours.
     */
    String prepare(String server, String property, String module) {
      if (dataDir == null) {
        throw new IllegalStateException("builder().dataDir(...) is required");
      }
      Uncheck.apply(Files::createDirectories, dataDir);
      if (classpath != null) {
        return classpath;
      }
      Path file = Path.of(System.getProperty(property, module + "/target/classpath.txt"));
      if (!Files.exists(file) && System.getProperty(property) == null) {
        file = Path.of("..").resolve(file); // from a module's directory, as Maven runs tests
      }
      String found = Files.isRegularFile(file) ? Uncheck.apply(Files::readString, file).trim() : "";
      List<String> missing =
          Stream.of(found.split(File.pathSeparator))
              .filter(entry -> !Files.exists(Path.of(entry)))
              .toList();
      if (found.isEmpty() || !missing.isEmpty()) {
        // Checked here, so that a cleaned Maven repository fails clearly, not in the child JVM.
        throw new LocalServerException(
            "the %s class path file %s %s; build it with: mvn -q install -pl %s -am -DskipTests (or point -D%s at a classpath.txt)"
                .formatted(
                    server,
                    file.toAbsolutePath().normalize(),
                    found.isEmpty() ? "is missing or empty" : "names missing files " + missing,
                    module,
                    property));
      }
      return found;
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
