package io.rtgraph.pipelines.launch;

import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * What each topic pipeline's {@code main} does: parse and validate the flags, prepare the runner,
 * launch, and supervise until the job ends or, with {@code --exitAfterIdle}, is drained. The exit
 * code is 0 for a job that finished or was stopped drained, 1 for a failed one.
 */
public final class TopicLauncher {
  private TopicLauncher() {}

  public static void main(TopicPipelines pipeline, String[] args) {
    String label = pipeline.topic().topicName();
    PipelineResult result;
    Launch launch;
    TopicPipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(TopicPipelineOptions.class);
      launch = Launch.prepare(options);
      System.out.printf("[%s] launching on %s%s%n", label, options.getRunner().getSimpleName(),
          launch.flinkRestAddress() == null ? "" : " (Flink REST API and web UI: http://" + launch.flinkRestAddress() + ")");
      result = pipeline.run(options);
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      // A bad flag, a missing topic or file: the message says which; a stack trace would bury it.
      System.err.printf("[%s] cannot launch: %s%n", label, e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new PipelineSupervisor(label, System.out).supervise(result, launch.counters(result), options));
  }
}
