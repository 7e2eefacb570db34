package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a local Flink cluster keeps everything, all under one data directory so that the directory
 * alone identifies a cluster: the launcher that started it, {@code stop} and {@code status} all
 * find it there.
 *
 * <pre>
 * conf/flink-conf.yaml, conf/log4j.properties   written at every start
 * log/jobmanager.log, log/jobmanager.out         log4j log, console output (the web UI shows both)
 * log/taskmanager-&lt;i&gt;.log, .out
 * jobmanager.pid, taskmanager-&lt;i&gt;.pid           while the processes run
 * rest.address                                   127.0.0.1:PORT while the cluster runs
 * checkpoints/, savepoints/                      kept across restarts
 * tmp/, plugins/                                 io.tmp.dirs and web uploads; Flink plugins
 * </pre>
 */
record FlinkClusterFiles(Path dir) {
  private static final Pattern TASK_MANAGER_PID_FILE = Pattern.compile("taskmanager-(\\d+)\\.pid");

  FlinkClusterFiles {
    dir = dir.toAbsolutePath().normalize();
  }

  Path confDir() {
    return dir.resolve("conf");
  }

  Path flinkConf() {
    return confDir().resolve("flink-conf.yaml");
  }

  Path log4jProperties() {
    return confDir().resolve("log4j.properties");
  }

  Path logDir() {
    return dir.resolve("log");
  }

  Path jobManagerLog() {
    return logDir().resolve("jobmanager.log");
  }

  /** The JVM's console output; Flink's web UI finds it next to the log, as {@code .out}. */
  Path jobManagerOut() {
    return logDir().resolve("jobmanager.out");
  }

  Path taskManagerLog(int index) {
    return logDir().resolve("taskmanager-" + index + ".log");
  }

  Path taskManagerOut(int index) {
    return logDir().resolve("taskmanager-" + index + ".out");
  }

  Path jobManagerPidFile() {
    return dir.resolve("jobmanager.pid");
  }

  Path taskManagerPidFile(int index) {
    return dir.resolve("taskmanager-" + index + ".pid");
  }

  /** The indexes of the TaskManager pid files present, in order. */
  List<Integer> taskManagerPidFileIndexes() {
    List<Integer> indexes = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return indexes;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          file -> {
            Matcher matcher = TASK_MANAGER_PID_FILE.matcher(file.getFileName().toString());
            if (matcher.matches()) {
              indexes.add(Integer.parseInt(matcher.group(1)));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    indexes.sort(null);
    return indexes;
  }

  /** {@code 127.0.0.1:PORT}, for scripts and {@code --flinkMaster}. */
  Path restAddressFile() {
    return dir.resolve("rest.address");
  }

  Path checkpointsDir() {
    return dir.resolve("checkpoints");
  }

  Path savepointsDir() {
    return dir.resolve("savepoints");
  }

  /** {@code io.tmp.dirs} and {@code web.tmpdir}: blobs, uploaded jars, the RPC system's jar. */
  Path tmpDir() {
    return dir.resolve("tmp");
  }

  /** {@code FLINK_PLUGINS_DIR}: empty unless someone drops a plugin there. */
  Path pluginsDir() {
    return dir.resolve("plugins");
  }

  void createDirectories() {
    try {
      for (Path path :
          List.of(confDir(), logDir(), checkpointsDir(), savepointsDir(), tmpDir(), pluginsDir())) {
        Files.createDirectories(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directories of the cluster in " + dir, e);
    }
  }
}
