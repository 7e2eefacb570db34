package io.rtgraph.pipelines.it;

import io.rtgraph.launcher.Launch;
import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.launcher.RunOptions;
import io.rtgraph.launcher.SourceBacklog;
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

  /** Supervises the job; with {@code source}, also watching that topic's backlog. */
  static <T extends RunOptions> SupervisedRun of(
      String label, T options, @Nullable SourceBacklog source, Start start) throws Exception {
    Launch launch = Launch.prepare(options);
    PipelineResult result = start.run();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(tee(System.out, printed), true, StandardCharsets.UTF_8);
    PipelineSupervisor supervisor = new PipelineSupervisor(label, out);
    if (source != null) {
      supervisor = supervisor.watchingSource(source);
    }
    int exit = supervisor.supervise(result, launch.job(result), options);
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
