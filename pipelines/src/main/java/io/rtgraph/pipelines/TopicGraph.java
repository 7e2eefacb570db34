package io.rtgraph.pipelines;

import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.pipelines.options.IcebergOptions;
import io.rtgraph.transforms.BuildInteractionGraph;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.LoadCatalogs;
import io.rtgraph.transforms.mapping.CatalogKind;
import io.rtgraph.transforms.mapping.CompiledMapping;
import org.joda.time.Duration;

/** Turns the shared graph flags into a topic's configured chain, converting each value once. */
final class TopicGraph {
  private static final FlagDurations.SecondsAlias CATALOG_REFRESH =
      FlagDurations.withSecondsAlias("catalogRefreshInterval", "catalogRefreshSeconds");

  private TopicGraph() {}

  /**
   * The chain with the flags' limits and window; it also yields the records for the raw archive
   * when {@code --sinks} includes it (a backfill sets its own default before building).
   */
  static BuildInteractionGraph chain(CompiledMapping mapping, GraphOptions options) {
    BuildInteractionGraph chain =
        BuildInteractionGraph.forMapping(mapping)
            .withMaxRecordBytes(options.getMaxRecordBytes())
            .withMaxFutureSkew(maxFutureSkew(options))
            .withDedupWindow(FlagDurations.parse("dedupWindow", options.getDedupWindow()));
    if (mapping.hasJoins()) {
      chain = chain.withCatalogs(catalogs(mapping, options));
    }
    String sinks = options.as(IcebergOptions.class).getSinks();
    return Sink.parse(sinks, TopicSinks.STREAMING_DEFAULT).contains(Sink.ARCHIVE)
        ? chain.withArchiveOutput()
        : chain;
  }

  /** The catalogs the mapping's joins read, each from its flag. */
  private static LoadCatalogs catalogs(CompiledMapping mapping, GraphOptions options) {
    LoadCatalogs catalogs = catalogs(options);
    for (int i = 0; i < mapping.joinCount(); i++) {
      CatalogKind kind = mapping.joinCatalog(i);
      if (kind == CatalogKind.TITLES) {
        catalogs = catalogs.withTitles(options.getTitlesCatalog());
      } else if (kind == CatalogKind.GAMES) {
        catalogs = catalogs.withGames(options.getGamesCatalog());
      } else {
        catalogs = catalogs.withLiveEvents(options.getLiveEventsCatalog());
      }
    }
    return catalogs;
  }

  /**
   * {@code --maxFutureSkew}, read here only: the parser dead-letters records beyond it and the
   * Kafka source keeps them out of the watermark, and both must use the same bound.
   */
  static Duration maxFutureSkew(GraphOptions options) {
    return FlagDurations.parse("maxFutureSkew", options.getMaxFutureSkew());
  }

  /**
   * No catalog yet, refreshed at the flag's interval and guarded against shrinking refreshes as the
   * flags say.
   */
  static LoadCatalogs catalogs(GraphOptions options) {
    Duration refreshInterval =
        CATALOG_REFRESH.read(
            options, options.getCatalogRefreshInterval(), options.getCatalogRefreshSeconds());
    double maxShrink = options.getMaxCatalogShrink();
    if (!(maxShrink >= 0.0 && maxShrink <= 1.0)) {
      throw new IllegalArgumentException(
          "--maxCatalogShrink must be a fraction from 0 to 1 (1 allows any drop), not "
              + maxShrink);
    }
    return LoadCatalogs.once()
        .refreshedEvery(refreshInterval)
        .withMaxShrink(maxShrink)
        .acceptingAnyCatalogsAtStart(options.getAcceptAnyCatalogsAtStart());
  }
}
