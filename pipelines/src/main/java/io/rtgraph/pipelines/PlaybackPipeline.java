package io.rtgraph.pipelines;

import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.transforms.GraphResult;
import org.apache.beam.sdk.values.PCollection;

/** The pipeline of the {@code member.playback} topic. */
public final class PlaybackPipeline {
  public static final SourceTopic TOPIC = SourceTopic.PLAYBACK;

  private PlaybackPipeline() {}

  /** This topic's graph chain, applied to any source of raw records: Kafka, the archive, a test. */
  public static GraphResult buildGraph(PCollection<RawRecord> records, GraphOptions options) {
    return records.apply(
        "BuildPlaybackGraph",
        TopicGraph.chain(TOPIC, options)
            .withCatalogs(TopicGraph.catalogs(options).withTitles(options.getTitlesCatalog())));
  }
}
