package io.rtgraph.tools.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.rtgraph.tools.cli.Flags.ToolException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.io.FilenameUtils;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.function.Uncheck;
import org.apache.commons.io.input.ReversedLinesFileReader;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.apache.commons.text.StringSubstitutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every local server shares: its child JVMs, their pid files, the readiness wait, the shutdown
 * hook and the orderly stop; {@link LocalKafka} and {@link LocalFlinkCluster} say what differs.
 *
 * <p>The data directory alone identifies a server, so that a later process can find or stop it:
 * each child has a role ({@code broker}, {@code taskmanager-0}) and a pid file {@code ROLE.pid}
 * there. A child's first JVM argument is a marker naming its role and data directory, so that a pid
 * the OS has given to another process since is not taken for the server. A child writes to a file
 * and reads {@code /dev/null}, never pipes: it must outlive a launcher that exits at once.
 */
public abstract class LocalServer {
  static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

  /** Between readiness checks, spent waiting on the main process: a crash ends it early. */
  private static final Duration POLL_PAUSE = Duration.ofMillis(200);

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

  private final ServerCommand.Kind kind;
  private final Path dir;
  private final String classpath;

  /** Each role's last process, alive or not; the shutdown hook reads it without the lock. */
  private final Map<String, ProcessHandle> children = new ConcurrentHashMap<>();

  LocalServer(ServerCommand.Kind kind, Builder<?> builder) {
    this.kind = kind;
    this.dir = builder.dataDir;
    this.classpath = builder.classpath;
    if (builder.stopOnExit) {
      // A handle does not signal a later process that reuses its pid: stopped children are safe.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(children.values())));
    }
  }

  public Path dataDir() {
    return dir;
  }

  /** Whether the server's main process (the broker, the JobManager) runs. */
  public boolean isRunning() {
    return isAlive(kind.mainRole());
  }

  /** Stops every process ({@link #stopAll}) and removes the run files; nothing if none runs. */
  public synchronized void stop() {
    if (children.values().stream().anyMatch(ProcessHandle::isAlive)) {
      LOG.info("Stopping the {}: {}", kind.title(), kind.describe(dir));
    }
    stopAll(children.values());
    removeStaleRunFiles(dir, kind.runFiles());
  }

  /** Fails if a server of the data directory runs; else removes what earlier ones left. */
  final void checkNotRunning() {
    removeStaleRunFiles(dir, kind.runFiles());
    List<Long> pids = runningChildren(dir).values().stream().map(ProcessHandle::pid).toList();
    if (!pids.isEmpty()) {
      throw new ToolException(
          "a %s from %s is already running (pids %s); stop it first, e.g. scripts/%s.sh stop --dataDir %s"
              .formatted(kind.title(), dir, pids, kind.command(), dir));
    }
  }

  /** A JVM of the server's class path: {@code java OPTIONS -cp CLASSPATH MAIN ARGUMENTS}. */
  final List<String> java(List<String> options, String main, List<String> arguments) {
    List<String> command =
        new ArrayList<>(List.of(jdkTool("java"), "-XX:+UseG1GC", "-Djava.awt.headless=true"));
    command.addAll(options);
    command.addAll(List.of("-cp", classpath, main));
    command.addAll(arguments);
    return command;
  }

  /** Starts a {@link #java} command in the role, its output appended; writes its pid file. */
  final synchronized void launch(
      String role, List<String> java, Path output, Map<String, String> environment) {
    List<String> command = new ArrayList<>(java);
    command.add(1, marker(dir, role)); // first, within the 4 KiB the JDK reports
    ProcessHandle process = start(command, output, environment).toHandle();
    write(dir.resolve(role + ".pid"), process.pid() + "\n", false);
    children.put(role, process);
  }

