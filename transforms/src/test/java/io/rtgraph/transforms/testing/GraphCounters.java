package io.rtgraph.transforms.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.transforms.GraphMetric;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The graph chain's counters ({@link GraphMetric}) as a finished run reports them. */
public final class GraphCounters {
  private GraphCounters() {}

  /** A counter's attempted value, summed over the steps that count it. */
  public static long counter(PipelineResult result, String name) {
    Iterable<MetricResult<Long>> counters =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(GraphMetric.NAMESPACE, name))
                    .build())
            .getCounters();
    long total = 0;
    for (MetricResult<Long> counter : counters) {
      total += counter.getAttempted();
    }
    return total;
  }

  public static long counter(PipelineResult result, GraphMetric metric) {
    return counter(result, metric.metricName());
  }

  /** Asserts each counter's value, naming the counter that differs. */
  public static void assertCounters(PipelineResult result, Map<String, Long> expected) {
    for (Map.Entry<String, Long> counter : expected.entrySet()) {
      assertThat(counter.getKey(), counter(result, counter.getKey()), equalTo(counter.getValue()));
    }
  }

  /** Asserts each metric's value, naming the metric that differs. */
  public static void assertMetrics(PipelineResult result, Map<GraphMetric, Long> expected) {
    for (Map.Entry<GraphMetric, Long> metric : expected.entrySet()) {
      assertThat(
          metric.getKey().metricName(),
          counter(result, metric.getKey()),
          equalTo(metric.getValue()));
    }
  }
}
