package io.rtgraph.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.rtgraph.tools.cli.Flags;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The population the harness draws its events from: --accounts and --accountSkew. */
public class BenchPopulationArgsTest {
  private static Bench parse(String... args) {
    Bench bench = new Bench();
    CommandLine line = Flags.commandLine(bench, "bench");
    line.parseArgs(args);
    return bench;
  }

  @Test
  public void withoutTheFlagsTwentyThousandSkewedAccounts() {
    Bench bench = parse();
    assertThat(bench.accounts, is(20_000));
    assertThat(bench.accountSkew, is(1.1));
  }

  @Test
  public void takesTheAccountsInEitherSpelling() {
    assertThat(parse("--accounts=2000000").accounts, is(2_000_000));
    assertThat(parse("--account-skew=0").accountSkew, is(0.0));
  }

  @Test
  public void aValueThatIsNotANumberNamesTheFlag() {
    ParameterException e =
        assertThrows(ParameterException.class, () -> parse("--accounts=two-million"));
    assertThat(e.getMessage(), containsString("--accounts"));
  }

  @Test
  public void noAccountsIsRefusedByName() {
    ParameterException e = assertThrows(ParameterException.class, () -> parse("--accounts=0"));
    assertThat(e.getMessage(), containsString("--accounts must be at least 1, not 0"));
  }

  @Test
  public void aNegativeSkewIsRefusedByName() {
    ParameterException e = assertThrows(ParameterException.class, () -> parse("--accountSkew=-1"));
    assertThat(e.getMessage(), containsString("--accountSkew must be 0 (uniform) or more"));
  }
}
