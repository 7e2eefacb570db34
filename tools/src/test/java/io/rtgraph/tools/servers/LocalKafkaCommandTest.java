package io.rtgraph.tools.servers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** The command without a broker: what it reports and exits with when none runs. */
public class LocalKafkaCommandTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  public void statusOfNoBrokerExitsThree() throws Exception {
    Path dir = folder.newFolder("kafka").toPath();
    assertThat(run("status", "--data-dir", dir.toString()), equalTo(3));
    assertThat(out.toString(), containsString("not running"));
  }

  @Test
  public void stopOfNoBrokerSucceedsAndRemovesAStalePidFile() throws Exception {
    Path dir = folder.newFolder("kafka").toPath();
    Files.writeString(dir.resolve("broker.pid"), Long.MAX_VALUE + "\n");
    assertThat(run("stop", "--data-dir", dir.toString()), equalTo(0));
    assertThat(Files.exists(dir.resolve("broker.pid")), equalTo(false));
  }

  @Test
  public void takesThePipelinesCamelCaseFlagNamesWithTheKebabCaseOnesAsAliases() throws Exception {
    Path camel = folder.newFolder("camel").toPath();
    Files.writeString(camel.resolve("broker.pid"), Long.MAX_VALUE + "\n");
    assertThat(run("stop", "--dataDir=" + camel), equalTo(0));
    assertThat(
        "--dataDir named the directory", Files.exists(camel.resolve("broker.pid")), equalTo(false));
    Path kebab = folder.newFolder("kebab").toPath();
    Files.writeString(kebab.resolve("broker.pid"), Long.MAX_VALUE + "\n");
    assertThat(run("stop", "--data-dir=" + kebab), equalTo(0));
    assertThat(
        "--data-dir named the directory",
        Files.exists(kebab.resolve("broker.pid")),
        equalTo(false));
  }

  @Test
  public void missingSubcommandIsAUsageError() {
    assertThat(run(), equalTo(2));
    assertThat(err.toString(), containsString("start, stop or status"));
  }

  @Test
  public void unknownOptionIsNamed() {
    assertThat(run("start", "--sasl"), equalTo(2));
    assertThat(err.toString(), containsString("--sasl"));
  }

  private int run(String... args) {
    CommandLine command = LocalKafkaCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }
}
