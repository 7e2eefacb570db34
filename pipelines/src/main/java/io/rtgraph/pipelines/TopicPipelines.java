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
 * The four Netflix topics' pipelines, for code that handles each of them alike; each is {@link
 * TopicPipeline} with the topic's mapping ({@code --topicMapping}, else the shipped one).
 */
public enum TopicPipelines {
  PLAYBACK(SourceTopic.PLAYBACK),
  LOGIN(SourceTopic.LOGIN),
  GAMEPLAY(SourceTopic.GAMEPLAY),
  LIVE(SourceTopic.LIVE);

  private final SourceTopic topic;

  TopicPipelines(SourceTopic topic) {
    this.topic = topic;
  }

  public static TopicPipelines of(SourceTopic topic) {
    return valueOf(topic.name());
  }

  public SourceTopic topic() {
    return topic;
  }

  /** The streaming pipeline, unlaunched. */
  public Pipeline create(TopicPipelineOptions options) {
    return TopicPipeline.create(TopicPipeline.mapping(topic, options), options);
  }

  /** Checks the topics and tables and launches the streaming pipeline. */
  public PipelineResult run(TopicPipelineOptions options) {
    return TopicPipeline.run(TopicPipeline.mapping(topic, options), options);
  }

  /** The streaming pipeline's {@code main} (see {@link TopicPipeline#launch}). */
  public void main(String[] args) {
    TopicPipeline.launch(topic, args);
  }

  /** The Kafka topic the streaming pipeline reads: {@code --inputTopic}, else the source topic. */
  public String inputTopic(TopicPipelineOptions options) {
    return TopicKafka.inputTopic(topic, options);
  }

  /** The consumer group the streaming pipeline commits its read offsets to. */
  public String consumerGroup(TopicPipelineOptions options) {
    return TopicKafka.consumerGroup(topic, options);
  }

  /** The graph chain on any source of raw records. */
  public GraphResult buildGraph(PCollection<RawRecord> records, GraphOptions options) {
    return TopicPipeline.buildGraph(TopicPipeline.mapping(topic, options), records, options);
  }
}
