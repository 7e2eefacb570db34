package io.rtgraph.pipelines.launch;

import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * What each topic pipeline's {@code main} does: parse and validate the flags, prepare the runner,
 * launch, and supervise until the job ends or, with {@code --exitAfterIdle}, is drained. The exit
 * code is 0 for a job that finished or was stopped drained, 2 for a launch refused over a bad flag,
 * topic or file, and otherwise {@link PipelineSupervisor}'s: 1 failed, 3 failing or restarting
 * when quiet, 4 read nothing while its source held records, 5 the drain failed.
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
    PipelineSupervisor supervisor =
        new PipelineSupervisor(label, System.out)
            .watchingSource(
                new SourceBacklog(
                    options.getBootstrapServers(),
                    KafkaClientProperties.fromFile(options.getKafkaClientProperties()),
                    pipeline.inputTopic(options),
                    pipeline.consumerGroup(options)));
    System.exit(supervisor.supervise(result, launch.job(result), options));
  }
}
