package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;

/**
 * The pipeline of the {@code member.live} topic. Live events: the live events members join;
 * enriched from the live-events catalog.
 *
 * <p>An entry point only: the pipeline is {@link TopicPipeline} run by the topic's mapping, {@code
 * runner-configs/topics/member.live.mapping.yaml} (or the file {@code --topicMapping} names).
 */
public final class LivePipeline {
  private LivePipeline() {}

  /**
   * Parses the flags, launches, and supervises the job (see {@link TopicPipeline#launch}); {@link
   * TopicPipelines#LIVE} builds the same pipeline for code that handles the topics alike.
   */
  public static void main(String[] args) {
    TopicPipeline.launch(SourceTopic.LIVE, args);
  }
}
