package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;

/**
 * The pipeline of the {@code member.playback} topic. Playback events: what members watch, on which
 * device; enriched from the titles catalog.
 *
 * <p>An entry point only: the pipeline is {@link TopicPipeline} run by the topic's mapping, {@code
 * runner-configs/topics/member.playback.mapping.yaml} (or the file {@code --topicMapping} names).
 */
public final class PlaybackPipeline {
  private PlaybackPipeline() {}

  /**
   * Parses the flags, launches, and supervises the job (see {@link TopicPipeline#launch}); {@link
   * TopicPipelines#PLAYBACK} builds the same pipeline for code that handles the topics alike.
   */
  public static void main(String[] args) {
    TopicPipeline.launch(SourceTopic.PLAYBACK, args);
  }
}
