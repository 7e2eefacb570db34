package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;

/**
 * The pipeline of the {@code member.gameplay} topic. Gameplay events: the games members play, and
 * the titles those games are based on; enriched from the games and titles catalogs.
 *
 * <p>An entry point only: the pipeline is {@link TopicPipeline} run by the topic's mapping, {@code
 * runner-configs/topics/member.gameplay.mapping.yaml} (or the file {@code --topicMapping} names).
 */
public final class GameplayPipeline {
  private GameplayPipeline() {}

  /**
   * Parses the flags, launches, and supervises the job (see {@link TopicPipeline#launch}); {@link
   * TopicPipelines#GAMEPLAY} builds the same pipeline for code that handles the topics alike.
   */
  public static void main(String[] args) {
    TopicPipeline.launch(SourceTopic.GAMEPLAY, args);
  }
}
