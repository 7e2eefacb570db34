package io.rtgraph.pipelines.launch;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicPipeline;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.mapping.CompiledMapping;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What each topic pipeline's {@code main} does: parse and validate the flags, prepare the runner,
 * launch, and supervise until the job ends or, with {@code --exitAfterIdle}, is drained. The exit
 * code is 0 for a job that finished or was stopped drained, 2 for a launch refused over a bad flag,
 * topic or file, and otherwise {@link PipelineSupervisor}'s: 1 failed, 3 failing or restarting
 * when quiet, 4 read nothing while its source held records, 5 the drain failed. A mapping file
 * with faults is refused like a bad flag, each fault named with its file and line.
 */
public final class TopicLauncher {
  private TopicLauncher() {}

  /**
   * Launches the topic's pipeline; {@code topic} is null for the generic entry point, which takes
   * the topic from the {@code --topicMapping} file.
   */
  public static void main(@Nullable SourceTopic topic, String[] args) {
    String label = topic == null ? "topic" : topic.topicName();
    PipelineResult result;
    Launch launch;
    TopicPipelineOptions options;
    CompiledMapping mapping;
    try {
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(TopicPipelineOptions.class);
      mapping = TopicPipeline.mapping(topic, options);
      label = mapping.topic();
      launch = Launch.prepare(options);
      System.out.printf("[%s] launching on %s%s%n", label, options.getRunner().getSimpleName(),
          launch.flinkRestAddress() == null ? "" : " (Flink REST API and web UI: http://" + launch.flinkRestAddress() + ")");
      result = TopicPipeline.run(mapping, options);
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
                    TopicPipeline.inputTopic(mapping, options),
                    TopicPipeline.consumerGroup(mapping, options)));
    System.exit(supervisor.supervise(result, launch.job(result), options));
  }
}
