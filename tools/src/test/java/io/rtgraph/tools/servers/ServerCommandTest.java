package io.rtgraph.tools.servers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;
import picocli.CommandLine;

/** Both servers' commands without a server: what they report and exit with when none runs. */
@RunWith(Parameterized.class)
public class ServerCommandTest {
  @Parameters(name = "{0}")
  public static List<Server> servers() {
    return List.of(
        new Server(LocalKafka.KIND, LocalKafka::builder, List.of("broker.pid"), "--sasl"),
        new Server(
            LocalFlinkCluster.KIND,
            LocalFlinkCluster::builder,
            List.of("jobmanager.pid", "taskmanager-0.pid", "taskmanager-1.pid", "rest.address"),
            "--slot"));
  }

  /**
   * A row: a server's kind and builder, the run files it leaves in its data directory (the pid file
   * first), and a flag of its own to misspell.
   */
  record Server(
      ServerCommand.Kind kind,
      Supplier<LocalServer.Builder<?>> builder,
      List<String> runFiles,
      String misspeltFlag) {
    /** A fresh command and builder for each run, since a run parses its flags into them. */
    CommandLine commandLine() {
      return ServerCommand.commandLine(kind, "", builder.get());
    }

    String pidFile() {
      return runFiles.get(0);
    }

    /** The command's name is its tests' name. */
    @Override
    public String toString() {
      return kind.command();
    }
  }

  @Parameter public Server server;

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  public void statusOfNoServerExitsThree() throws Exception {
    Path dir = folder.newFolder("server").toPath();
    assertThat(run("status", "--data-dir", dir.toString()), equalTo(3));
    assertThat(out.toString(), containsString("not running"));
  }

  @Test
  public void stopOfNoServerSucceedsAndRemovesStaleRunFiles() throws Exception {
    Path dir = folder.newFolder("server").toPath();
    writeStaleRunFiles(dir);
    Files.writeString(dir.resolve(server.pidFile()), "not a pid\n");
    assertThat(run("stop", "--data-dir", dir.toString()), equalTo(0));
    assertThat(out.toString(), containsString("not running"));
    for (String file : server.runFiles()) {
      assertThat(file, Files.exists(dir.resolve(file)), equalTo(false));
    }
  }

  @Test
  public void aPidFileOfAnotherProcessIsNotTheServer() throws Exception {
    Path dir = folder.newFolder("server").toPath();
    // This JVM is alive but carries no marker of the data directory.
    Files.writeString(dir.resolve(server.pidFile()), ProcessHandle.current().pid() + "\n");
    assertThat(run("status", "--data-dir", dir.toString()), equalTo(3));
  }

  @Test
  public void takesThePipelinesCamelCaseFlagNamesWithTheKebabCaseOnesAsAliases() throws Exception {
    for (String flag : List.of("--dataDir=", "--data-dir=")) {
      Path dir = folder.newFolder(flag.replace("=", "")).toPath();
      writeStaleRunFiles(dir);
      assertThat(run("stop", flag + dir), equalTo(0));
      assertThat(
          flag + " named the directory",
          Files.exists(dir.resolve(server.pidFile())),
          equalTo(false));
    }
  }

  @Test
  public void missingSubcommandIsAUsageError() {
    assertThat(run(), equalTo(2));
    assertThat(err.toString(), containsString("start, stop or status"));
  }

  @Test
  public void unknownFlagIsNamed() {
    assertThat(run("start", server.misspeltFlag(), "2"), equalTo(2));
    assertThat(err.toString(), containsString("Unknown options: '" + server.misspeltFlag() + "'"));
  }

  private void writeStaleRunFiles(Path dir) throws Exception {
    for (String file : server.runFiles()) {
      Files.writeString(
          dir.resolve(file), file.endsWith(".pid") ? Long.MAX_VALUE + "\n" : "127.0.0.1:1\n");
    }
  }

  private int run(String... args) {
    CommandLine line = server.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }
}
