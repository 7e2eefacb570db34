package io.rtgraph.pipelines;

import io.rtgraph.launcher.Launcher;
import io.rtgraph.launcher.SourceBacklog;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.GraphResult;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The pipeline of any source topic, from its mapping file ({@code --topicMapping}) and its flags:
 * it reads the topic from Kafka, builds the graph by the mapping, publishes graph updates and dead
 * letters back to Kafka, appends the updates to the Iceberg graph tables and every source record to
 * the topic's raw archive.
 *
 * <p>Step names are the operator ids a Flink savepoint restores. They come from the mapping's
 * {@code stepName}: {@code Read<stepName>Topic} and {@code Build<stepName>Graph}, the names the
 * hand-written pipeline classes of the four Netflix topics used, which now only call this one.
 */
public final class TopicPipeline {
  private TopicPipeline() {}

  /** Launches the topic that {@code --topicMapping} maps (see {@link #launch}). */
  public static void main(String[] args) {
    launch(null, args);
  }

  /**
   * Parses the flags, launches, and supervises the job (see {@link Launcher}), watching the input
   * topic's backlog for its consumer group. {@code topic} is null for the generic entry point,
   * which takes the topic from the {@code --topicMapping} file; a mapping file with faults is
   * refused like a bad flag (exit 2), each fault named with its file and line.
   */
  static void launch(@Nullable SourceTopic topic, String[] args) {
    Function<GraphOptions, CompiledMapping> mappingOf = readOncePerLaunch(topic);
    Launcher.of(
            topic == null ? "topic" : topic.topicName(),
            TopicPipelineOptions.class,
            options -> mappingOf.apply(options).topic(),
            options -> run(mappingOf.apply(options), options))
        .watchingSource(
            options -> {
              CompiledMapping mapping = mappingOf.apply(options);
              return new SourceBacklog(
                  options.getBootstrapServers(),
                  KafkaClientProperties.fromFile(options.getKafkaClientProperties()),
                  inputTopic(mapping, options),
                  consumerGroup(mapping, options));
            })
        .main(args);
  }

  /**
   * The launcher asks for the mapping three times (the job name, the pipeline, the backlog watch):
   * a mapping file is read, checked and compiled on the first ask only.
   */
  private static Function<GraphOptions, CompiledMapping> readOncePerLaunch(
      @Nullable SourceTopic topic) {
    Map<String, CompiledMapping> byFile = new HashMap<>();
    return options ->
        byFile.computeIfAbsent(
            Objects.toString(options.getTopicMapping(), ""), file -> mapping(topic, options));
  }

  /**
   * The mapping of the topic: {@code --topicMapping} when given (checked against {@code topic} when
   * that is known), else the one shipped for {@code topic}.
   */
  public static CompiledMapping mapping(@Nullable SourceTopic topic, GraphOptions options) {
    return TopicMappings.resolve(topic, options.getTopicMapping());
  }

  /** Checks the topics and tables, builds the pipeline and launches it. */
  public static PipelineResult run(CompiledMapping mapping, TopicPipelineOptions options) {
    TopicSinks.prepare(
        topicOf(mapping), options, TopicSinks.of(options, TopicSinks.STREAMING_DEFAULT), true);
    return create(mapping, options).run();
  }

  /** The whole pipeline, from the source topic to the sinks {@code --sinks} chooses, unlaunched. */
  public static Pipeline create(CompiledMapping mapping, TopicPipelineOptions options) {
    SourceTopic topic = topicOf(mapping);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<RawRecord> records =
        pipeline.apply(
            "Read" + mapping.mapping().stepName() + "Topic", TopicKafka.source(topic, options));
    TopicSinks.publish(
        topic,
        buildGraph(mapping, records, options),
        options,
        TopicSinks.of(options, TopicSinks.STREAMING_DEFAULT));
    return pipeline;
  }

  /** The topic's graph chain, applied to any source of raw records: Kafka, the archive, a test. */
  public static GraphResult buildGraph(
      CompiledMapping mapping, PCollection<RawRecord> records, GraphOptions options) {
    return records.apply(
        "Build" + mapping.mapping().stepName() + "Graph", TopicGraph.chain(mapping, options));
  }

  /** The Kafka topic the streaming pipeline reads: {@code --inputTopic}, else the source topic. */
  public static String inputTopic(CompiledMapping mapping, TopicPipelineOptions options) {
    return TopicKafka.inputTopic(topicOf(mapping), options);
  }

  /** The consumer group the streaming pipeline commits its read offsets to. */
  public static String consumerGroup(CompiledMapping mapping, TopicPipelineOptions options) {
    return TopicKafka.consumerGroup(topicOf(mapping), options);
  }

  static SourceTopic topicOf(CompiledMapping mapping) {
    return SourceTopic.of(mapping.topic());
  }
}
