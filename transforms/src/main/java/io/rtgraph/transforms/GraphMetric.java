package io.rtgraph.transforms;

import java.util.Locale;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The metrics the transforms report, in one namespace so that a runner's metrics (and the demo's
 * summary) can find them: every source record ends in exactly one of {@link #GRAPH_EVENTS}, {@link
 * #FILTERED} or {@link #DEAD_LETTERED}, and {@link #EMITTED_UPDATES} divided by {@link
 * #RAW_UPDATES} is the write reduction of the merge.
 *
 * <p>A metric's name is its constant in lower case, so the two cannot drift apart; the names are
 * what dashboards, the supervisor's summary line and the bench's JSON read, so renaming a constant
 * is renaming a published metric.
 */
public enum GraphMetric {
  RECORDS_IN,
  DEAD_LETTERED,
  FILTERED,
  GRAPH_EVENTS,
  RAW_UPDATES,
  EMITTED_UPDATES,
  MERGE_BUFFERS_OPENED,
  MERGE_BUFFERS_FLUSHED,

  /** A gauge: the elements whose merge buffer is open now, summed over workers. */
  MERGE_BUFFERED_KEYS,

  /** The times a bundle's merge map reached its bound and was emitted before the bundle's end. */
  MERGE_WITHIN_BUNDLE_EARLY_FLUSHES,

  /** Catalog refreshes that kept the last good version: unreadable files and refused ones. */
  CATALOG_REFRESH_FAILURES,

  /**
   * Catalog refreshes refused because the catalog came back empty or shrank by more than the
   * allowed fraction; each is also one of {@link #CATALOG_REFRESH_FAILURES}.
   */
  CATALOG_REFRESH_REJECTED;

  public static final String NAMESPACE = "rtgraph";

  private final String metricName = name().toLowerCase(Locale.ROOT);

  /** The name the runner reports this metric under, for example {@code records_in}. */
  public String metricName() {
    return metricName;
  }

  /** This metric as a counter of the calling step. */
  Counter counter() {
    return Metrics.counter(NAMESPACE, metricName);
  }

  /** This metric as a gauge of the calling step (only {@link #MERGE_BUFFERED_KEYS} is one). */
  Gauge gauge() {
    return Metrics.gauge(NAMESPACE, metricName);
  }

  /**
   * A counter whose name is made at run time (per catalog, per filter rule, per dead-letter
   * reason), in the same namespace as the fixed metrics.
   */
  static Counter counterNamed(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  /** The counter of lookup misses in one catalog, for example {@code catalog_miss_titles}. */
  public static String catalogMiss(String catalog) {
    return "catalog_miss_" + catalog;
  }

  /** The counter of lookup hits in one catalog, for example {@code catalog_hit_titles}. */
  public static String catalogHit(String catalog) {
    return "catalog_hit_" + catalog;
  }
}
