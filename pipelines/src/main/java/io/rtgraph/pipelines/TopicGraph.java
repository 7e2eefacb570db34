package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.FlagDurations;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.transforms.BuildInteractionGraph;
import io.rtgraph.transforms.LoadCatalogs;
import org.joda.time.Duration;

/** Turns the shared graph flags into a topic's configured chain, converting each value once. */
final class TopicGraph {
  private TopicGraph() {}

  static BuildInteractionGraph chain(SourceTopic topic, GraphOptions options) {
    return BuildInteractionGraph.forTopic(topic)
        .withMaxRecordBytes(options.getMaxRecordBytes())
        .withMaxFutureSkew(FlagDurations.parse("maxFutureSkew", options.getMaxFutureSkew()))
        .withDedupWindow(FlagDurations.parse("dedupWindow", options.getDedupWindow()));
  }

  /** No catalog yet, refreshed at the flag's interval; each topic adds the catalogs it needs. */
  static LoadCatalogs catalogs(GraphOptions options) {
    long refreshSeconds = options.getCatalogRefreshSeconds();
    if (refreshSeconds < 0) {
      throw new IllegalArgumentException(
          "--catalogRefreshSeconds must be 0 (read once) or positive, not " + refreshSeconds);
    }
    return LoadCatalogs.once().refreshedEvery(Duration.standardSeconds(refreshSeconds));
  }
}
