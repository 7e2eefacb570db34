package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration files of a local session cluster: a legacy {@code flink-conf.yaml} (the new
 * {@code config.yaml} would need snakeyaml-engine's standard YAML and treats keys differently) and
 * a log4j2 {@code log4j.properties} that every process shares, each logging to the file its {@code
 * -Dlog.file} names.
 *
 * <p>Everything listens on 127.0.0.1 only. Heartbeats are short so that a killed TaskManager is
 * noticed within seconds, and TaskManagers that start before the JobManager is up retry within a
 * second; jobs restart 20 times, 2 s apart, and keep their checkpoints when cancelled, so that the
 * fault tests and the demo can resume them.
 *
 * <p>The data directory's layout:
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
record FlinkClusterConfig(
    Path dir, int rpcPort, int restPort, int slotsPerTaskManager, FlinkMemory memory) {

  static final String LOOPBACK = "127.0.0.1";
  static final String REST_ADDRESS_FILE = "rest.address";

  FlinkClusterConfig {
    dir = dir.toAbsolutePath().normalize();
    // The legacy parser cuts a line at '#' and reads one line per entry.
    if (dir.toString().contains("#") || dir.toString().contains("\n")) {
      throw new IllegalArgumentException(
          "the data directory of a Flink cluster must not contain '#' or line breaks: " + dir);
    }
  }

  Path confDir() {
    return dir.resolve("conf");
  }

  Path logDir() {
    return dir.resolve("log");
  }

  /** The log4j log of a role; the web UI finds the JVM's console output beside it, as .out. */
  Path log(String role, String extension) {
    return logDir().resolve(role + extension);
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

  void writeFiles() {
    try {
      for (Path path :
          List.of(confDir(), logDir(), checkpointsDir(), savepointsDir(), tmpDir(), pluginsDir())) {
        Files.createDirectories(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directories of the cluster in " + dir, e);
    }
    LocalServer.write(confDir().resolve("flink-conf.yaml"), flinkConfYaml(), false);
    LocalServer.write(log4jFile(), LocalServer.resource("flink-log4j.properties"), false);
  }

  Path log4jFile() {
    return confDir().resolve("log4j.properties");
  }

  Map<String, String> entries() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("jobmanager.rpc.address", "localhost");
    entries.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    entries.put("jobmanager.bind-host", LOOPBACK);
    entries.put("taskmanager.bind-host", LOOPBACK);
    entries.put("taskmanager.host", LOOPBACK);
    entries.put("rest.address", LOOPBACK);
    entries.put("rest.bind-address", LOOPBACK);
    entries.put("rest.port", Integer.toString(restPort));
    entries.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
    // One core per slot, as standalone Flink assumes when the option is unset.
    entries.put("taskmanager.cpu.cores", slotsPerTaskManager + ".0");
    entries.putAll(memory.configEntries());
    entries.put("io.tmp.dirs", tmpDir().toString());
    entries.put("web.tmpdir", tmpDir().toString());
    entries.put("state.backend.type", "hashmap");
    entries.put("state.checkpoints.dir", fileUri(checkpointsDir()));
    entries.put("state.savepoints.dir", fileUri(savepointsDir()));
    entries.put(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    entries.put("restart-strategy.type", "fixed-delay");
    entries.put("restart-strategy.fixed-delay.attempts", "20");
    entries.put("restart-strategy.fixed-delay.delay", "2 s");
    entries.put("heartbeat.interval", "2000");
    entries.put("heartbeat.timeout", "10000");
    // TaskManagers start together with the JobManager: retry its RPC endpoint after 1 s, not 10 s.
    entries.put("cluster.registration.error-delay", "1000");
    entries.put("cluster.registration.refused-registration-delay", "2000");
    // Beam's runner keeps references to the user class loader past a job's end.
    entries.put("classloader.check-leaked-classloader", "false");
    entries.put("web.submit.enable", "true");
    entries.put("web.cancel.enable", "true");
    return entries;
  }

  String flinkConfYaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by LocalFlinkCluster at every start of the cluster in ")
        .append(dir)
        .append(";\n# edits are overwritten. Legacy format: one 'key: value' a line.\n");
    entries().forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    return yaml.toString();
  }

  /** {@code file:///abs/path}, as Flink's file system expects for local directories. */
  private static String fileUri(Path dir) {
    return "file://" + dir.toAbsolutePath();
  }
}
