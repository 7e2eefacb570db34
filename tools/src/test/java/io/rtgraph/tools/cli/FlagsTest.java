package io.rtgraph.tools.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The tools' shared flag parsing: both spellings, and errors that name the flag. */
public class FlagsTest {
  @Command(name = "tool", subcommands = Sub.class)
  static final class Tool implements Callable<Integer> {
    @Option(names = "--eventsPerTopic", defaultValue = "5")
    int eventsPerTopic;

    @Option(names = "--output-dir")
    String outputDir;

    @Option(names = "--seed")
    Long seed;

    @Option(names = "--no-example", negatable = true, defaultValue = "true")
    boolean example;

    @Option(names = "--fail")
    String fail;

    int partitions = 1;

    /** A checking setter, as a builder's is. */
    @Option(names = "--partitions")
    void partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
      }
      this.partitions = partitions;
    }

    @Override
    public Integer call() {
      if ("tool".equals(fail)) {
        throw new Flags.ToolException(3, "no such thing");
      }
      if ("argument".equals(fail)) {
        throw new IllegalArgumentException("--fail: bad value");
      }
      return 0;
    }
  }

  @Command(name = "sub")
  static final class Sub implements Callable<Integer> {
    @Option(names = "--bootstrapServers")
    String bootstrapServers;

    @Override
    public Integer call() {
      return 0;
    }
  }

  private final StringWriter err = new StringWriter();

  @Test
  public void everyCommandAnswersHelp() {
    StringWriter out = new StringWriter();
    CommandLine line = Flags.commandLine(new Tool(), "tool");
    line.setOut(new PrintWriter(out, true));
    assertThat(line.execute("sub", "--help"), equalTo(0));
    assertThat(out.toString(), containsString("--bootstrapServers, --bootstrap-servers"));
  }

  @Test
  public void aCheckingSetterReportsItsOwnMessage() {
    Tool tool = new Tool();
    assertThat(run(tool, "--partitions=3"), equalTo(0));
    assertThat(tool.partitions, equalTo(3));
    assertThat(run(new Tool(), "--partitions=0"), equalTo(Flags.USAGE));
    assertThat(err.toString(), containsString("tool: partitions must be at least 1, got 0"));
    assertThat(err.toString(), not(containsString("Could not invoke")));
  }

  @Test
  public void camelCaseFlagsTakeTheirKebabCaseAliasAndTheOtherWayRound() {
    Tool camel = new Tool();
    assertThat(run(camel, "--eventsPerTopic=7", "--outputDir", "a"), equalTo(0));
    assertThat(camel.eventsPerTopic, equalTo(7));
    assertThat(camel.outputDir, equalTo("a"));

    Tool kebab = new Tool();
    assertThat(run(kebab, "--events-per-topic", "8", "--output-dir=b"), equalTo(0));
    assertThat(kebab.eventsPerTopic, equalTo(8));
    assertThat(kebab.outputDir, equalTo("b"));
  }

  @Test
  public void subcommandFlagsTakeBothSpellings() {
    for (String flag : new String[] {"--bootstrapServers=h:1", "--bootstrap-servers=h:1"}) {
      CommandLine line = Flags.commandLine(new Tool(), "tool");
      assertThat(line.execute("sub", flag), equalTo(0));
      Sub sub = line.getSubcommands().get("sub").getCommand();
      assertThat(flag, sub.bootstrapServers, equalTo("h:1"));
    }
  }

  @Test
  public void aNegatableFlagKeepsItsOwnForms() {
    Tool tool = new Tool();
    assertThat(run(tool, "--no-example"), equalTo(0));
    assertThat(tool.example, equalTo(false));
  }

  @Test
  public void anUnknownFlagIsAUsageErrorNamingIt() {
    assertThat(run(new Tool(), "--eventsPerTopics=7"), equalTo(Flags.USAGE));
    assertThat(err.toString(), containsString("Unknown option: '--eventsPerTopics=7'"));
  }

  @Test
  public void aFlagWithoutItsValueIsAUsageErrorNamingIt() {
    assertThat(run(new Tool(), "--seed"), equalTo(Flags.USAGE));
    assertThat(err.toString(), containsString("Missing required parameter for option '--seed'"));
  }

  @Test
  public void aValueOfTheWrongTypeIsAUsageErrorNamingTheFlag() {
    assertThat(run(new Tool(), "--events-per-topic=many"), equalTo(Flags.USAGE));
    assertThat(err.toString(), containsString("'many'"));
    assertThat(err.toString(), containsString("--eventsPerTopic"));
  }

  @Test
  public void aToolFailureIsReportedByItsMessageAndExitCode() {
    assertThat(run(new Tool(), "--fail=tool"), equalTo(3));
    assertThat(err.toString(), containsString("tool: no such thing"));
    assertThat(err.toString(), not(containsString("\tat ")));

    assertThat(run(new Tool(), "--fail=argument"), equalTo(Flags.USAGE));
    assertThat(err.toString(), containsString("tool: --fail: bad value"));
  }

  @Test
  public void namesConvertBothWays() {
    assertThat(Flags.camelCase("kafka-client-properties"), equalTo("kafkaClientProperties"));
    assertThat(Flags.kebabCase("kafkaClientProperties"), equalTo("kafka-client-properties"));
    assertThat(Flags.camelCase("seed"), equalTo("seed"));
  }

  private int run(Object command, String... args) {
    CommandLine line = Flags.commandLine(command, "tool");
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }
}
