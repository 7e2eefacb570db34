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

/** The command without a cluster: what it reports and exits with when none runs. */
public class LocalFlinkClusterCommandTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  public void statusOfNoClusterExitsThree() throws Exception {
    Path dir = folder.newFolder("flink").toPath();
    assertThat(run("status", "--data-dir", dir.toString()), equalTo(3));
    assertThat(out.toString(), containsString("not running"));
  }

  @Test
  public void stopOfNoClusterSucceedsAndRemovesStaleRunFiles() throws Exception {
    Path dir = folder.newFolder("flink").toPath();
    Files.writeString(dir.resolve("jobmanager.pid"), Long.MAX_VALUE + "\n");
    Files.writeString(dir.resolve("taskmanager-0.pid"), Long.MAX_VALUE + "\n");
    Files.writeString(dir.resolve("taskmanager-1.pid"), "not a pid\n");
    Files.writeString(dir.resolve("rest.address"), "127.0.0.1:1\n");
    assertThat(run("stop", "--data-dir", dir.toString()), equalTo(0));
    assertThat(out.toString(), containsString("not running"));
    for (String file :
        new String[] {"jobmanager.pid", "taskmanager-0.pid", "taskmanager-1.pid", "rest.address"}) {
      assertThat(file, Files.exists(dir.resolve(file)), equalTo(false));
    }
  }

  @Test
  public void aPidFileOfAnotherProcessIsNotTheCluster() throws Exception {
    Path dir = folder.newFolder("flink").toPath();
    // This JVM is alive but carries no marker of the data directory.
    Files.writeString(dir.resolve("jobmanager.pid"), ProcessHandle.current().pid() + "\n");
    assertThat(run("status", "--data-dir", dir.toString()), equalTo(3));
  }

  @Test
  public void missingSubcommandIsAUsageError() {
    assertThat(run(), equalTo(2));
    assertThat(err.toString(), containsString("start, stop or status"));
  }

  @Test
  public void unknownOptionIsNamed() {
    assertThat(run("start", "--slot", "2"), equalTo(2));
    assertThat(err.toString(), containsString("--slot"));
  }

  private int run(String... args) {
    CommandLine command = LocalFlinkClusterCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }
}
