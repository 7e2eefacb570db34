package io.rtgraph.pipelines;

import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.GraphResult;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;

/**
 * The pipeline of the {@code member.playback} topic. Playback events: what members watch, on which
 * device; enriched from the titles catalog.
 *
 * <p>An entry point only: the pipeline is {@link TopicPipeline} run by the topic's mapping, {@code
 * runner-configs/topics/member.playback.mapping.yaml} (or the file {@code --topicMapping} names).
 */
public final class PlaybackPipeline {
  public static final SourceTopic TOPIC = SourceTopic.PLAYBACK;

  private PlaybackPipeline() {}

  /** Parses the flags, launches, and supervises the job (see {@link TopicPipelines#main}). */
  public static void main(String[] args) {
    TopicPipelines.PLAYBACK.main(args);
  }

  /** Checks the topics and tables, builds the pipeline and launches it. */
  public static PipelineResult run(TopicPipelineOptions options) {
    return TopicPipeline.run(TopicPipeline.mapping(TOPIC, options), options);
  }

  /** The whole pipeline, from the source topic to the sinks {@code --sinks} chooses, unlaunched. */
  public static Pipeline create(TopicPipelineOptions options) {
    return TopicPipeline.create(TopicPipeline.mapping(TOPIC, options), options);
  }

  /** This topic's graph chain, applied to any source of raw records: Kafka, the archive, a test. */
  public static GraphResult buildGraph(PCollection<RawRecord> records, GraphOptions options) {
    return TopicPipeline.buildGraph(TopicPipeline.mapping(TOPIC, options), records, options);
  }
}
