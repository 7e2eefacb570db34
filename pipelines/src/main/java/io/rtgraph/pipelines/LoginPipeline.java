package io.rtgraph.pipelines;

import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.transforms.GraphResult;
import org.apache.beam.sdk.values.PCollection;

/** The pipeline of the {@code member.login} topic. */
public final class LoginPipeline {
  public static final SourceTopic TOPIC = SourceTopic.LOGIN;

  private LoginPipeline() {}

  /** This topic's graph chain, applied to any source of raw records: Kafka, the archive, a test. */
  public static GraphResult buildGraph(PCollection<RawRecord> records, GraphOptions options) {
    return records.apply(
        "BuildLoginGraph",
        TopicGraph.chain(TOPIC, options));
  }
}
