package io.rtgraph.tools.servers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory of the cluster's JVMs, in MiB, set component by component: no Flink shell script runs
 * here to derive the TaskManager's sizes from a total, so every {@code taskmanager.memory.*} size
 * is written explicitly and the JVM flags are computed from the same numbers, the way Flink's
 * {@code BashJavaUtils} would (heap = framework + task heap, direct = framework + task off-heap +
 * network, metaspace as configured).
 *
 * <p>The defaults size one TaskManager for the four topic jobs together (scripts/submit-all.sh on
 * the cluster of scripts/flink-cluster.sh: five slots), a process of 2.5 GiB, and a JobManager of
 * 768 MiB. Measured with the four jobs running on such a TaskManager: 253 MiB of metaspace (each
 * job loads Beam, Kafka and Iceberg into its own class loader), about 500 MiB of heap before a
 * collection, and 51 MiB of managed memory taken by the playback job's RocksDB. Metaspace leaves
 * room for a restarting job's new class loader next to the old one; managed memory gives each slot
 * 64 MiB for RocksDB; the other jobs keep their state on the task heap ({@code hashmap} backend).
 */
record FlinkMemory(
    int taskManagerTaskHeapMb,
    int taskManagerManagedMb,
    int taskManagerNetworkMb,
    int taskManagerMetaspaceMb,
    int jobManagerHeapMb) {

  static final int TASK_MANAGER_FRAMEWORK_HEAP_MB = 128;
  static final int TASK_MANAGER_FRAMEWORK_OFF_HEAP_MB = 128;
  static final int TASK_MANAGER_TASK_OFF_HEAP_MB = 64;
  static final int TASK_MANAGER_OVERHEAD_MB = 192;
  static final int JOB_MANAGER_OFF_HEAP_MB = 128;
  static final int JOB_MANAGER_METASPACE_MB = 192;
  static final int JOB_MANAGER_OVERHEAD_MB = 128;

  /**
   * Task heap 1024, managed 320, network 64, JobManager heap 320, and a metaspace of 640: Beam's
   * jobs load many classes (vendored gRPC, Guava, Calcite) into each job's class loader.
   */
  static final FlinkMemory DEFAULT = new FlinkMemory(1024, 320, 64, 640, 320);

  FlinkMemory {
    atLeast("TaskManager task heap", taskManagerTaskHeapMb, 64);
    atLeast("TaskManager managed memory", taskManagerManagedMb, 0);
    atLeast("TaskManager network memory", taskManagerNetworkMb, 16);
    atLeast("TaskManager metaspace", taskManagerMetaspaceMb, 96);
    atLeast("JobManager heap", jobManagerHeapMb, 128);
  }

  /** -Xmx and -Xms of a TaskManager. */
  int taskManagerJvmHeapMb() {
    return TASK_MANAGER_FRAMEWORK_HEAP_MB + taskManagerTaskHeapMb;
  }

  /** -XX:MaxDirectMemorySize of a TaskManager: network buffers are direct memory too. */
  int taskManagerJvmDirectMb() {
    return TASK_MANAGER_FRAMEWORK_OFF_HEAP_MB
        + TASK_MANAGER_TASK_OFF_HEAP_MB
        + taskManagerNetworkMb;
  }

  /** {@code taskmanager.memory.flink.size}: managed memory is off-heap but not JVM direct. */
  int taskManagerFlinkMb() {
    return taskManagerJvmHeapMb() + taskManagerJvmDirectMb() + taskManagerManagedMb;
  }

  /** {@code taskmanager.memory.process.size}: what one TaskManager may take from the machine. */
  int taskManagerProcessMb() {
    return taskManagerFlinkMb() + taskManagerMetaspaceMb + TASK_MANAGER_OVERHEAD_MB;
  }

  int jobManagerFlinkMb() {
    return jobManagerHeapMb + JOB_MANAGER_OFF_HEAP_MB;
  }

  int jobManagerProcessMb() {
    return jobManagerFlinkMb() + JOB_MANAGER_METASPACE_MB + JOB_MANAGER_OVERHEAD_MB;
  }

  List<String> taskManagerJvmOptions() {
    return List.of(
        "-Xmx" + taskManagerJvmHeapMb() + "m",
        "-Xms" + taskManagerJvmHeapMb() + "m",
        "-XX:MaxDirectMemorySize=" + taskManagerJvmDirectMb() + "m",
        "-XX:MaxMetaspaceSize=" + taskManagerMetaspaceMb + "m");
  }

  /**
   * As Flink's scripts do for the JobManager: no direct-memory limit unless {@code
   * jobmanager.memory.enable-jvm-direct-memory-limit} is set, which it is not here.
   */
  List<String> jobManagerJvmOptions() {
    return List.of(
        "-Xmx" + jobManagerHeapMb + "m",
        "-Xms" + jobManagerHeapMb + "m",
        "-XX:MaxMetaspaceSize=" + JOB_MANAGER_METASPACE_MB + "m");
  }

  /** Every size, explicitly, and totals consistent with them. */
  Map<String, String> configEntries() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("taskmanager.memory.process.size", mb(taskManagerProcessMb()));
    entries.put("taskmanager.memory.flink.size", mb(taskManagerFlinkMb()));
    entries.put("taskmanager.memory.framework.heap.size", mb(TASK_MANAGER_FRAMEWORK_HEAP_MB));
    entries.put("taskmanager.memory.task.heap.size", mb(taskManagerTaskHeapMb));
    entries.put(
        "taskmanager.memory.framework.off-heap.size", mb(TASK_MANAGER_FRAMEWORK_OFF_HEAP_MB));
    entries.put("taskmanager.memory.task.off-heap.size", mb(TASK_MANAGER_TASK_OFF_HEAP_MB));
    entries.put("taskmanager.memory.managed.size", mb(taskManagerManagedMb));
    entries.put("taskmanager.memory.network.min", mb(taskManagerNetworkMb));
    entries.put("taskmanager.memory.network.max", mb(taskManagerNetworkMb));
    entries.put("taskmanager.memory.jvm-metaspace.size", mb(taskManagerMetaspaceMb));
    entries.put("taskmanager.memory.jvm-overhead.min", mb(TASK_MANAGER_OVERHEAD_MB));
    entries.put("taskmanager.memory.jvm-overhead.max", mb(TASK_MANAGER_OVERHEAD_MB));
    entries.put("jobmanager.memory.process.size", mb(jobManagerProcessMb()));
    entries.put("jobmanager.memory.flink.size", mb(jobManagerFlinkMb()));
    entries.put("jobmanager.memory.heap.size", mb(jobManagerHeapMb));
    entries.put("jobmanager.memory.off-heap.size", mb(JOB_MANAGER_OFF_HEAP_MB));
    entries.put("jobmanager.memory.jvm-metaspace.size", mb(JOB_MANAGER_METASPACE_MB));
    entries.put("jobmanager.memory.jvm-overhead.min", mb(JOB_MANAGER_OVERHEAD_MB));
    entries.put("jobmanager.memory.jvm-overhead.max", mb(JOB_MANAGER_OVERHEAD_MB));
    return entries;
  }

  private static String mb(int value) {
    return value + "m";
  }

  private static void atLeast(String what, int mb, int minimum) {
    if (mb < minimum) {
      throw new IllegalArgumentException(what + " must be at least " + minimum + " MiB, got " + mb);
    }
  }
}
