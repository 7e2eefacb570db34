package io.rtgraph.pipelines.it;

import io.rtgraph.launcher.Launch;
import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.launcher.RunOptions;
import io.rtgraph.launcher.SourceBacklog;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A job launched as the launcher launches it ({@link Launch#prepare}, then the pipeline's run) and
 * supervised until it exits by itself: the exit code and what the launcher printed, which also goes
 * to the test's output.
 */
record SupervisedRun(int exit, String printed) {

  /** Starts the pipeline; called after {@link Launch#prepare} has checked the flags and topics. */
  interface Start {
    PipelineResult run() throws Exception;
  }

  static SupervisedRun of(String label, RunOptions options, Start start) throws Exception {
    return of(label, options, null, start);
  }

  /**
   * As {@link #of(String, RunOptions, Start)}, also watching the backlog of the topic job's input
   * topic and consumer group, as the launcher does for {@code --exitAfterIdle}.
   */
  static SupervisedRun watchingSource(String label, TopicPipelineOptions options, Start start)
      throws Exception {
    return of(
        label,
        options,
        new SourceBacklog(
            options.getBootstrapServers(),
            KafkaClientProperties.none(),
            options.getInputTopic(),
            options.getConsumerGroup()),
        start);
  }

  private static SupervisedRun of(
      String label, RunOptions options, @Nullable SourceBacklog source, Start start)
      throws Exception {
    Launch launch = Launch.prepare(options);
    PipelineResult result = start.run();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(tee(System.out, printed), true, StandardCharsets.UTF_8);
    PipelineSupervisor supervisor = new PipelineSupervisor(label, out);
    if (source != null) {
      supervisor = supervisor.watchingSource(source);
    }
    int exit;
    try {
      exit = supervisor.supervise(result, launch.job(result), options);
    } catch (RuntimeException | Error e) {
      // The supervisor stops the job when it returns; when it throws, the job still runs.
      try {
        result.cancel();
      } catch (IOException | RuntimeException cancel) {
        e.addSuppressed(cancel);
      }
      throw e;
    }
    return new SupervisedRun(exit, printed.toString(StandardCharsets.UTF_8));
  }

  private static OutputStream tee(OutputStream first, OutputStream second) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        first.write(b);
        second.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        first.write(bytes, offset, length);
        second.write(bytes, offset, length);
      }
    };
  }
}
