package io.rtgraph.tools.servers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster's JVMs, started from the Maven-resolved class path the way Flink's {@code
 * jobmanager.sh} and {@code taskmanager.sh} would start them from a distribution, and found again
 * later through their pid files. How child JVMs are started, recognised and stopped is shared with
 * the Kafka broker, in {@link ChildProcesses}.
 */
final class FlinkProcess {
  static final String JOB_MANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

  private static final int LOG_TAIL_LINES = 30;

  /**
   * What the {@code env.java.opts.all} of Flink 1.19's distribution opens to its own code and to
   * Kryo on Java 17.
   */
  private static final List<String> MODULE_OPTIONS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private FlinkProcess() {}

  /** Starts the JobManager (dispatcher, resource manager, REST API and web UI) and records it. */
  static ProcessHandle launchJobManager(
      FlinkClusterFiles files, String classpath, FlinkMemory memory) {
    List<String> command =
        java(
            jobManagerMarker(files),
            memory.jobManagerJvmOptions(),
            files.jobManagerLog(),
            files,
            classpath);
    command.addAll(List.of(JOB_MANAGER_MAIN, "--configDir", files.confDir().toString()));
    ProcessHandle process = start(files, command, files.jobManagerOut());
    ChildProcesses.writePidFile(files.jobManagerPidFile(), process);
    return process;
  }

  /**
   * Starts TaskManager {@code index} and records it. Its resource id is new at every start, so that
   * the JobManager's view shows whether this process, not a killed predecessor that has not yet
   * timed out, has registered.
   */
  static ProcessHandle launchTaskManager(
      FlinkClusterFiles files, String classpath, FlinkMemory memory, int index, String resourceId) {
    List<String> command =
        java(
            taskManagerMarker(files, index),
            memory.taskManagerJvmOptions(),
            files.taskManagerLog(index),
            files,
            classpath);
    command.addAll(
        List.of(
            TASK_MANAGER_MAIN,
            "--configDir",
            files.confDir().toString(),
            "-Dtaskmanager.resource-id=" + resourceId));
    ProcessHandle process = start(files, command, files.taskManagerOut(index));
    ChildProcesses.writePidFile(files.taskManagerPidFile(index), process);
    return process;
  }

  static Optional<ProcessHandle> runningJobManager(FlinkClusterFiles files) {
    return ChildProcesses.running(files.jobManagerPidFile(), jobManagerMarker(files));
  }

  static Optional<ProcessHandle> runningTaskManager(FlinkClusterFiles files, int index) {
    return ChildProcesses.running(files.taskManagerPidFile(index), taskManagerMarker(files, index));
  }

  /** The live TaskManagers of the data directory by index, according to their pid files. */
  static TreeMap<Integer, ProcessHandle> runningTaskManagers(FlinkClusterFiles files) {
    TreeMap<Integer, ProcessHandle> running = new TreeMap<>();
    for (int index : files.taskManagerPidFileIndexes()) {
      runningTaskManager(files, index).ifPresent(process -> running.put(index, process));
    }
    return running;
  }

  /** Every live process of the data directory, the JobManager first. */
  static List<ProcessHandle> runningProcesses(FlinkClusterFiles files) {
    List<ProcessHandle> processes = new ArrayList<>();
    runningJobManager(files).ifPresent(processes::add);
    processes.addAll(runningTaskManagers(files).values());
    return processes;
  }

  /** SIGTERM to all at once, SIGKILL to those still alive after the grace period. */
  static void stopAll(Collection<ProcessHandle> processes, Duration grace) {
    ChildProcesses.stopAll(processes, grace, "Flink");
  }

  static void kill(ProcessHandle process) {
    ChildProcesses.kill(process, "Flink");
  }

  static boolean awaitExit(ProcessHandle process, Duration timeout) {
    return ChildProcesses.awaitExit(process, timeout);
  }

  /**
   * Removes the pid files of processes no longer running and, once none runs, the REST address;
   * leaves the files of live processes alone.
   */
  static void removeRunFiles(FlinkClusterFiles files) {
    if (runningJobManager(files).isEmpty()) {
      ChildProcesses.removePidFile(files.jobManagerPidFile());
    }
    for (int index : files.taskManagerPidFileIndexes()) {
      if (runningTaskManager(files, index).isEmpty()) {
        ChildProcesses.removePidFile(files.taskManagerPidFile(index));
      }
    }
    if (runningJobManager(files).isEmpty()) {
      ServerFiles.deleteIfExists(files.restAddressFile());
    }
  }

  /** The ends of the JobManager's files and of the named TaskManagers', for error messages. */
  static String logTail(FlinkClusterFiles files, Collection<Integer> taskManagers) {
    List<Path> logs = new ArrayList<>(List.of(files.jobManagerOut(), files.jobManagerLog()));
    for (int index : taskManagers) {
      logs.add(files.taskManagerOut(index));
      logs.add(files.taskManagerLog(index));
    }
    StringBuilder tail = new StringBuilder();
    for (Path log : logs) {
      String lines = ServerFiles.tail(log, LOG_TAIL_LINES);
      if (!lines.isBlank()) {
        tail.append("\n--- the end of ").append(log).append(":\n").append(lines);
      }
    }
    return tail.toString();
  }

  /** A first JVM argument naming the process and its data directory, to recognise it by. */
  static String jobManagerMarker(FlinkClusterFiles files) {
    return "-Drtgraph.local-flink.process=jobmanager@" + files.dir();
  }

  static String taskManagerMarker(FlinkClusterFiles files, int index) {
    return "-Drtgraph.local-flink.process=taskmanager-" + index + "@" + files.dir();
  }

  private static List<String> java(
      String marker,
      List<String> memoryOptions,
      Path logFile,
      FlinkClusterFiles files,
      String classpath) {
    List<String> command = new ArrayList<>();
    command.add(ChildProcesses.javaExecutable());
    command.add(marker);
    command.addAll(memoryOptions);
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    // The web UI serves the log from log.file, and the console output from the .out beside it.
    command.add("-Dlog.file=" + logFile);
    command.add("-Dlog4j.configurationFile=" + files.log4jProperties().toUri());
    command.addAll(MODULE_OPTIONS);
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  private static ProcessHandle start(FlinkClusterFiles files, List<String> command, Path out) {
    Map<String, String> environment =
        Map.of(
            "FLINK_CONF_DIR", files.confDir().toString(),
            "FLINK_PLUGINS_DIR", files.pluginsDir().toString(),
            "FLINK_LOG_DIR", files.logDir().toString());
    return ChildProcesses.start(command, files.dir(), out, environment).toHandle();
  }
}
