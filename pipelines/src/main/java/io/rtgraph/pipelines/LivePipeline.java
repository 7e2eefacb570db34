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
 * The pipeline of the {@code member.live} topic. Live events: the live events members join; enriched from the live-events catalog.
 *
 * <p>It reads the topic from Kafka, builds the graph, publishes graph updates and dead letters back
 * to Kafka, appends the updates to the Iceberg graph tables and every source record to the topic's
 * raw archive. Step names are the operator ids a Flink savepoint restores: keep them stable.
 */
public final class LivePipeline {
  public static final SourceTopic TOPIC = SourceTopic.LIVE;

  private LivePipeline() {}

  /** Parses the flags, launches, and supervises the job (see {@link TopicPipelines#main}). */
  public static void main(String[] args) {
    TopicPipelines.LIVE.main(args);
  }

  /** Checks the topics and tables, builds the pipeline and launches it. */
  public static PipelineResult run(TopicPipelineOptions options) {
    TopicSinks.prepare(TOPIC, options, TopicSinks.of(options, TopicSinks.STREAMING_DEFAULT), true);
    return create(options).run();
  }

  /** The whole pipeline, from the source topic to the sinks {@code --sinks} chooses, unlaunched. */
  public static Pipeline create(TopicPipelineOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    PCollection<RawRecord> records =
        pipeline.apply("ReadLiveTopic", TopicKafka.source(TOPIC, options));
    TopicSinks.publish(
        TOPIC, buildGraph(records, options), options, TopicSinks.of(options, TopicSinks.STREAMING_DEFAULT));
    return pipeline;
  }

  /** This topic's graph chain, applied to any source of raw records: Kafka, the archive, a test. */
  public static GraphResult buildGraph(PCollection<RawRecord> records, GraphOptions options) {
    return records.apply(
        "BuildLiveGraph",
        TopicGraph.chain(TOPIC, options)
            .withCatalogs(
                TopicGraph.catalogs(options)
                    .withLiveEvents(options.getLiveEventsCatalog())));
  }
}
