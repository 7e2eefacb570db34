package io.rtgraph.pipelines;

import io.rtgraph.launcher.Launcher;
import io.rtgraph.launcher.SourceBacklog;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.GraphResult;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;

/** The pipeline class of each source topic, for code that handles every topic alike. */
public enum TopicPipelines {
  PLAYBACK(SourceTopic.PLAYBACK, PlaybackPipeline::create, PlaybackPipeline::buildGraph),
  LOGIN(SourceTopic.LOGIN, LoginPipeline::create, LoginPipeline::buildGraph),
  GAMEPLAY(SourceTopic.GAMEPLAY, GameplayPipeline::create, GameplayPipeline::buildGraph),
  LIVE(SourceTopic.LIVE, LivePipeline::create, LivePipeline::buildGraph);

  private final SourceTopic topic;
  private final Function<TopicPipelineOptions, Pipeline> create;
  private final BiFunction<PCollection<RawRecord>, GraphOptions, GraphResult> buildGraph;

  TopicPipelines(
      SourceTopic topic,
      Function<TopicPipelineOptions, Pipeline> create,
      BiFunction<PCollection<RawRecord>, GraphOptions, GraphResult> buildGraph) {
    this.topic = topic;
    this.create = create;
    this.buildGraph = buildGraph;
  }

  public static TopicPipelines of(SourceTopic topic) {
    return valueOf(topic.name());
  }

  public SourceTopic topic() {
    return topic;
  }

  /** The streaming pipeline, unlaunched; see each class's {@code create}. */
  public Pipeline create(TopicPipelineOptions options) {
    return create.apply(options);
  }

  /** Checks the topics and tables and launches the streaming pipeline, as the class's {@code run} does. */
  public org.apache.beam.sdk.PipelineResult run(TopicPipelineOptions options) {
    TopicSinks.prepare(topic, options, TopicSinks.of(options, TopicSinks.STREAMING_DEFAULT), true);
    return create(options).run();
  }

  /**
   * The streaming pipeline's {@code main}: parses the flags, launches, and supervises the job (see
   * {@link Launcher}), watching the input topic's backlog for its consumer group.
   */
  public void main(String[] args) {
    String label = topic.topicName();
    Launcher.of(label, TopicPipelineOptions.class, options -> label, this::run)
        .watchingSource(
            options ->
                new SourceBacklog(
                    options.getBootstrapServers(),
                    KafkaClientProperties.fromFile(options.getKafkaClientProperties()),
                    inputTopic(options),
                    consumerGroup(options)))
        .main(args);
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
    return buildGraph.apply(records, options);
  }
}
