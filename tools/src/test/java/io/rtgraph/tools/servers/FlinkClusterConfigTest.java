package io.rtgraph.tools.servers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.Assert.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The generated configuration: every size explicit, JVM flags consistent with the sizes. */
public class FlinkClusterConfigTest {
  private static final Path DIR = Path.of("/data/flink");

  @Test
  public void defaultsMakeATaskManagerForTheFourTopicJobsAndASmallJobManager() {
    FlinkMemory memory = FlinkMemory.DEFAULT;
    assertThat(memory.taskManagerProcessMb(), equalTo(2560));
    assertThat(memory.jobManagerProcessMb(), equalTo(768));
    assertThat(
        memory.taskManagerJvmOptions(),
        equalTo(
            List.of(
                "-Xmx1152m",
                "-Xms1152m",
                "-XX:MaxDirectMemorySize=256m",
                "-XX:MaxMetaspaceSize=640m")));
    assertThat(
        memory.jobManagerJvmOptions(),
        equalTo(List.of("-Xmx320m", "-Xms320m", "-XX:MaxMetaspaceSize=192m")));
  }

  @Test
  public void jvmFlagsFollowTheSizes() {
    FlinkMemory memory = new FlinkMemory(768, 320, 128, 256, 320);
    assertThat(
        memory.taskManagerJvmOptions(),
        equalTo(
            List.of(
                "-Xmx896m",
                "-Xms896m",
                "-XX:MaxDirectMemorySize=320m",
                "-XX:MaxMetaspaceSize=256m")));
    Map<String, String> entries = memory.configEntries();
    assertThat(
        entries,
        hasEntry(
            "taskmanager.memory.flink.size", (896 + 320 + memory.taskManagerManagedMb()) + "m"));
    assertThat(
        entries, hasEntry("taskmanager.memory.process.size", memory.taskManagerProcessMb() + "m"));
  }

  @Test
  public void everyRequiredOptionIsWritten() {
    Map<String, String> entries =
        new FlinkClusterConfig(DIR, 6123, 8081, 2, FlinkMemory.DEFAULT).entries();
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
    assertThat(entries, hasEntry("state.checkpoints.dir", "file:///data/flink/checkpoints"));
    assertThat(entries, hasEntry("state.savepoints.dir", "file:///data/flink/savepoints"));
    assertThat(entries, hasEntry("restart-strategy.fixed-delay.attempts", "20"));
    assertThat(entries, hasEntry("heartbeat.timeout", "10000"));
  }

  @Test
  public void yamlIsOneKeyValueALine() {
    String yaml = new FlinkClusterConfig(DIR, 6123, 8081, 4, FlinkMemory.DEFAULT).flinkConfYaml();
    assertThat(yaml, containsString("\nstate.backend.type: hashmap\n"));
    assertThat(
        yaml,
        containsString(
            "\nexecution.checkpointing.externalized-checkpoint-retention:"
                + " RETAIN_ON_CANCELLATION\n"));
  }

  @Test
  public void tooSmallSizesAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FlinkMemory(1024, 320, 8, 640, 320));
    assertThat(e.getMessage(), containsString("network"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FlinkClusterConfig(Path.of("/data/#1"), 1, 2, 1, FlinkMemory.DEFAULT));
  }
}
