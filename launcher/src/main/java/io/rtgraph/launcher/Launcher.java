package io.rtgraph.launcher;

import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a pipeline's {@code main} does: parse and validate the flags, prepare the runner ({@link
 * Launch}), launch, and supervise until the job ends or, with {@code --exitAfterIdle}, is drained.
 * The exit code is 0 for a job that finished or was stopped drained, 2 for a launch refused over a
 * bad flag, topic or file, and otherwise {@link PipelineSupervisor}'s: 1 failed, 3 failing or
 * restarting when quiet, 4 read nothing while its source held records, 5 the drain failed.
 */
public final class Launcher<T extends RunOptions> {
  private final String name;
  private final Class<T> optionsType;
  private final Function<T, String> label;
  private final Function<T, PipelineResult> run;
  private final Function<T, @Nullable SourceBacklog> source;

  private Launcher(
      String name,
      Class<T> optionsType,
      Function<T, String> label,
      Function<T, PipelineResult> run,
      Function<T, @Nullable SourceBacklog> source) {
    this.name = name;
    this.optionsType = optionsType;
    this.label = label;
    this.run = run;
    this.source = source;
  }

  /**
   * Launches with {@code run}; {@code name} prefixes the output until the flags are read, {@code
   * label} after.
   */
  public static <T extends RunOptions> Launcher<T> of(
      String name,
      Class<T> optionsType,
      Function<T, String> label,
      Function<T, PipelineResult> run) {
    return new Launcher<>(name, optionsType, label, run, options -> null);
  }

  /**
   * Also tells a job that has read nothing from one whose source is empty: the supervisor reports
   * the first as stuck (see {@link SourceBacklog}).
   */
  public Launcher<T> watchingSource(Function<T, @Nullable SourceBacklog> backlog) {
    return new Launcher<>(name, optionsType, label, run, backlog);
  }

  /** Launches and supervises, then exits the JVM with the code the class comment lists. */
  public void main(String[] args) {
    T options;
    Launch launch;
    PipelineResult result;
    String runLabel = name;
    try {
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(optionsType);
      runLabel = label.apply(options);
      launch = Launch.prepare(options);
      System.out.printf(
          "[%s] launching on %s%s%n",
          runLabel,
          options.getRunner().getSimpleName(),
          launch.flinkRestAddress() == null
              ? ""
              : " (Flink REST API and web UI: http://" + launch.flinkRestAddress() + ")");
      result = run.apply(options);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      // A bad flag, a missing topic or file: the message says which; a stack trace would bury it.
      System.err.printf("[%s] cannot launch: %s%n", name, e.getMessage());
      System.exit(2);
      return;
    }
    PipelineSupervisor supervisor = new PipelineSupervisor(runLabel, System.out);
    SourceBacklog backlog = source.apply(options);
    if (backlog != null) {
      supervisor = supervisor.watchingSource(backlog);
    }
    System.exit(supervisor.supervise(result, launch.job(result), options));
  }
}
