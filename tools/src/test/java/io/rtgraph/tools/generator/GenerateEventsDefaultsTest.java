package io.rtgraph.tools.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.tools.cli.Flags;
import java.util.Map;
import org.joda.time.Duration;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The defaults of {@code generate-events}, written out by hand: what the help prints, what a run
 * without the flags uses, and what the generator's builder starts from. A default moved in one
 * place and not the others fails here.
 */
public class GenerateEventsDefaultsTest {
  /** Each flag whose help names its default, and the default it names. */
  private static final Map<String, String> HELP_DEFAULTS =
      Map.ofEntries(
          Map.entry("--to", "kafka"),
          Map.entry("--topics", "all four"),
          Map.entry("--end", "now"),
          Map.entry("--bootstrapServers", "localhost:9092"),
          Map.entry("--partitions", "3"),
          Map.entry("--eventsPerTopic", "5000"),
          Map.entry("--accounts", "500"),
          Map.entry("--accountSkew", "1.1"),
          Map.entry("--seed", "42"),
          Map.entry("--spanSeconds", "600"),
          Map.entry("--oversizedBytes", "1048577"),
          Map.entry("--no-example", "true"),
          Map.entry("--maxRecordBytes", "1048576"),
          Map.entry("--heartbeatShare", "0.15"),
          Map.entry("--testTrafficShare", "0.02"),
          Map.entry("--redeliveryShare", "0.03"),
          Map.entry("--outOfOrderShare", "0.1"),
          Map.entry("--lateShare", "0.01"),
          Map.entry("--malformedShare", "0.02"));

  /** The flags of the shares of trouble, and the share each parses to without the flag. */
  private static final Map<String, Double> SHARE_DEFAULTS =
      Map.of(
          "--heartbeatShare", 0.15,
          "--testTrafficShare", 0.02,
          "--redeliveryShare", 0.03,
          "--outOfOrderShare", 0.10,
          "--lateShare", 0.01,
          "--malformedShare", 0.02);

  private final CommandLine line = GenerateEvents.commandLine();
  private final CommandSpec spec = line.getCommandSpec();

  @Test
  public void theHelpPrintsEachDefault() {
    assertThat(Flags.printedDefaults(spec), equalTo(HELP_DEFAULTS));
  }

  @Test
  public void aRunWithoutTheFlagsUsesTheDefaults() {
    line.parseArgs();
    GenerateEvents command = line.getCommand();
    assertThat(command.to, equalTo("kafka"));
    assertThat(command.kafka.bootstrapServers, equalTo("localhost:9092"));
    assertThat(command.partitions, equalTo(3));
    assertThat(command.eventsPerTopic, equalTo(5000));
    assertThat(command.accounts, equalTo(500));
    assertThat(command.accountSkew, equalTo(1.1));
    assertThat(command.seed, equalTo(42L));
    assertThat(command.end, equalTo(null));
    assertThat(command.spanSeconds, equalTo(600L));
    assertThat(command.oversizedBytes, equalTo(1048577));
    assertThat(command.example, equalTo(true));
    assertThat(command.maxRecordBytes, equalTo(1048576L));
    SHARE_DEFAULTS.forEach(
        (flag, share) -> assertThat(flag, spec.findOption(flag).getValue(), equalTo(share)));
  }

  @Test
  public void theGeneratorStartsFromTheSameValues() {
    GeneratorConfig config = GeneratorConfig.builder().build();
    assertThat(config.seed(), equalTo(42L));
    assertThat(config.accounts(), equalTo(500));
    assertThat(config.accountSkew(), equalTo(1.1));
    assertThat(config.eventsPerTopic(), equalTo(5000));
    assertThat(config.span(), equalTo(Duration.standardSeconds(600)));
    assertThat(config.oversizedBytes(), equalTo(1048577));
    assertThat(config.crossDeviceExample(), equalTo(true));
    assertThat(config.heartbeatShare(), equalTo(0.15));
    assertThat(config.testTrafficShare(), equalTo(0.02));
    assertThat(config.redeliveryShare(), equalTo(0.03));
    assertThat(config.outOfOrderShare(), equalTo(0.10));
    assertThat(config.lateShare(), equalTo(0.01));
    assertThat(config.malformedShare(), equalTo(0.02));
  }
}
