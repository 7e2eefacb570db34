package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.GraphResult;
import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes a topic's graph result to the sinks {@code --sinks} chooses, under step names that stay
 * the same whichever are chosen, and prepares their topics and tables before launch.
 */
final class TopicSinks {
  static final Set<Sink> STREAMING_DEFAULT = EnumSet.allOf(Sink.class);
  static final Set<Sink> BACKFILL_DEFAULT = EnumSet.of(Sink.KAFKA, Sink.GRAPH_TABLES);

  private TopicSinks() {}

  static Set<Sink> of(TopicPipelineOptions options, Set<Sink> defaults) {
    return Sink.parse(options.getSinks(), defaults);
  }

  static void publish(
      SourceTopic topic, GraphResult graph, TopicPipelineOptions options, Set<Sink> sinks) {
    if (sinks.contains(Sink.KAFKA)) {
      graph.apply("PublishToKafka", TopicKafka.sink(topic, options));
    }
    if (sinks.contains(Sink.GRAPH_TABLES)) {
      graph.apply("PublishToIceberg", TopicIceberg.graphSink(options));
    }
    PCollection<io.rtgraph.model.ArchivedRecord> archive = graph.archive();
    if (sinks.contains(Sink.ARCHIVE) && archive != null) {
      archive.apply("ArchiveToIceberg", TopicIceberg.archiveSink(topic, options));
    }
  }

  /** Before launch: client settings readable, topics and tables in place. */
  static void prepare(
      SourceTopic topic, TopicPipelineOptions options, Set<Sink> sinks, boolean readsKafka) {
    TopicKafka.prepareTopics(topic, options, readsKafka, sinks.contains(Sink.KAFKA));
    if (sinks.contains(Sink.GRAPH_TABLES) || sinks.contains(Sink.ARCHIVE)) {
      TopicIceberg.prepareTables(topic, options, sinks);
    }
  }
}
