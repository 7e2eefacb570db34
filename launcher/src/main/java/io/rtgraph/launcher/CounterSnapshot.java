package io.rtgraph.launcher;

import io.rtgraph.transforms.GraphMetric;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The pipeline's {@code rtgraph} counters at one moment, summed over steps. */
public final class CounterSnapshot {
  private final Map<String, Long> counters;

  private CounterSnapshot(Map<String, Long> counters) {
    this.counters = counters;
  }

  /** Counter name to value, as read from any source. */
  public static CounterSnapshot of(Map<String, Long> counters) {
    return new CounterSnapshot(new TreeMap<>(counters));
  }

  /** Reads the attempted values, which every runner reports while the job runs. */
  public static CounterSnapshot of(PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    try {
      Iterable<MetricResult<Long>> results =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace(GraphMetric.NAMESPACE))
                      .build())
              .getCounters();
      for (MetricResult<Long> counter : results) {
        Long value = counter.getAttempted();
        counters.merge(counter.getName().getName(), value == null ? 0L : value, Long::sum);
      }
    } catch (RuntimeException e) {
      // A job that has just stopped may no longer report metrics; an empty snapshot says so.
    }
    return new CounterSnapshot(counters);
  }

  /** A counter by the name it is reported under, for those made at run time (catalog_miss_*). */
  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  public long get(GraphMetric metric) {
    return get(metric.metricName());
  }

  public boolean isEmpty() {
    return counters.isEmpty();
  }

  /** Elements whose merge buffer is open now. */
  public long buffered() {
    return get(GraphMetric.MERGE_BUFFERS_OPENED) - get(GraphMetric.MERGE_BUFFERS_FLUSHED);
  }

  /** Emitted updates per raw update: lower is better. */
  public double writeReduction() {
    long raw = get(GraphMetric.RAW_UPDATES);
    return raw == 0 ? 0 : (double) get(GraphMetric.EMITTED_UPDATES) / raw;
  }

  /** The one-line summary the scripts print and parse. */
  public String summary() {
    return String.format(
        "records_in=%d graph_events=%d filtered=%d dead_lettered=%d raw_updates=%d emitted_updates=%d"
            + " write_reduction=%.3f buffered=%d catalog_misses=%d",
        get(GraphMetric.RECORDS_IN),
        get(GraphMetric.GRAPH_EVENTS),
        get(GraphMetric.FILTERED),
        get(GraphMetric.DEAD_LETTERED),
        get(GraphMetric.RAW_UPDATES),
        get(GraphMetric.EMITTED_UPDATES),
        writeReduction(),
        buffered(),
        counters.entrySet().stream()
            .filter(e -> e.getKey().startsWith("catalog_miss_"))
            .mapToLong(Map.Entry::getValue)
            .sum());
  }

  @Override
  public String toString() {
    return summary();
  }

  public Map<String, Long> asMap() {
    return java.util.Collections.unmodifiableMap(counters);
  }
}
