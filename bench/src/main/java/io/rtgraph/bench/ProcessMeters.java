package io.rtgraph.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** CPU time and heap of this JVM: the benchmark's own process, where Flink runs embedded. */
final class ProcessMeters implements AutoCloseable {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "heap-sampler");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong peakHeap = new AtomicLong();

  ProcessMeters() {
    sampler.scheduleAtFixedRate(
        () -> peakHeap.accumulateAndGet(heapUsed(), Math::max), 0, 200, TimeUnit.MILLISECONDS);
  }

  /** CPU time of the whole process so far, all threads, in nanoseconds. */
  long cpuNanos() {
    return os.getProcessCpuTime();
  }

  long heapUsed() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  /**
   * The heap still in use after the latest collection, summed over the pools that report one: what
   * the job retains, without the garbage a sample of {@link #heapUsed} catches mid-cycle.
   */
  long heapAfterLastGc() {
    long retained = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        retained += pool.getCollectionUsage().getUsed();
      }
    }
    return retained;
  }

  /** The highest heap use sampled since the last reset. */
  long peakHeap() {
    return peakHeap.get();
  }

  void resetPeak() {
    peakHeap.set(heapUsed());
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
