package io.rtgraph.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.List;
import org.junit.Test;

/** Which outputs the harness asks the pipeline for, and how a --flag=--sinks=... overrides it. */
public class BenchOutputArgsTest {
  @Test
  public void withoutAnArchiveTheGraphTopicsAreTheOnlyOutput() {
    assertThat(Bench.Job.outputArgs(null, List.of()), contains("--sinks=kafka"));
  }

  @Test
  public void anArchiveWarehouseAddsTheArchiveCommittedEveryTenSeconds() {
    assertThat(
        Bench.Job.outputArgs("/tmp/w", List.of("--maxBundleSize=5000")),
        contains(
            "--sinks=kafka,archive",
            "--icebergWarehouse=/tmp/w",
            "--icebergCommitIntervalSeconds=10"));
  }

  @Test
  public void aSinksFlagReplacesTheHarnessChoiceSoThatBeamSeesItOnce() {
    assertThat(
        Bench.Job.outputArgs("/tmp/w", List.of("--sinks=kafka,archive,graph-tables")),
        contains("--icebergWarehouse=/tmp/w", "--icebergCommitIntervalSeconds=10"));
  }
}
