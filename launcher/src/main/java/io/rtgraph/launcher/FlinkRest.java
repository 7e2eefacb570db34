package io.rtgraph.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The parts of Flink's REST API that running the topic jobs needs: finding a job by name, reading
 * its counters and checkpoint statistics, and stopping it with a savepoint.
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A job as {@code /jobs/overview} lists it. */
  public record Job(String id, String name, String state, long startTime) {}

  /** Checkpoint counts and the newest completed checkpoint of a job. */
  public record Checkpoints(
      long completed,
      long failed,
      long restored,
      @Nullable String latestPath,
      long latestSizeBytes) {}

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public FlinkRest(String restAddress) {
    this.base = restAddress.startsWith("http") ? restAddress : "http://" + restAddress;
  }

  public List<Job> jobs() throws IOException {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      jobs.add(
          new Job(
              job.path("jid").asText(),
              job.path("name").asText(),
              job.path("state").asText(),
              job.path("start-time").asLong()));
    }
    return jobs;
  }

  /** The newest running job with this name. */
  public Optional<Job> runningJob(String name) throws IOException {
    Job newest = null;
    for (Job job : jobs()) {
      if (job.name().equals(name)
          && "RUNNING".equals(job.state())
          && (newest == null || job.startTime() > newest.startTime())) {
        newest = job;
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * How many times the job has restarted: the failures in its exception history, or Flink's {@code
   * numRestarts} when higher (which some versions let the full-restarts-only count shadow).
   */
  public long restarts(String jobId) throws IOException {
    long failures =
        get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").size();
    long metric = 0;
    for (JsonNode value : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
      metric = value.path("value").asLong();
    }
    return Math.max(failures, metric);
  }

  /**
   * The newest job with this name in any state: a job that is restarting or has failed too, which
   * {@link #runningJob} does not find.
   */
  public Optional<Job> newestJob(String name) throws IOException {
    Job newest = null;
    for (Job job : jobs()) {
      if (job.name().equals(name) && (newest == null || job.startTime() > newest.startTime())) {
        newest = job;
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * Whether every task of the job is up: RUNNING, or FINISHED for the bounded parts of a streaming
   * job (Beam's impulses and side-input sources end once read). None deploying, restarting,
   * cancelling or failed.
   */
  public boolean allTasksUp(String jobId) throws IOException {
    JsonNode vertices = get("/jobs/" + jobId).path("vertices");
    if (vertices.isEmpty()) {
      return false;
    }
    for (JsonNode vertex : vertices) {
      JsonNode counts = vertex.path("tasks");
      int up = counts.path("RUNNING").asInt() + counts.path("FINISHED").asInt();
      if (up != vertex.path("parallelism").asInt()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The newest failure of the job, from {@code /jobs/<id>/exceptions}: the exception history's
   * newest entry (the root cause Flink recorded, with the task it came from), else the root
   * exception. Its first line and its chain of causes ({@code Caused by:}, the root cause last), at
   * most {@code maxLines} lines: a user function's exception is wrapped several times, and the
   * frames between would bury it. Null when the job never failed.
   */
  public @Nullable String latestFailure(String jobId, int maxLines) throws IOException {
    JsonNode exceptions = get("/jobs/" + jobId + "/exceptions");
    JsonNode entries = exceptions.path("exceptionHistory").path("entries");
    String trace;
    String where = "";
    if (entries.size() > 0) {
      JsonNode newest = entries.get(0);
      for (JsonNode entry : entries) {
        if (entry.path("timestamp").asLong() > newest.path("timestamp").asLong()) {
          newest = entry;
        }
      }
      trace = newest.path("stacktrace").asText("");
      String task = newest.path("taskName").asText("");
      where = task.isEmpty() || "null".equals(task) ? "" : " (in " + task + ")";
    } else {
      trace = exceptions.path("root-exception").asText("");
    }
    if (trace.isBlank()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    trace.lines().findFirst().ifPresent(lines::add);
    trace.lines().skip(1).filter(line -> line.startsWith("Caused by:")).forEach(lines::add);
    List<String> shown =
        lines.size() <= maxLines ? lines : lines.subList(lines.size() - maxLines, lines.size());
    return String.join(System.lineSeparator(), shown) + where;
  }

  /** The job's status, for example RUNNING or RESTARTING. */
  public String state(String jobId) throws IOException {
    return get("/jobs/" + jobId).path("state").asText();
  }

  /** The lowest input watermark among the subtasks of each vertex, by vertex name. */
  public Map<String, Long> inputWatermarks(String jobId) throws IOException {
    Map<String, Long> watermarks = new HashMap<>();
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      long lowest = Long.MAX_VALUE;
      for (JsonNode watermark :
          get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/watermarks")) {
        if (watermark.path("id").asText().endsWith("currentInputWatermark")) {
          lowest = Math.min(lowest, watermark.path("value").asLong());
        }
      }
      if (lowest != Long.MAX_VALUE) {
        watermarks.put(vertex.path("name").asText(), lowest);
      }
    }
    return watermarks;
  }

  private JsonNode latestCompletedCheckpoint(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
  }

  /** When the newest completed checkpoint was acknowledged, in epoch millis; 0 when none. */
  public long latestCheckpointAckMillis(String jobId) throws IOException {
    return latestCompletedCheckpoint(jobId).path("latest_ack_timestamp").asLong(0);
  }

  /**
   * When the newest completed checkpoint was triggered, in epoch millis; 0 when none. A checkpoint
   * triggered after a moment holds the state of that moment or later, which its acknowledgement
   * time does not promise: a slow checkpoint can be acknowledged long after it was triggered.
   */
  public long latestCheckpointTriggerMillis(String jobId) throws IOException {
    return latestCompletedCheckpoint(jobId).path("trigger_timestamp").asLong(0);
  }

  /** The state size of each vertex in the newest completed checkpoint, by vertex name. */
  public Map<String, Long> latestCheckpointSizeByVertex(String jobId) throws IOException {
    Map<String, String> names = new HashMap<>();
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      names.put(vertex.path("id").asText(), vertex.path("name").asText());
    }
    long checkpointId =
        get("/jobs/" + jobId + "/checkpoints")
            .path("latest")
            .path("completed")
            .path("id")
            .asLong(-1);
    Map<String, Long> sizes = new HashMap<>();
    if (checkpointId < 0) {
      return sizes;
    }
    JsonNode tasks = get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId).path("tasks");
    tasks
        .fieldNames()
        .forEachRemaining(
            id ->
                sizes.put(
                    names.getOrDefault(id, id),
                    tasks
                        .path(id)
                        .path("state_size")
                        .asLong(tasks.path(id).path("checkpointed_size").asLong())));
    return sizes;
  }

  /** The highest parallelism among the job's vertices. */
  public int parallelism(String jobId) throws IOException {
    int parallelism = 0;
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      parallelism = Math.max(parallelism, vertex.path("parallelism").asInt());
    }
    return parallelism;
  }

  public Checkpoints checkpoints(String jobId) throws IOException {
    JsonNode stats = get("/jobs/" + jobId + "/checkpoints");
    JsonNode counts = stats.path("counts");
    JsonNode latest = stats.path("latest").path("completed");
    return new Checkpoints(
        counts.path("completed").asLong(),
        counts.path("failed").asLong(),
        counts.path("restored").asLong(),
        latest.isMissingNode() || latest.isNull()
            ? null
            : latest.path("external_path").asText(null),
        latest.path("state_size").asLong(latest.path("checkpointed_size").asLong()));
  }

  /**
   * The job's counters whose metric names contain {@code .<prefix>}, summed over subtasks and
   * steps.
   */
  public Map<String, Long> counters(String jobId, String prefix) throws IOException {
    Map<String, Long> counters = new HashMap<>();
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      String path =
          "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
      List<String> ours = new ArrayList<>();
      for (JsonNode metric : get(path)) {
        String id = metric.path("id").asText();
        if (id.contains("." + prefix)) {
          ours.add(id);
        }
      }
      if (ours.isEmpty()) {
        continue;
      }
      for (JsonNode value :
          get(
              path
                  + "?agg=sum&get="
                  + URLEncoder.encode(String.join(",", ours), StandardCharsets.UTF_8))) {
        String id = value.path("id").asText();
        String name = id.substring(id.lastIndexOf("." + prefix) + prefix.length() + 1);
        counters.merge(name, (long) value.path("sum").asDouble(), Long::sum);
      }
    }
    return counters;
  }

  /**
   * Stops the job with a savepoint. Without draining, buffered state (open merge buffers, unfired
   * timers) goes into the savepoint, to be restored on resume; with draining, the watermark is
   * advanced to the end first, so every buffer is flushed before the job stops. Returns the
   * savepoint's location.
   */
  public String stopWithSavepoint(
      String jobId, @Nullable String targetDirectory, boolean drain, Duration timeout)
      throws IOException {
    ObjectNode body = JSON.createObjectNode().put("drain", drain);
    if (targetDirectory != null) {
      body.put("targetDirectory", targetDirectory);
    }
    String trigger = post("/jobs/" + jobId + "/stop", body.toString()).path("request-id").asText();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
          throw new IOException(
              "the savepoint of job "
                  + jobId
                  + " failed: "
                  + operation
                      .path("failure-cause")
                      .path("stack-trace")
                      .asText()
                      .lines()
                      .findFirst()
                      .orElse("unknown cause"));
        }
        return operation.path("location").asText();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    throw new IOException("the savepoint of job " + jobId + " did not complete within " + timeout);
  }

  /** The newest job with this name in any state, submitted at or after {@code notBeforeMillis}. */
  public Optional<Job> newestJob(String name, long notBeforeMillis) throws IOException {
    Job newest = null;
    for (Job job : jobs()) {
      if (job.name().equals(name)
          && job.startTime() >= notBeforeMillis
          && (newest == null || job.startTime() > newest.startTime())) {
        newest = job;
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The cluster's task slots: all of them, and those no job holds. */
  public record Slots(int total, int available) {}

  public Slots slots() throws IOException {
    JsonNode overview = get("/overview");
    return new Slots(
        overview.path("slots-total").asInt(), overview.path("slots-available").asInt());
  }

  /**
   * A job's tasks (the subtasks of all its vertices) counted by execution state, and the slots it
   * needs: the highest vertex parallelism, since Beam's operators share one slot group. A FINISHED
   * task is done, not stuck: a bounded input (a side input read once, a subtask without a split)
   * ends while the job streams on.
   */
  public record Tasks(Map<String, Integer> byState, int slotsNeeded) {
    public int total() {
      return byState.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int running() {
      return byState.getOrDefault("RUNNING", 0);
    }

    /** The tasks that still have work: all but the FINISHED ones. */
    public int unfinished() {
      return total() - byState.getOrDefault("FINISHED", 0);
    }

    public boolean allRunning() {
      return running() > 0 && running() == unfinished();
    }

    /** Whether some task has no slot yet (CREATED or SCHEDULED). */
    public boolean waitingForSlots() {
      return byState.getOrDefault("CREATED", 0) + byState.getOrDefault("SCHEDULED", 0) > 0;
    }

    /** For example {@code 3 of 5 tasks not RUNNING (3 CREATED)}. */
    public String notRunning() {
      StringBuilder states = new StringBuilder();
      byState.forEach(
          (state, count) -> {
            if (!"RUNNING".equals(state) && !"FINISHED".equals(state)) {
              states
                  .append(states.length() == 0 ? "" : ", ")
                  .append(count)
                  .append(' ')
                  .append(state);
            }
          });
      return (unfinished() - running())
          + " of "
          + unfinished()
          + " tasks not RUNNING ("
          + states
          + ")";
    }
  }

  public Tasks tasks(String jobId) throws IOException {
    Map<String, Integer> byState = new java.util.TreeMap<>();
    int slotsNeeded = 0;
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      slotsNeeded = Math.max(slotsNeeded, vertex.path("parallelism").asInt());
      vertex
          .path("tasks")
          .fields()
          .forEachRemaining(
              state -> {
                if (state.getValue().asInt() > 0) {
                  byState.merge(state.getKey(), state.getValue().asInt(), Integer::sum);
                }
              });
    }
    return new Tasks(byState, slotsNeeded);
  }

  /**
   * Why the job's checkpoints are failing now, if they are: the newest checkpoint attempt failed,
   * or none has completed for three checkpoint intervals while some failed. The second case matters
   * because a checkpoint that cannot even be triggered (Flink triggers one only when every task
   * runs) is counted as failed but leaves no entry, and no message, in the checkpoint statistics.
   */
  public Optional<String> checkpointProblem(String jobId) throws IOException {
    JsonNode stats = get("/jobs/" + jobId + "/checkpoints");
    long failed = stats.path("counts").path("failed").asLong();
    if (failed == 0) {
      return Optional.empty();
    }
    JsonNode latestFailed = stats.path("latest").path("failed");
    long completedAt =
        stats.path("latest").path("completed").path("latest_ack_timestamp").asLong(0);
    if (latestFailed.isObject() && latestFailed.path("failure_timestamp").asLong(0) > completedAt) {
      return Optional.of(
          failed
              + " checkpoint(s) failed, the newest since the last completed one: "
              + latestFailed.path("failure_message").asText("no failure message"));
    }
    long interval = get("/jobs/" + jobId + "/checkpoints/config").path("interval").asLong(0);
    long since = completedAt > 0 ? completedAt : get("/jobs/" + jobId).path("start-time").asLong();
    long quietMillis = System.currentTimeMillis() - since;
    if (interval > 0 && quietMillis > 3 * interval) {
      return Optional.of(
          failed
              + " checkpoint(s) failed and none completed for "
              + quietMillis / 1000
              + " s (the interval is "
              + interval / 1000
              + " s); a checkpoint that could not be triggered, for"
              + " example because a task is not running, leaves no message");
    }
    return Optional.empty();
  }

  /** The first line of the exception that last failed the job or one of its tasks, if any. */
  public Optional<String> latestFailure(String jobId) throws IOException {
    String root = get("/jobs/" + jobId + "/exceptions").path("root-exception").asText("");
    return root.isBlank() ? Optional.empty() : root.lines().findFirst();
  }

  private JsonNode get(String path) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        path);
  }

  private JsonNode post(String path, String body) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        path);
  }

  private JsonNode send(HttpRequest request, String path) throws IOException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IOException(
            request.method()
                + " "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling " + path, e);
    }
  }
}
