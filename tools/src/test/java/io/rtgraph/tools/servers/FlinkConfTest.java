package io.rtgraph.tools.servers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The generated configuration: every size explicit, JVM flags consistent with the sizes. */
public class FlinkConfTest {
  private static final Path DIR = Path.of("/data/flink");
  private static final Map<String, String> CONF =
      LocalFlinkCluster.entries(LocalFlinkCluster.flinkConfYaml(DIR, 6123, 8081, 2));

  @Test
  public void defaultsMakeATaskManagerForTheFourTopicJobsAndASmallJobManager() {
    assertThat(CONF, hasEntry("taskmanager.memory.process.size", "2560m"));
    assertThat(CONF, hasEntry("jobmanager.memory.process.size", "768m"));
    assertThat(
        LocalFlinkCluster.memoryOptions(CONF, true),
        equalTo(
            List.of(
                "-Xmx1152m",
                "-Xms1152m",
                "-XX:MaxDirectMemorySize=256m",
                "-XX:MaxMetaspaceSize=640m")));
    assertThat(
        LocalFlinkCluster.memoryOptions(CONF, false),
        equalTo(List.of("-Xmx320m", "-Xms320m", "-XX:MaxMetaspaceSize=192m")));
  }

  /** The totals Flink checks against the components at start, summed as Flink sums them. */
  @Test
  public void totalsAreTheSumsOfTheComponents() {
    String tm = "taskmanager.memory.";
    assertThat(
        mb(tm + "flink.size"),
        equalTo(
            mb(tm + "framework.heap.size")
                + mb(tm + "task.heap.size")
                + mb(tm + "framework.off-heap.size")
                + mb(tm + "task.off-heap.size")
                + mb(tm + "managed.size")
                + mb(tm + "network.max")));
    assertThat(mb(tm + "network.min"), equalTo(mb(tm + "network.max")));
    assertThat(mb(tm + "jvm-overhead.min"), equalTo(mb(tm + "jvm-overhead.max")));
    assertThat(
        mb(tm + "process.size"),
        equalTo(
            mb(tm + "flink.size") + mb(tm + "jvm-metaspace.size") + mb(tm + "jvm-overhead.max")));
    String jm = "jobmanager.memory.";
    assertThat(mb(jm + "flink.size"), equalTo(mb(jm + "heap.size") + mb(jm + "off-heap.size")));
    assertThat(
        mb(jm + "process.size"),
        equalTo(
            mb(jm + "flink.size") + mb(jm + "jvm-metaspace.size") + mb(jm + "jvm-overhead.max")));
  }

  @Test
  public void everyRequiredOptionIsWritten() {
    Map<String, String> entries = CONF;
    for (String key :
        List.of(
            "taskmanager.cpu.cores",
            "taskmanager.memory.framework.heap.size",
            "taskmanager.memory.task.heap.size",
            "taskmanager.memory.framework.off-heap.size",
            "taskmanager.memory.task.off-heap.size",
            "taskmanager.memory.managed.size",
            "taskmanager.memory.network.min",
            "taskmanager.memory.network.max",
            "taskmanager.memory.jvm-metaspace.size",
            "taskmanager.memory.jvm-overhead.min",
            "taskmanager.memory.jvm-overhead.max")) {
      assertThat(entries, hasKey(key));
    }
    assertThat(entries, hasEntry("taskmanager.numberOfTaskSlots", "2"));
    assertThat(entries, hasEntry("taskmanager.cpu.cores", "2.0"));
    assertThat(entries, hasEntry("jobmanager.rpc.port", "6123"));
    assertThat(entries, hasEntry("rest.port", "8081"));
    assertThat(entries, hasEntry("io.tmp.dirs", "/data/flink/tmp"));
    assertThat(entries, hasEntry("state.checkpoints.dir", "file:///data/flink/checkpoints"));
    assertThat(entries, hasEntry("state.savepoints.dir", "file:///data/flink/savepoints"));
    assertThat(entries, hasEntry("restart-strategy.fixed-delay.attempts", "20"));
    assertThat(entries, hasEntry("heartbeat.timeout", "10000"));
  }

  @Test
  public void yamlIsOneKeyValueALine() {
    String yaml = LocalFlinkCluster.flinkConfYaml(DIR, 6123, 8081, 2);
    assertThat(yaml, containsString("\nstate.backend.type: hashmap\n"));
    assertThat(
        yaml,
        containsString(
            "\nexecution.checkpointing.externalized-checkpoint-retention:"
                + " RETAIN_ON_CANCELLATION\n"));
    assertThat(yaml, not(containsString("${")));
  }

  @Test
  public void dataDirectoryWithACommentSignIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalFlinkCluster.flinkConfYaml(Path.of("/data/#1"), 1, 2, 1));
  }

  private static int mb(String key) {
    String size = CONF.get(key);
    assertThat(key, size, containsString("m"));
    return Integer.parseInt(size.replace("m", ""));
  }
}
