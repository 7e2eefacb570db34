package io.rtgraph.pipelines;

import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.transforms.GraphResult;
import org.apache.beam.sdk.values.PCollection;

/** The pipeline of the {@code member.gameplay} topic. */
public final class GameplayPipeline {
  public static final SourceTopic TOPIC = SourceTopic.GAMEPLAY;

  private GameplayPipeline() {}

  /** This topic's graph chain, applied to any source of raw records: Kafka, the archive, a test. */
  public static GraphResult buildGraph(PCollection<RawRecord> records, GraphOptions options) {
    return records.apply(
        "BuildGameplayGraph",
        TopicGraph.chain(TOPIC, options)
            .withCatalogs(TopicGraph.catalogs(options).withGames(options.getGamesCatalog()).withTitles(options.getTitlesCatalog())));
  }
}
