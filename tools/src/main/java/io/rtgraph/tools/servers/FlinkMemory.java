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
    int taskManagerFrameworkHeapMb,
    int taskManagerTaskHeapMb,
    int taskManagerFrameworkOffHeapMb,
    int taskManagerTaskOffHeapMb,
    int taskManagerManagedMb,
    int taskManagerNetworkMb,
    int taskManagerMetaspaceMb,
    int taskManagerOverheadMb,
    int jobManagerHeapMb,
    int jobManagerOffHeapMb,
    int jobManagerMetaspaceMb,
    int jobManagerOverheadMb) {

  static final int DEFAULT_TASK_MANAGER_FRAMEWORK_HEAP_MB = 128;
  static final int DEFAULT_TASK_MANAGER_TASK_HEAP_MB = 1024;
  static final int DEFAULT_TASK_MANAGER_FRAMEWORK_OFF_HEAP_MB = 128;
  static final int DEFAULT_TASK_MANAGER_TASK_OFF_HEAP_MB = 64;
  static final int DEFAULT_TASK_MANAGER_MANAGED_MB = 320;
  static final int DEFAULT_TASK_MANAGER_NETWORK_MB = 64;

  /** Beam's jobs load many classes (vendored gRPC, Guava, Calcite) into each job's class loader. */
  static final int DEFAULT_TASK_MANAGER_METASPACE_MB = 640;

  static final int DEFAULT_TASK_MANAGER_OVERHEAD_MB = 192;
  static final int DEFAULT_JOB_MANAGER_HEAP_MB = 320;
  static final int DEFAULT_JOB_MANAGER_OFF_HEAP_MB = 128;
  static final int DEFAULT_JOB_MANAGER_METASPACE_MB = 192;
  static final int DEFAULT_JOB_MANAGER_OVERHEAD_MB = 128;

  static final FlinkMemory DEFAULT =
      new FlinkMemory(
          DEFAULT_TASK_MANAGER_FRAMEWORK_HEAP_MB,
          DEFAULT_TASK_MANAGER_TASK_HEAP_MB,
          DEFAULT_TASK_MANAGER_FRAMEWORK_OFF_HEAP_MB,
          DEFAULT_TASK_MANAGER_TASK_OFF_HEAP_MB,
          DEFAULT_TASK_MANAGER_MANAGED_MB,
          DEFAULT_TASK_MANAGER_NETWORK_MB,
          DEFAULT_TASK_MANAGER_METASPACE_MB,
          DEFAULT_TASK_MANAGER_OVERHEAD_MB,
          DEFAULT_JOB_MANAGER_HEAP_MB,
          DEFAULT_JOB_MANAGER_OFF_HEAP_MB,
          DEFAULT_JOB_MANAGER_METASPACE_MB,
          DEFAULT_JOB_MANAGER_OVERHEAD_MB);

  FlinkMemory {
    atLeast("TaskManager framework heap", taskManagerFrameworkHeapMb, 64);
    atLeast("TaskManager task heap", taskManagerTaskHeapMb, 64);
    atLeast("TaskManager framework off-heap", taskManagerFrameworkOffHeapMb, 32);
    atLeast("TaskManager task off-heap", taskManagerTaskOffHeapMb, 0);
    atLeast("TaskManager managed memory", taskManagerManagedMb, 0);
    atLeast("TaskManager network memory", taskManagerNetworkMb, 16);
    atLeast("TaskManager metaspace", taskManagerMetaspaceMb, 96);
    atLeast("TaskManager JVM overhead", taskManagerOverheadMb, 64);
    atLeast("JobManager heap", jobManagerHeapMb, 128);
    atLeast("JobManager off-heap", jobManagerOffHeapMb, 32);
    atLeast("JobManager metaspace", jobManagerMetaspaceMb, 96);
    atLeast("JobManager JVM overhead", jobManagerOverheadMb, 64);
  }

  FlinkMemory withTaskManagerTaskHeapMb(int mb) {
    return new FlinkMemory(
        taskManagerFrameworkHeapMb,
        mb,
        taskManagerFrameworkOffHeapMb,
        taskManagerTaskOffHeapMb,
        taskManagerManagedMb,
        taskManagerNetworkMb,
        taskManagerMetaspaceMb,
        taskManagerOverheadMb,
        jobManagerHeapMb,
        jobManagerOffHeapMb,
        jobManagerMetaspaceMb,
        jobManagerOverheadMb);
  }

  FlinkMemory withTaskManagerManagedMb(int mb) {
    return new FlinkMemory(
        taskManagerFrameworkHeapMb,
        taskManagerTaskHeapMb,
        taskManagerFrameworkOffHeapMb,
        taskManagerTaskOffHeapMb,
        mb,
        taskManagerNetworkMb,
        taskManagerMetaspaceMb,
        taskManagerOverheadMb,
        jobManagerHeapMb,
        jobManagerOffHeapMb,
        jobManagerMetaspaceMb,
        jobManagerOverheadMb);
  }

  FlinkMemory withTaskManagerNetworkMb(int mb) {
    return new FlinkMemory(
        taskManagerFrameworkHeapMb,
        taskManagerTaskHeapMb,
        taskManagerFrameworkOffHeapMb,
        taskManagerTaskOffHeapMb,
        taskManagerManagedMb,
        mb,
        taskManagerMetaspaceMb,
        taskManagerOverheadMb,
        jobManagerHeapMb,
        jobManagerOffHeapMb,
        jobManagerMetaspaceMb,
        jobManagerOverheadMb);
  }

  FlinkMemory withTaskManagerMetaspaceMb(int mb) {
    return new FlinkMemory(
        taskManagerFrameworkHeapMb,
        taskManagerTaskHeapMb,
        taskManagerFrameworkOffHeapMb,
        taskManagerTaskOffHeapMb,
        taskManagerManagedMb,
        taskManagerNetworkMb,
        mb,
        taskManagerOverheadMb,
        jobManagerHeapMb,
        jobManagerOffHeapMb,
        jobManagerMetaspaceMb,
        jobManagerOverheadMb);
  }

  FlinkMemory withJobManagerHeapMb(int mb) {
    return new FlinkMemory(
        taskManagerFrameworkHeapMb,
        taskManagerTaskHeapMb,
        taskManagerFrameworkOffHeapMb,
        taskManagerTaskOffHeapMb,
        taskManagerManagedMb,
        taskManagerNetworkMb,
        taskManagerMetaspaceMb,
        taskManagerOverheadMb,
        mb,
        jobManagerOffHeapMb,
        jobManagerMetaspaceMb,
        jobManagerOverheadMb);
  }

  /** -Xmx and -Xms of a TaskManager. */
  int taskManagerJvmHeapMb() {
    return taskManagerFrameworkHeapMb + taskManagerTaskHeapMb;
  }

  /** -XX:MaxDirectMemorySize of a TaskManager: network buffers are direct memory too. */
  int taskManagerJvmDirectMb() {
    return taskManagerFrameworkOffHeapMb + taskManagerTaskOffHeapMb + taskManagerNetworkMb;
  }

  /** {@code taskmanager.memory.flink.size}: managed memory is off-heap but not JVM direct. */
  int taskManagerFlinkMb() {
    return taskManagerJvmHeapMb() + taskManagerJvmDirectMb() + taskManagerManagedMb;
  }

  /** {@code taskmanager.memory.process.size}: what one TaskManager may take from the machine. */
  int taskManagerProcessMb() {
    return taskManagerFlinkMb() + taskManagerMetaspaceMb + taskManagerOverheadMb;
  }

  int jobManagerFlinkMb() {
    return jobManagerHeapMb + jobManagerOffHeapMb;
  }

  int jobManagerProcessMb() {
    return jobManagerFlinkMb() + jobManagerMetaspaceMb + jobManagerOverheadMb;
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
        "-XX:MaxMetaspaceSize=" + jobManagerMetaspaceMb + "m");
  }

  /** Every size, explicitly, and totals consistent with them. */
  Map<String, String> configEntries() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("taskmanager.memory.process.size", mb(taskManagerProcessMb()));
    entries.put("taskmanager.memory.flink.size", mb(taskManagerFlinkMb()));
    entries.put("taskmanager.memory.framework.heap.size", mb(taskManagerFrameworkHeapMb));
    entries.put("taskmanager.memory.task.heap.size", mb(taskManagerTaskHeapMb));
    entries.put("taskmanager.memory.framework.off-heap.size", mb(taskManagerFrameworkOffHeapMb));
    entries.put("taskmanager.memory.task.off-heap.size", mb(taskManagerTaskOffHeapMb));
    entries.put("taskmanager.memory.managed.size", mb(taskManagerManagedMb));
    entries.put("taskmanager.memory.network.min", mb(taskManagerNetworkMb));
    entries.put("taskmanager.memory.network.max", mb(taskManagerNetworkMb));
    entries.put("taskmanager.memory.jvm-metaspace.size", mb(taskManagerMetaspaceMb));
    entries.put("taskmanager.memory.jvm-overhead.min", mb(taskManagerOverheadMb));
    entries.put("taskmanager.memory.jvm-overhead.max", mb(taskManagerOverheadMb));
    entries.put("jobmanager.memory.process.size", mb(jobManagerProcessMb()));
    entries.put("jobmanager.memory.flink.size", mb(jobManagerFlinkMb()));
    entries.put("jobmanager.memory.heap.size", mb(jobManagerHeapMb));
    entries.put("jobmanager.memory.off-heap.size", mb(jobManagerOffHeapMb));
    entries.put("jobmanager.memory.jvm-metaspace.size", mb(jobManagerMetaspaceMb));
    entries.put("jobmanager.memory.jvm-overhead.min", mb(jobManagerOverheadMb));
    entries.put("jobmanager.memory.jvm-overhead.max", mb(jobManagerOverheadMb));
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
