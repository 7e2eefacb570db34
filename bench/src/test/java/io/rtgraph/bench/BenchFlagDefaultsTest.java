package io.rtgraph.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.tools.cli.Flags;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;

/**
 * The harness's defaults, written out by hand: what the help prints and what a run without the
 * flags measures with.
 */
public class BenchFlagDefaultsTest {
  /** Each flag whose help names its default, and the default it names. */
  private static final Map<String, String> HELP_DEFAULTS =
      Map.of(
          "--events", "2000000",
          "--seconds", "600",
          "--accounts", "20000",
          "--accountSkew", "1.1",
          "--maxOutOfOrderness", "1s");

  private final Bench bench = new Bench();
  private final CommandLine line = Flags.commandLine(bench, "bench");

  @Test
  public void theHelpPrintsEachDefault() {
    assertThat(Flags.printedDefaults(line.getCommandSpec()), equalTo(HELP_DEFAULTS));
  }

  @Test
  public void aRunWithoutTheFlagsUsesTheDefaults() {
    line.parseArgs();
    assertThat(bench.events, equalTo(2_000_000));
    assertThat(bench.rate, equalTo(null));
    assertThat(bench.seconds, equalTo(600));
    assertThat(bench.accounts, equalTo(20_000));
    assertThat(bench.accountSkew, equalTo(1.1));
    assertThat(bench.parallelism, equalTo(2));
    assertThat(bench.partitions, equalTo(4));
    assertThat(bench.dedupWindow, equalTo("10s"));
    assertThat(bench.maxOutOfOrderness, equalTo("1s"));
  }
}
