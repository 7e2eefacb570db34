package io.rtgraph.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runner-specific preparation of a launch, kept out of the pipelines themselves: it decides where
 * the supervisor reads a running job's counters and health from, and how it drains the job.
 *
 * <p>On Flink that is the REST API: the cluster's ({@code --flinkMaster}), or, for the embedded
 * mini-cluster, one on a free port that this class configures through a generated {@code
 * --flinkConfDir} (unless one is given). Other runners report counters through the pipeline result.
 *
 * <p>A job that chooses its state backend ({@code --stateBackend=rocksdb|filesystem} or {@code
 * --stateBackendFactory}) without a storage path checkpoints to {@code .local/flink/checkpoints},
 * the folder of the local cluster; on a real cluster give a durable shared location (HDFS, S3,
 * ...). On the embedded mini-cluster a job that chooses none keeps its state on the heap ({@code
 * filesystem}) and checkpoints there too.
 */
public final class Launch {
  private final @Nullable String flinkRestAddress;
  private final @Nullable String jobName;
  private final @Nullable String savepointDirectory;
  private final String runner;

  private Launch(
      String runner,
      @Nullable String flinkRestAddress,
      @Nullable String jobName,
      @Nullable String savepointDirectory) {
    this.runner = runner;
    this.flinkRestAddress = flinkRestAddress;
    this.jobName = jobName;
    this.savepointDirectory = savepointDirectory;
  }

  /** Prepares the options before the pipeline is created from them. */
  public static Launch prepare(PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    if (!"FlinkRunner".equals(runner)) {
      return new Launch(runner, null, null, null);
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    String master = flink.getFlinkMaster();
    boolean embedded = "[local]".equals(master) || "[auto]".equals(master);
    if (embedded && !choosesStateBackend(flink) && flink.getFlinkConfDir() == null) {
      // Flink's own default keeps checkpoints in the JobManager's memory, capped at 5 MB of state:
      // a merge buffer of any size makes every checkpoint fail. The heap, with files, instead.
      flink.setStateBackend("filesystem");
    }
    if (choosesStateBackend(flink) && flink.getStateBackendStoragePath() == null) {
      // The default checkpoint folder of the local cluster that scripts/flink-cluster.sh starts.
      flink.setStateBackendStoragePath(
          Path.of(".local", "flink", "checkpoints").toAbsolutePath().toUri().toString());
    }
    if (embedded) {
      if (flink.getFlinkConfDir() != null) {
        return new Launch(
            runner, null, null, null); // the user's own configuration: no REST port known here
      }
      int port = freePort();
      flink.setFlinkConfDir(localConfDir(port).toString());
      // The mini-cluster has no savepoint folder of its own: the drain's goes with the checkpoints.
      String savepoints =
          Path.of(".local", "flink", "savepoints").toAbsolutePath().toUri().toString();
      return new Launch(runner, "127.0.0.1:" + port, flink.getJobName(), savepoints);
    }
    // A cluster's own state.savepoints.dir (scripts/flink-cluster.sh sets one).
    return new Launch(runner, master, flink.getJobName(), null);
  }

  /**
   * By name ({@code --stateBackend}) or by factory ({@code --stateBackendFactory}): a job that
   * names a factory has chosen its backend too, and must not be switched to the heap here.
   */
  private static boolean choosesStateBackend(FlinkPipelineOptions flink) {
    return flink.getStateBackend() != null || flink.getStateBackendFactory() != null;
  }

  /**
   * The launched job as the supervisor watches and stops it: on Flink through its REST API, with
   * health and a drain; otherwise through the pipeline result, which can only cancel.
   */
  public SupervisedJob job(PipelineResult result) {
    if (flinkRestAddress == null) {
      return new ResultJob(result, runner);
    }
    return new FlinkRestJob(flinkRestAddress, jobName, result, savepointDirectory);
  }

  public @Nullable String flinkRestAddress() {
    return flinkRestAddress;
  }

  private static Path localConfDir(int restPort) {
    try {
      Path dir = Files.createTempDirectory("rtgraph-flink-conf");
      Files.writeString(
          dir.resolve("flink-conf.yaml"),
          "# Generated for one embedded mini-cluster: its REST API, for progress and the web UI.\n"
              + "rest.port: "
              + restPort
              + "\n"
              + "rest.address: 127.0.0.1\n"
              + "rest.bind-address: 127.0.0.1\n"
              // Counters in the REST API at most a second old (Flink's default is 10 s), for
              // the progress lines and the launcher's idle detection.
              + "metrics.fetcher.update-interval: 1000\n");
      dir.toFile().deleteOnExit();
      dir.resolve("flink-conf.yaml").toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a Flink configuration for the local run", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for Flink's REST API", e);
    }
  }
}
