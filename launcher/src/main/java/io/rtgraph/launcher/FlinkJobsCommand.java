package io.rtgraph.launcher;

import io.rtgraph.transforms.FlagDurations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code scripts/flink-jobs.sh} and {@code scripts/stop-with-savepoint.sh}: the topic jobs on a
 * Flink cluster, as its REST API reports them, and stopping one with a savepoint.
 */
@Command(
    name = "flink-jobs",
    // Every subcommand inherits --help and --version.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    subcommands = {
      FlinkJobsCommand.ListJobs.class,
      FlinkJobsCommand.CheckSlots.class,
      FlinkJobsCommand.AwaitRunning.class,
      FlinkJobsCommand.StopWithSavepoint.class
    },
    description =
        "Lists the jobs of a Flink cluster, checks that it can run more, waits until submitted ones run,"
            + " or stops one with a savepoint.")
public final class FlinkJobsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FlinkJobsCommand()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose list, check-slots, await-running or stop-with-savepoint");
  }

  /** The cluster a subcommand works on: its REST address. */
  static final class Cluster {
    @Option(
        names = "--rest",
        required = true,
        description = "the cluster's REST address, host:port")
    String rest;

    FlinkRest client() {
      return new FlinkRest(rest);
    }
  }

  /** The job name of a topic's pipeline (as in runner-configs/topics/), or the name as given. */
  static String jobName(String topicOrJob) {
    return topicOrJob.startsWith("member.")
        ? "rtgraph-" + topicOrJob.replace('.', '-')
        : topicOrJob;
  }

  @Command(
      name = "list",
      description =
          "Lists the jobs with their tasks (running of those not finished), parallelism and checkpoints, and"
              + " flags a running job whose tasks do not all run or whose checkpoints fail; exit code 4 when any is flagged.")
  static final class ListJobs implements Callable<Integer> {
    /** The exit code when a running job is flagged. */
    static final int NEEDS_ATTENTION = 4;

    @Mixin Cluster cluster;

    @Override
    public Integer call() throws IOException {
      FlinkRest flink = cluster.client();
      FlinkRest.Slots slots = flink.slots();
      System.out.printf(
          "%-34s %-10s %-13s %11s %11s %8s %8s  %s%n",
          "job",
          "state",
          "tasks running",
          "parallelism",
          "checkpoints",
          "failed",
          "restored",
          "id");
      List<String> flags = new ArrayList<>();
      for (FlinkRest.Job job : flink.jobs()) {
        FlinkRest.Checkpoints checkpoints = flink.checkpoints(job.id());
        FlinkRest.Tasks tasks = flink.tasks(job.id());
        boolean running = "RUNNING".equals(job.state());
        System.out.printf(
            "%-34s %-10s %-13s %11d %11d %8d %8d  %s%n",
            job.name(),
            running && !tasks.allRunning() ? "RUNNING(!)" : job.state(),
            running ? tasks.running() + "/" + tasks.unfinished() : "-",
            tasks.slotsNeeded(),
            checkpoints.completed(),
            checkpoints.failed(),
            checkpoints.restored(),
            job.id());
        if (running) {
          flags.addAll(problems(flink, job, tasks, slots));
        }
      }
      System.out.printf("slots: %d of %d free%n", slots.available(), slots.total());
      flags.forEach(flag -> System.out.println("(!) " + flag));
      return flags.isEmpty() ? 0 : NEEDS_ATTENTION;
    }

    /** What makes a job that Flink calls RUNNING do less than its full work. */
    private static List<String> problems(
        FlinkRest flink, FlinkRest.Job job, FlinkRest.Tasks tasks, FlinkRest.Slots slots)
        throws IOException {
      List<String> problems = new ArrayList<>();
      if (!tasks.allRunning()) {
        problems.add(
            job.name()
                + ": "
                + tasks.notRunning()
                + (tasks.waitingForSlots() ? "; " + slotsLine(tasks, slots) : ""));
      }
      flink
          .checkpointProblem(job.id())
          .ifPresent(problem -> problems.add(job.name() + ": checkpoints failing: " + problem));
      return problems;
    }
  }

  static String slotsLine(FlinkRest.Tasks tasks, FlinkRest.Slots slots) {
    return tasks.slotsNeeded() > slots.total()
        ? "the job needs "
            + tasks.slotsNeeded()
            + " slot(s), more than the cluster's "
            + slots.total()
        : "the job needs "
            + tasks.slotsNeeded()
            + " slot(s), the cluster has "
            + slots.available()
            + " of "
            + slots.total()
            + " free";
  }

  @Command(
      name = "check-slots",
      description =
          "Fails, naming each job and the slots it needs, when the cluster has fewer free slots than the jobs"
              + " about to be submitted need together, or when one of them already runs.")
  static final class CheckSlots implements Callable<Integer> {
    @Mixin Cluster cluster;

    @Parameters(
        paramLabel = "JOB=SLOTS",
        arity = "1..*",
        description =
            "each job to submit with the slots it needs (its --parallelism), e.g. rtgraph-member-playback=2")
    Map<String, Integer> jobs = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
      FlinkRest flink = cluster.client();
      List<String> running = new ArrayList<>();
      for (String name : jobs.keySet()) {
        flink.runningJob(name).ifPresent(job -> running.add(name + " (" + job.id() + ")"));
      }
      if (!running.isEmpty()) {
        System.err.printf(
            "already running on %s: %s; stop them first (scripts/stop-with-savepoint.sh)%n",
            cluster.rest, String.join(", ", running));
        return 1;
      }
      int needed = jobs.values().stream().mapToInt(Integer::intValue).sum();
      FlinkRest.Slots slots = flink.slots();
      if (needed > slots.available()) {
        StringBuilder each = new StringBuilder();
        jobs.forEach(
            (name, count) ->
                each.append(each.length() == 0 ? "" : ", ").append(name).append(' ').append(count));
        System.err.printf(
            "not enough free task slots on %s: the jobs need %d (%s), the cluster has %d of %d free;"
                + " start the cluster with more (scripts/flink-cluster.sh start --slots N, or --task-managers N)%n",
            cluster.rest, needed, each, slots.available(), slots.total());
        return 1;
      }
      return 0;
    }
  }

  @Command(
      name = "await-running",
      description =
          "Waits until every task of each named job runs; fails naming the job and the reason when one does"
              + " not within the timeout, or fails or stops before.")
  static final class AwaitRunning implements Callable<Integer> {
    /** States a job does not leave by itself: waiting longer cannot make its tasks run. */
    private static final Set<String> TERMINAL_STATES =
        Set.of("FAILED", "CANCELED", "CANCELLING", "FINISHED", "SUSPENDED");

    @Mixin Cluster cluster;

    @Option(
        names = "--timeout",
        defaultValue = "3m",
        description = "how long to wait for each job, e.g. 180s or 3m (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(
        names = {"--submittedAfter", "--submitted-after"},
        defaultValue = "0",
        description =
            "ignore jobs of the same name started before this time, in epoch milliseconds")
    long submittedAfter;

    @Parameters(
        paramLabel = "JOB",
        arity = "1..*",
        description = "job names, e.g. rtgraph-member-live")
    List<String> names;

    @Override
    public Integer call() throws IOException {
      FlinkRest flink = cluster.client();
      Duration wait = Duration.ofMillis(FlagDurations.parse("--timeout", timeout).getMillis());
      for (String name : names) {
        Optional<String> failure = awaitRunning(flink, name, wait);
        if (failure.isPresent()) {
          System.err.println(name + ": " + failure.get());
          return 1;
        }
        System.out.printf("%s: every task is RUNNING%n", name);
      }
      return 0;
    }

    /** Empty when every task of the job runs; else why not. */
    private Optional<String> awaitRunning(FlinkRest flink, String name, Duration wait)
        throws IOException {
      long deadline = System.nanoTime() + wait.toNanos();
      FlinkRest.Job job = null;
      FlinkRest.Tasks tasks = null;
      while (System.nanoTime() < deadline) {
        job = flink.newestJob(name, submittedAfter).orElse(null);
        if (job != null) {
          String state = flink.state(job.id());
          if (TERMINAL_STATES.contains(state)) {
            return Optional.of(
                "the job is "
                    + state
                    + (state.equals("FINISHED")
                        ? ""
                        : ": "
                            + flink.latestFailure(job.id()).orElse("Flink reports no exception")));
          }
          tasks = flink.tasks(job.id());
          if ("RUNNING".equals(state) && tasks.allRunning()) {
            return Optional.empty();
          }
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
      if (job == null) {
        return Optional.of(
            "no job of this name appeared on "
                + cluster.rest
                + " within "
                + timeout
                + " (see the submission's output above)");
      }
      String reason =
          tasks == null ? "its tasks are unknown" : tasks.notRunning() + " after " + timeout;
      if (tasks != null && tasks.waitingForSlots()) {
        reason += "; " + slotsLine(tasks, flink.slots());
      }
      Optional<String> failure = flink.latestFailure(job.id());
      return Optional.of(reason + failure.map(cause -> "; last failure: " + cause).orElse(""));
    }
  }

  @Command(
      name = "stop-with-savepoint",
      description =
          "Stops a running job with a savepoint, keeping its buffered state, and prints the savepoint's path.")
  static final class StopWithSavepoint implements Callable<Integer> {
    @Mixin Cluster cluster;

    @Parameters(paramLabel = "TOPIC_OR_JOB", description = "e.g. member.playback, or a job name")
    String job;

    @Option(
        names = {"--targetDir", "--target-dir"},
        description = "where to write the savepoint (default: the cluster's state.savepoints.dir)")
    String targetDir;

    @Option(names = "--record", description = "also write the savepoint's path to this file")
    Path record;

    @Option(
        names = "--drain",
        description =
            "flush every open merge buffer before stopping (for a job that will not be resumed)")
    boolean drain;

    @Override
    public Integer call() throws IOException {
      FlinkRest flink = cluster.client();
      String name = jobName(job);
      FlinkRest.Job running = flink.runningJob(name).orElse(null);
      if (running == null) {
        System.err.printf("no running job named %s on %s%n", name, cluster.rest);
        return 3;
      }
      System.out.printf("Stopping %s (%s) with a savepoint...%n", name, running.id());
      String location =
          flink.stopWithSavepoint(running.id(), targetDir, drain, Duration.ofMinutes(5));
      System.out.printf(
          "Savepoint: %s%nResume with: scripts/run-pipeline.sh %s flink-cluster --savepointPath=%s%n",
          location, job.startsWith("member.") ? job : "<topic>", location);
      if (record != null) {
        Files.createDirectories(record.toAbsolutePath().getParent());
        Files.writeString(record, location + "\n");
      }
      return 0;
    }
  }
}
