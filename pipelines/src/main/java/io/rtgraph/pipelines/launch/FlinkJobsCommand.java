package io.rtgraph.pipelines.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts/flink-jobs.sh} and {@code scripts/stop-with-savepoint.sh}: the topic jobs on a
 * Flink cluster, as its REST API reports them, and stopping one with a savepoint.
 */
@Command(
    name = "flink-jobs",
    mixinStandardHelpOptions = true,
    subcommands = {FlinkJobsCommand.ListJobs.class, FlinkJobsCommand.StopWithSavepoint.class},
    description = "Lists the jobs of a Flink cluster, or stops one with a savepoint.")
public final class FlinkJobsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FlinkJobsCommand()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose list or stop-with-savepoint");
  }

  /** The job name of a topic's pipeline (as in runner-configs/topics/), or the name as given. */
  static String jobName(String topicOrJob) {
    return topicOrJob.startsWith("member.") ? "rtgraph-" + topicOrJob.replace('.', '-') : topicOrJob;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the jobs with their parallelism and checkpoints.")
  static final class ListJobs implements Callable<Integer> {
    @Option(names = "--rest", required = true, description = "the cluster's REST address, host:port")
    String rest;

    @Override
    public Integer call() throws IOException {
      FlinkRest flink = new FlinkRest(rest);
      System.out.printf("%-34s %-10s %-32s %11s %11s %8s %8s%n", "job", "state", "id", "parallelism", "checkpoints", "failed", "restored");
      for (FlinkRest.Job job : flink.jobs()) {
        FlinkRest.Checkpoints checkpoints = flink.checkpoints(job.id());
        System.out.printf("%-34s %-10s %-32s %11d %11d %8d %8d%n", job.name(), job.state(), job.id(),
            flink.parallelism(job.id()), checkpoints.completed(), checkpoints.failed(), checkpoints.restored());
      }
      return 0;
    }
  }

  @Command(name = "stop-with-savepoint", mixinStandardHelpOptions = true,
      description = "Stops a running job with a savepoint, keeping its buffered state, and prints the savepoint's path.")
  static final class StopWithSavepoint implements Callable<Integer> {
    @Option(names = "--rest", required = true, description = "the cluster's REST address, host:port")
    String rest;

    @Parameters(paramLabel = "TOPIC_OR_JOB", description = "e.g. member.playback, or a job name")
    String job;

    @Option(names = "--target-dir", description = "where to write the savepoint (default: the cluster's state.savepoints.dir)")
    String targetDir;

    @Option(names = "--record", description = "also write the savepoint's path to this file")
    Path record;

    @Option(names = "--drain", description = "flush every open merge buffer before stopping (for a job that will not be resumed)")
    boolean drain;

    @Override
    public Integer call() throws IOException {
      FlinkRest flink = new FlinkRest(rest);
      String name = jobName(job);
      FlinkRest.Job running = flink.runningJob(name).orElse(null);
      if (running == null) {
        System.err.printf("no running job named %s on %s%n", name, rest);
        return 3;
      }
      System.out.printf("Stopping %s (%s) with a savepoint...%n", name, running.id());
      String location = flink.stopWithSavepoint(running.id(), targetDir, drain, Duration.ofMinutes(5));
      System.out.printf("Savepoint: %s%nResume with: scripts/run-pipeline.sh %s flink-cluster --savepointPath=%s%n",
          location, job.startsWith("member.") ? job : "<topic>", location);
      if (record != null) {
        Files.createDirectories(record.toAbsolutePath().getParent());
        Files.writeString(record, location + "\n");
      }
      return 0;
    }
  }
}
