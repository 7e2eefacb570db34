package io.rtgraph.tools.query;

import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.transforms.GraphResult;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.iceberg.PublishToIceberg;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.joda.time.Duration;
import picocli.CommandLine;

/**
 * The query tool's tests: graph update tables filled through the real Iceberg sink, and the tool
 * run as its command line with what it printed.
 */
final class QueryTables {
  private QueryTables() {}

  /**
   * Writes the updates to the update tables with the topic jobs' Iceberg sink, on the DirectRunner.
   */
  static void publish(GraphWarehouse warehouse, List<GraphUpdate> updates) {
    Pipeline pipeline =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    GraphResult.of(
            pipeline.apply(
                "Updates", Create.of(updates).withCoder(ModelCoder.of(GraphUpdate.class))),
            pipeline.apply("NoDeadLetters", Create.empty(ModelCoder.of(DeadLetter.class))),
            null)
        .apply(
            "PublishToIceberg",
            PublishToIceberg.to(
                warehouse,
                GraphUpdateTables.DEFAULT_NODE_TABLE,
                GraphUpdateTables.DEFAULT_EDGE_TABLE,
                Duration.standardSeconds(1)));
    pipeline.run().waitUntilFinish();
  }

  /** What the query tool printed and its exit code. */
  record Result(int exit, String out, String err) {}

  static Result query(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = QueryGraph.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    for (CommandLine sub : line.getSubcommands().values()) {
      sub.setOut(new PrintWriter(out));
      sub.setErr(new PrintWriter(err));
    }
    int exit = line.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
