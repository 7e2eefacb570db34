package io.rtgraph.tools.servers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 */
record FlinkClusterConfig(
    FlinkClusterFiles files,
    int rpcPort,
    int restPort,
    int slotsPerTaskManager,
    FlinkMemory memory) {

  static final String LOOPBACK = "127.0.0.1";

  FlinkClusterConfig {
    String dir = files.dir().toString();
    // The legacy parser cuts a line at '#' and reads one line per entry.
    if (dir.contains("#") || dir.contains("\n") || dir.contains("\r")) {
      throw new IllegalArgumentException(
          "the data directory of a Flink cluster must not contain" + " '#' or line breaks: " + dir);
    }
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
    entries.put("io.tmp.dirs", files.tmpDir().toString());
    entries.put("web.tmpdir", files.tmpDir().toString());
    entries.put("state.backend.type", "hashmap");
    entries.put("state.checkpoints.dir", fileUri(files.checkpointsDir()));
    entries.put("state.savepoints.dir", fileUri(files.savepointsDir()));
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
        .append(files.dir())
        .append(";\n# edits are overwritten. Legacy format: one 'key: value' a line.\n");
    entries().forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    return yaml.toString();
  }

  /** log4j2 properties; {@code ${sys:log.file}} is each process's own log file. */
  static String log4jProperties() {
    return String.join(
        "\n",
        "# Written by LocalFlinkCluster: every process logs INFO to the file its -Dlog.file names.",
        "monitorInterval = 30",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = MainAppender",
        "appender.main.name = MainAppender",
        "appender.main.type = RollingFile",
        "appender.main.append = true",
        "appender.main.fileName = ${sys:log.file}",
        "appender.main.filePattern = ${sys:log.file}.%i",
        "appender.main.layout.type = PatternLayout",
        "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
        "appender.main.policies.type = Policies",
        "appender.main.policies.size.type = SizeBasedTriggeringPolicy",
        "appender.main.policies.size.size = 100MB",
        "appender.main.strategy.type = DefaultRolloverStrategy",
        "appender.main.strategy.max = 5",
        "logger.pekko.name = org.apache.pekko",
        "logger.pekko.level = INFO",
        "logger.kafka.name = org.apache.kafka",
        "logger.kafka.level = INFO",
        "logger.hadoop.name = org.apache.hadoop",
        "logger.hadoop.level = WARN",
        "logger.zookeeper.name = org.apache.zookeeper",
        "logger.zookeeper.level = INFO",
        "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
        "logger.netty.level = OFF",
        "");
  }

  /** {@code file:///abs/path}, as Flink's file system expects for local directories. */
  private static String fileUri(Path dir) {
    return "file://" + dir.toAbsolutePath();
  }
}
