package io.rtgraph.tools.servers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import io.rtgraph.tools.cli.Flags.ToolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real session cluster in child JVMs: its REST API and web UI, a killed and restarted TM. */
public class LocalFlinkClusterIT {
  /** How long a change may take to show in the REST API before the test fails. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkClusterIT.class);

  private final TemporaryFolder folder = new TemporaryFolder();
  private final StartedServers servers = new StartedServers();

  /** The servers stop before their data directories are deleted. */
  @Rule public final RuleChain rules = RuleChain.outerRule(folder).around(servers);

  @Test
  public void clusterServesRestAndWebUiAndSurvivesAKilledTaskManager() throws Exception {
    Path dir = folder.newFolder("flink").toPath();
    long startedAt = System.nanoTime();
    LocalFlinkCluster cluster =
        started(LocalFlinkCluster.builder().dataDir(dir).taskManagers(1).slotsPerTaskManager(2));
    LOG.info(
        "Flink cluster with 1 TaskManager x 2 slots started in {} ms",
        Duration.ofNanos(System.nanoTime() - startedAt).toMillis());

    FlinkOverview overview = cluster.overview();
    assertThat(overview.taskManagers(), equalTo(1));
    assertThat(overview.slotsTotal(), equalTo(2));
    assertThat(overview.jobsRunning(), equalTo(0));
    assertThat(overview.flinkVersion(), equalTo("1.19.0"));

    assertThat(cluster.restAddress(), startsWith("127.0.0.1:"));
    String restPort = cluster.restAddress().substring("127.0.0.1:".length());
    assertThat(read(dir.resolve("rest.address")), equalTo(cluster.restAddress()));
    assertThat(
        read(dir.resolve("jobmanager.pid")), equalTo(Long.toString(cluster.jobManagerPid())));
    assertThat(
        read(dir.resolve("taskmanager-0.pid")),
        equalTo(Long.toString(cluster.taskManagerPids().get(0))));
    String conf = Files.readString(dir.resolve("conf/flink-conf.yaml"));
    assertThat(conf, containsString("taskmanager.numberOfTaskSlots: 2\n"));
    assertThat(conf, containsString("rest.port: " + restPort + "\n"));
    assertThat(conf, containsString("state.checkpoints.dir: file://" + cluster.checkpointsDir()));
    assertThat(Files.isDirectory(cluster.checkpointsDir()), is(true));
    assertThat(Files.size(dir.resolve("log/jobmanager.log")), greaterThan(0L));
    assertThat(Files.size(dir.resolve("log/taskmanager-0.log")), greaterThan(0L));

    HttpResponse<String> webUi = get(cluster, "/");
    assertThat(webUi.statusCode(), equalTo(200));
    assertThat(webUi.headers().firstValue("content-type").orElse(""), containsString("text/html"));
    assertThat(webUi.body().toLowerCase(), containsString("<html"));

    // The data directory holds a running cluster: a second one from it is refused.
    ToolException twice =
        assertThrows(ToolException.class, () -> started(LocalFlinkCluster.builder().dataDir(dir)));
    assertThat(twice.getMessage(), containsString("already running"));

    // kill -9 of the only TaskManager: the JobManager notices and drops it and its slots.
    long killedPid = cluster.taskManagerPids().get(0);
    cluster.killTaskManager(0);
    assertThat(isAlive(killedPid), is(false));
    assertThat(cluster.isTaskManagerRunning(0), is(false));
    FlinkOverview afterKill =
        awaitOverview(cluster, o -> o.taskManagers() == 0 && o.slotsTotal() == 0);
    assertThat(afterKill.slotsAvailable(), equalTo(0));

    long restartedAt = System.nanoTime();
    cluster.startTaskManager(0);
    LOG.info(
        "Flink TaskManager 0 restarted in {} ms",
        Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());
    long newPid = cluster.taskManagerPids().get(0);
    assertThat(newPid, not(equalTo(killedPid)));
    assertThat(isAlive(newPid), is(true));
    FlinkOverview afterRestart = cluster.overview();
    assertThat(afterRestart.taskManagers(), equalTo(1));
    assertThat(afterRestart.slotsTotal(), equalTo(2));
    assertThat(read(dir.resolve("taskmanager-0.pid")), equalTo(Long.toString(newPid)));
    assertThrows(IllegalStateException.class, () -> cluster.startTaskManager(0));

    List<Long> pids = new ArrayList<>(cluster.taskManagerPids());
    pids.add(cluster.jobManagerPid());
    cluster.stop();
    assertThat(pids, everyItem(is(not(alive()))));
    assertThat(Files.exists(dir.resolve("jobmanager.pid")), is(false));
    assertThat(Files.exists(dir.resolve("taskmanager-0.pid")), is(false));
    assertThat(Files.exists(dir.resolve("rest.address")), is(false));
    assertThat(cluster.isRunning(), is(false));
    cluster.stop();
  }

  @Test
  public void failedStartStopsWhatItStartedAndReportsTheLogs() throws Exception {
    Path dir = folder.newFolder("broken").toPath();
    Path missingJar = dir.resolve("no-such-flink.jar");
    ToolException failed =
        assertThrows(
            ToolException.class,
            () ->
                started(LocalFlinkCluster.builder().dataDir(dir).classpath(missingJar.toString())));
    assertThat(failed.getMessage(), containsString("failed to start"));
    // Whichever process fails first (the JobManager or the TaskManager) names its console output.
    assertThat(
        failed.getMessage(),
        matchesPattern(
            "(?s).*\\.out:\nError: Could not find or load main class org\\.apache\\.flink\\..*"));
    assertThat(Files.exists(dir.resolve("jobmanager.pid")), is(false));
    assertThat(Files.exists(dir.resolve("taskmanager-0.pid")), is(false));
    assertThat(LocalServer.runningChildren(dir).values(), hasSize(0));
  }

  private LocalFlinkCluster started(LocalFlinkCluster.Builder builder) {
    return servers.start(builder::start);
  }

  /** Polls the overview until it satisfies the condition, failing after the deadline. */
  private static FlinkOverview awaitOverview(
      LocalFlinkCluster cluster, Predicate<FlinkOverview> condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    FlinkOverview last = null;
    while (System.nanoTime() < deadline) {
      last = cluster.overview();
      if (condition.test(last)) {
        return last;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    fail(
        "the overview of "
            + cluster.restAddress()
            + " did not change as expected within "
            + DEADLINE.toSeconds()
            + " s; last: "
            + last);
    return last;
  }

  private static HttpResponse<String> get(LocalFlinkCluster cluster, String path) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(cluster.webUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static org.hamcrest.Matcher<Long> alive() {
    return new org.hamcrest.TypeSafeMatcher<>() {
      @Override
      protected boolean matchesSafely(Long pid) {
        return isAlive(pid);
      }

      @Override
      public void describeTo(org.hamcrest.Description description) {
        description.appendText("the pid of a live process");
      }
    };
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file).trim();
  }
}
