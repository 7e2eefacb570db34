package io.rtgraph.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import org.junit.Test;

/**
 * Pins the published metric names: dashboards, the supervisor's summary line, the bench's JSON and
 * the Flink REST names ({@code rtgraph_<name>}) read them, so renaming a constant must fail here.
 */
public class GraphMetricTest {
  @Test
  public void metricNamesAreThePublishedOnes() {
    assertThat(
        Arrays.stream(GraphMetric.values()).map(GraphMetric::metricName).toList(),
        contains(
            "records_in",
            "dead_lettered",
            "filtered",
            "graph_events",
            "raw_updates",
            "emitted_updates",
            "merge_buffers_opened",
            "merge_buffers_flushed",
            "merge_buffered_keys",
            "merge_within_bundle_early_flushes",
            "catalog_refresh_failures",
            "catalog_refresh_rejected"));
  }

  @Test
  public void perCatalogNamesShareTheNamespace() {
    assertThat(GraphMetric.NAMESPACE, equalTo("rtgraph"));
    assertThat(GraphMetric.catalogMiss("titles"), equalTo("catalog_miss_titles"));
    assertThat(GraphMetric.catalogHit("titles"), equalTo("catalog_hit_titles"));
  }
}
