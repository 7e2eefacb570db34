package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;

/**
 * The pipeline of the {@code member.login} topic. Login events: which accounts sign in from which
 * devices, and from where; no catalog.
 *
 * <p>An entry point only: the pipeline is {@link TopicPipeline} run by the topic's mapping, {@code
 * runner-configs/topics/member.login.mapping.yaml} (or the file {@code --topicMapping} names).
 */
public final class LoginPipeline {
  private LoginPipeline() {}

  /**
   * Parses the flags, launches, and supervises the job (see {@link TopicPipeline#launch}); {@link
   * TopicPipelines#LOGIN} builds the same pipeline for code that handles the topics alike.
   */
  public static void main(String[] args) {
    TopicPipeline.launch(SourceTopic.LOGIN, args);
  }
}
