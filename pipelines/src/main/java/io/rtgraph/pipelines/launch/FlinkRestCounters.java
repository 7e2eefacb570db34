package io.rtgraph.pipelines.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.transforms.GraphMetrics;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a running Flink job's counters from Flink's REST API.
 *
 * <p>Beam's Flink runner hands metrics to the pipeline result only when the job ends; while it
 * runs they live in Flink's metric system, as {@code <step>.rtgraph_<counter>} per operator. This
 * finds the job by name, lists the metrics of each vertex and sums the project's counters over
 * subtasks and steps.
 */
public final class FlinkRestCounters implements JobCounters {
  private static final String PREFIX = GraphMetrics.NAMESPACE + "_";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String restAddress;
  private final String jobName;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private @Nullable String jobId;

  public FlinkRestCounters(String restAddress, String jobName) {
    this.restAddress = restAddress.startsWith("http") ? restAddress : "http://" + restAddress;
    this.jobName = jobName;
  }

  @Override
  public CounterSnapshot read() {
    try {
      String id = jobId();
      if (id == null) {
        return CounterSnapshot.of(Map.of());
      }
      Map<String, Long> counters = new HashMap<>();
      for (JsonNode vertex : get("/jobs/" + id).path("vertices")) {
        String vertexPath = "/jobs/" + id + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
        List<String> ours = new ArrayList<>();
        for (JsonNode metric : get(vertexPath)) {
          String metricId = metric.path("id").asText();
          if (metricId.contains("." + PREFIX)) {
            ours.add(metricId);
          }
        }
        if (ours.isEmpty()) {
          continue;
        }
        String query = "?agg=sum&get=" + URLEncoder.encode(String.join(",", ours), StandardCharsets.UTF_8);
        for (JsonNode value : get(vertexPath + query)) {
          String metricId = value.path("id").asText();
          String name = metricId.substring(metricId.lastIndexOf("." + PREFIX) + PREFIX.length() + 1);
          counters.merge(name, (long) value.path("sum").asDouble(), Long::sum);
        }
      }
      return CounterSnapshot.of(counters);
    } catch (IOException e) {
      return CounterSnapshot.of(Map.of()); // not up yet, or already gone: the caller keeps the last
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CounterSnapshot.of(Map.of());
    }
  }

  /** The id of the newest running job with the name, once it exists. */
  public @Nullable String jobId() throws IOException, InterruptedException {
    if (jobId == null) {
      long newest = -1;
      for (JsonNode job : get("/jobs/overview").path("jobs")) {
        if (jobName.equals(job.path("name").asText())
            && "RUNNING".equals(job.path("state").asText())
            && job.path("start-time").asLong() > newest) {
          newest = job.path("start-time").asLong();
          jobId = job.path("jid").asText();
        }
      }
    }
    return jobId;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(restAddress + path)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }
}
