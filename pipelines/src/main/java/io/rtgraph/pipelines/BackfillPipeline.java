package io.rtgraph.pipelines;

import io.rtgraph.launcher.Launcher;
import io.rtgraph.model.IsoInstants;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.BackfillOptions;
import io.rtgraph.transforms.iceberg.ReadArchive;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * The backfill of one source topic ({@code --sourceTopic}): a batch pipeline that reads the topic's
 * raw archive for {@code [--from, --to)} and runs the same graph chain as the streaming pipeline
 * into the same sinks (by default the graph topics and tables; never the archive itself). Since
 * updates are CRDTs, replaying a range that the streaming job already covered changes nothing in
 * the materialized graph.
 */
public final class BackfillPipeline {
  private BackfillPipeline() {}

  /** Parses the flags, launches, and supervises the backfill (see {@link Launcher}). */
  public static void main(String[] args) {
    Launcher.of(
            "backfill",
            BackfillOptions.class,
            options -> options.getSourceTopic() + " backfill",
            BackfillPipeline::run)
        .main(args);
  }

  /** Checks the sinks' topics and tables, builds the backfill and launches it. */
  public static PipelineResult run(BackfillOptions options) {
    SourceTopic topic = SourceTopic.fromTopicName(options.getSourceTopic());
    TopicPipeline.mapping(
        topic, options); // a bad mapping fails here, before any topic or table is touched
    TopicSinks.prepare(topic, options, sinks(options), false);
    return create(options).run();
  }

  public static Pipeline create(BackfillOptions options) {
    SourceTopic topic = SourceTopic.fromTopicName(options.getSourceTopic());
    Set<Sink> sinks = sinks(options);
    if (sinks.contains(Sink.ARCHIVE)) {
      throw new IllegalArgumentException(
          "--sinks: a backfill reads the archive and cannot write it");
    }
    options.setSinks(String.join(",", sinks.stream().map(Sink::flagName).toList()));
    Pipeline pipeline = Pipeline.create(options);
    PCollection<RawRecord> records =
        pipeline.apply(
            "ReadArchive",
            ReadArchive.of(
                TopicIceberg.warehouse(options),
                TopicIceberg.archiveTable(topic, options),
                instant("from", options.getFrom()),
                instant("to", options.getTo())));
    TopicSinks.publish(
        topic,
        TopicPipeline.buildGraph(TopicPipeline.mapping(topic, options), records, options),
        options,
        sinks);
    return pipeline;
  }

  private static Set<Sink> sinks(BackfillOptions options) {
    return TopicSinks.of(options, TopicSinks.BACKFILL_DEFAULT);
  }

  private static Instant instant(String flag, String value) {
    try {
      return IsoInstants.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + flag + ": " + e.getMessage(), e);
    }
  }
}
