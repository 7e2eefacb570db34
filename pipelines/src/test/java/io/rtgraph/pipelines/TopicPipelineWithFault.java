package io.rtgraph.pipelines;

import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * A topic's streaming pipeline as {@link TopicPipelines#run} launches it, with a fault plugged in
 * on the raw records between the Kafka source and the graph chain: the seam that the chain's input
 * offers, so that production code carries no test flag.
 */
public final class TopicPipelineWithFault {
  private TopicPipelineWithFault() {}

  /** Checks the topics and tables, builds the pipeline with {@code fault} and launches it. */
  public static PipelineResult run(
      SourceTopic topic,
      TopicPipelineOptions options,
      PTransform<PCollection<RawRecord>, PCollection<RawRecord>> fault) {
    Set<Sink> sinks = TopicSinks.of(options, TopicSinks.STREAMING_DEFAULT);
    TopicSinks.prepare(topic, options, sinks, true);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<RawRecord> records =
        pipeline
            .apply("ReadSourceTopic", TopicKafka.source(topic, options))
            .apply("InjectFault", fault);
    TopicSinks.publish(
        topic, TopicPipelines.of(topic).buildGraph(records, options), options, sinks);
    return pipeline.run();
  }
}