  /** Runs a tool that prepares the data directory to its end. */
  final void runToEnd(String what, List<String> command, Map<String, String> env, Path output) {
    Process process = start(command, output, env);
    if (!awaitExit(process.toHandle(), TOOL_TIMEOUT)) {
      kill(process.toHandle());
      throw new ToolException(what + " did not finish in time" + logTail(output));
    }
    if (process.exitValue() != 0) {
      throw new ToolException(
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

  /** SIGKILL, as a crash or {@code kill -9}; returns once it is gone. The pid file stays. */
  final synchronized void kill(String role) {
    Optional.ofNullable(children.get(role)).ifPresent(LocalServer::kill);
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
          throw new ToolException("the " + role + " process " + lastPid(role) + " exited");
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
        throw new ToolException("interrupted while waiting for the " + kind.title(), e);
      } catch (Exception e) {
        pending = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new ToolException(
            "not ready within " + timeout.toSeconds() + " s (last: " + pending + ")");
      }
      awaitExit(children.get(kind.mainRole()), POLL_PAUSE);
    }
  }

  /** For a failed start: kills the named roles (all if none), returns the error with the logs. */
  final ToolException startFailed(
      String what, RuntimeException cause, List<String> roles, List<Path> logs) {
    (roles.isEmpty() ? List.copyOf(children.keySet()) : roles).forEach(this::kill);
    if (!isRunning()) {
      stop();
    }
    String tails = logs.stream().map(LocalServer::logTail).collect(Collectors.joining());
    return new ToolException(
        what + " in " + dir + " failed to start: " + cause.getMessage() + tails, cause);
  }

  // The command finds the server of an earlier process by its files, without an instance.

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

  /** SIGTERM to all at once (as slow as the slowest, not their sum), SIGKILL after 30 s. */
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
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
          }
          Files.writeString(tmp, content);
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
  }

  /** A text file kept beside this class, such as a server's log configuration. */
  static String resource(String name) {
    return Uncheck.apply(IOUtils::toString, LocalServer.class.getResource(name), UTF_8);
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
    try (ReversedLinesFileReader in =
        ReversedLinesFileReader.builder().setPath(file).setCharset(UTF_8).get()) {
      String tail = StringUtils.chomp(in.toString(40));
      return tail.isEmpty() ? "" : "\n--- the end of " + file + ":\n" + tail;
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      return "\n(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  /** Two distinct free ports on 127.0.0.1: the first stays bound until the second is chosen. */
  static int[] twoFreePorts() {
    try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new int[] {first.getLocalPort(), second.getLocalPort()};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** Every role with a pid file in the data directory, sorted. */
  private static List<String> roles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Uncheck.apply(Files::list, dir)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".pid"))
          .map(FilenameUtils::removeExtension)
          .sorted()
          .toList();
    }
  }

  private static void kill(ProcessHandle process) {
    process.destroyForcibly();
    if (!awaitExit(process, KILL_TIMEOUT)) {
      throw new ToolException(
          "process %d is still alive %d s after SIGKILL"
              .formatted(process.pid(), KILL_TIMEOUT.toSeconds()));
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("interrupted while waiting for process " + process.pid(), e);
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
      this.classpath = Validate.notBlank(classpath, "classpath must not be empty");
      return self();
    }

    /** Lets the server outlive this JVM (which otherwise stops it): for the scripts' start. */
    B detached() {
      this.stopOnExit = false;
      return self();
    }

    /** Starts the server and returns once it serves. */
    public abstract LocalServer start();

    /** Why a running server of the data directory is not what this builder would start. */
    Optional<String> differenceFrom(Path dir) {
      return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    B self() {
      return (B) this;
    }

    /**
     * Creates the data directory and finds the class path unless given: in the file the property
     * names, else in the {@code MODULE/target/classpath.txt} Maven writes. A server has its own: it
     * needs other versions of libraries (Jackson, logging, Scala or Pekko) than ours.
     */
    void prepare(String server, String property, String module) {
      Validate.validState(dataDir != null, "builder().dataDir(...) is required");
      Uncheck.apply(Files::createDirectories, dataDir);
      if (classpath != null) {
        return;
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
      // Checked here, so that a cleaned Maven repository fails clearly, not in the child JVM.
      if (found.isEmpty() || !missing.isEmpty()) {
        String what = found.isEmpty() ? "is missing or empty" : "names missing files " + missing;
        throw new ToolException(
            "the %s class path file %s %s; build it with: mvn -q install -pl %s -am -DskipTests (or point -D%s at a classpath.txt)"
                .formatted(server, file.toAbsolutePath().normalize(), what, module, property));
      }
      classpath = found;
    }

    static int atLeast(String name, int value, int minimum) {
      Validate.isTrue(value >= minimum, "%s must be at least %d, got %d", name, minimum, value);
      return value;
    }
  }
}
