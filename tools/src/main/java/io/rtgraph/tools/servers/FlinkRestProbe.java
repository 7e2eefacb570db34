package io.rtgraph.tools.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The two REST calls that tell whether a cluster is up: its overview and its TaskManagers. */
final class FlinkRestProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final String restAddress;
  // HTTP/1.1: the REST server does not speak HTTP/2, and the upgrade attempt only costs time.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();

  FlinkRestProbe(String restAddress) {
    this.restAddress = restAddress;
  }

  FlinkOverview overview() throws IOException {
    JsonNode json = get("/overview");
    return new FlinkOverview(
        json.path("taskmanagers").asInt(),
        json.path("slots-total").asInt(),
        json.path("slots-available").asInt(),
        json.path("jobs-running").asInt(),
        json.path("jobs-finished").asInt(),
        json.path("jobs-cancelled").asInt(),
        json.path("jobs-failed").asInt(),
        json.path("flink-version").asText(""));
  }

  /** The resource ids of the registered TaskManagers. */
  Set<String> taskManagerIds() throws IOException {
    Set<String> ids = new HashSet<>();
    for (JsonNode taskManager : get("/taskmanagers").path("taskmanagers")) {
      ids.add(taskManager.path("id").asText());
    }
    return ids;
  }

  private JsonNode get(String path) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + restAddress + path))
            .timeout(REQUEST_TIMEOUT)
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
