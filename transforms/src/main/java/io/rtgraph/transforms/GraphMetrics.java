package io.rtgraph.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The names of the counters the transforms report, in one namespace so that a runner's metrics (and
 * the demo's summary) can find them: every source record ends in exactly one of {@link
 * #GRAPH_EVENTS}, {@link #FILTERED} or {@link #DEAD_LETTERED}, and {@link #EMITTED_UPDATES} divided
 * by {@link #RAW_UPDATES} is the write reduction of the merge.
 */
public final class GraphMetrics {
  public static final String NAMESPACE = "rtgraph";

  public static final String RECORDS_IN = "records_in";
  public static final String DEAD_LETTERED = "dead_lettered";
  public static final String FILTERED = "filtered";
  public static final String GRAPH_EVENTS = "graph_events";
  public static final String RAW_UPDATES = "raw_updates";
  public static final String EMITTED_UPDATES = "emitted_updates";
  public static final String BUFFERS_OPENED = "merge_buffers_opened";
  public static final String BUFFERS_FLUSHED = "merge_buffers_flushed";

  /** A gauge: the elements whose merge buffer is open now, summed over workers. */
  public static final String BUFFERED_KEYS = "merge_buffered_keys";

  /** The times a bundle's merge map reached its bound and was emitted before the bundle's end. */
  public static final String BUNDLE_MERGE_EARLY_FLUSHES = "merge_within_bundle_early_flushes";

  /** Catalog refreshes that kept the last good version: unreadable files and refused ones. */
  public static final String CATALOG_REFRESH_FAILURES = "catalog_refresh_failures";

  /**
   * Catalog refreshes refused because the catalog came back empty or shrank by more than the
   * allowed fraction; each is also one of {@link #CATALOG_REFRESH_FAILURES}.
   */
  public static final String CATALOG_REFRESH_REJECTED = "catalog_refresh_rejected";

  private GraphMetrics() {}

  static Counter counter(String name) {
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
