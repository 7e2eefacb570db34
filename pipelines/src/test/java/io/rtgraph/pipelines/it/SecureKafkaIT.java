package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.tools.servers.LocalKafka;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * A topic job on a real Flink session cluster against a broker whose only client listener is
 * SASL_SSL (SCRAM-SHA-512 over TLS): everything, the test's producer and readers included, goes
 * through {@code --kafkaClientProperties}. The job must build exactly the expected graph and
 * dead-letter exactly the malformed records, commit its consumer group's offsets, and none of the
 * broker's secrets (the SCRAM client password, the keystore and truststore passwords) may appear in
 * the test's or the cluster's logs, the printed options and output, the pipeline's display data, or
 * what Flink's REST API says about the job ({@code /jobs/<id>/config} holds the pipeline options).
 *
 * <p>Each place searched is first shown to hold what it should (the options, display data and job
 * config name the client properties file; the TaskManager's log shows its Kafka clients' SASL_SSL
 * settings, the JAAS config masked), so an empty or wrong source cannot make the test pass.
 */
public class SecureKafkaIT {
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final org.joda.time.Duration DEDUP_WINDOW =
      org.joda.time.Duration.standardSeconds(2);
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Path TEST_LOG = Path.of("target", "test-logs", "tests.log");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.saslSsl();
  @ClassRule public static final FlinkCluster FLINK = new FlinkCluster(1, 4);
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  public void jobOnSaslSslOnlyBrokerBuildsTheGraphAndLeaksNoSecret() throws Exception {
    long started = System.nanoTime();
    LocalKafka kafka = KAFKA.kafka();
    Path clientProperties = kafka.clientPropertiesFile();
    KafkaClientProperties secured = KafkaClientProperties.fromFile(clientProperties.toString());

    // The secrets to look for, and proof that they are real and really in the file the job gets.
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("client password", kafka.clientPassword());
    secrets.put("keystore password", kafka.keystorePassword());
    secrets.put("truststore password", kafka.truststorePassword());
    String clientFile = Files.readString(clientProperties, StandardCharsets.UTF_8);
    secrets.forEach(
        (what, secret) ->
            assertThat(
                "the " + what + " is a real secret", secret.length(), greaterThanOrEqualTo(8)));
    assertThat(
        "the client file holds the SCRAM password",
        clientFile,
        containsString(kafka.clientPassword()));
    assertThat(
        "the client file holds the truststore password",
        clientFile,
        containsString(kafka.truststorePassword()));
    assertThat(
        "the broker's keystore is opened with the keystore password",
        Files.readString(kafka.dataDir().resolve("server.properties"), StandardCharsets.UTF_8),
        containsString("ssl.keystore.password=" + kafka.keystorePassword()));
    Properties client = new Properties();
    client.load(new java.io.StringReader(clientFile));
    assertThat(client.getProperty("security.protocol"), equalTo("SASL_SSL"));
    assertThat(client.getProperty("sasl.mechanism"), equalTo("SCRAM-SHA-512"));
    assertOnlySaslSslClientListener(kafka);

    // Generated events, malformed ones included, produced over SASL_SSL.
    String run = "secure" + System.nanoTime();
    String inputTopic = "it." + run + ".playback";
    String prefix = "graph." + run + ".";
    String group = run + "-playback";
    List<GeneratedRecord> records = generate();
    ProducedRecords produced =
        ProducedRecords.produce(kafka.bootstrapServers(), secured, inputTopic, 3, records);
    Map<String, DeadLetterReason> expectedDeadLetters = produced.expectedDeadLetters();
    assertThat("some records are malformed", expectedDeadLetters.size(), greaterThan(0));

    TopicPipelineOptions options = options(run, inputTopic, clientProperties);
    String printedOptions = options.toString();
    assertThat(
        "the options carry the file's path",
        printedOptions,
        containsString(clientProperties.toString()));
    String displayData = displayData(options);
    assertThat("display data describes the Kafka source", displayData, containsString(inputTopic));
    assertThat(
        "display data names the file, not its contents",
        displayData,
        containsString("kafkaClientProperties=" + clientProperties));

    // Submit to the session cluster; the launch checks and creates topics over SASL_SSL too.
    TopicPipelines.PLAYBACK.run(options);
    FlinkRest rest = new FlinkRest(FLINK.cluster().restAddress());
    String jobName = "rtgraph-" + run + "-playback";
    String jobId =
        Await.until(
            "the job runs", DEADLINE, () -> RestPoll.jobId(rest, jobName), id -> id != null);
    ByteArrayOutputStream printedBytes = new ByteArrayOutputStream();
    PrintStream printed = new PrintStream(printedBytes, true, StandardCharsets.UTF_8);
    try {
      MaterializedGraph expected = ExpectedGraph.of(records, TopicPipelineKafkaIT.MAX_RECORD_BYTES);
      // Drained (offsets committed over SASL_SSL, buffers flushed, sinks quiet), then compared
      // once.
      JobDrain.State drained =
          JobDrain.of(rest, options, secured)
              .await(JobDrain.lastFlush(records, DEDUP_WINDOW), QUIET, DEADLINE);
      assertThat("the job drained: " + drained, drained.drained(), equalTo(true));
      GraphAssertions.assertSameGraph(
          GraphDiff.between(
              expected, PublishedGraph.read(kafka.bootstrapServers(), secured, prefix).graph()));
      assertThat(
          "the dead letters read back over SASL_SSL",
          DeadLetters.reasons(kafka.bootstrapServers(), secured, inputTopic + ".dlq"),
          equalTo(expectedDeadLetters));
      CounterSnapshot counters = RestPoll.counters(rest, jobId);
      assertThat(
          "the job counted every record",
          counters.get(GraphMetric.RECORDS_IN),
          equalTo((long) records.size()));
      Map<TopicPartition, Long> ends;
      Map<TopicPartition, Long> committed;
      try (Admin admin = TopicOffsets.admin(kafka.bootstrapServers(), secured)) {
        ends = TopicOffsets.ends(admin, List.of(inputTopic));
        committed = TopicOffsets.committed(admin, group);
      }
      assertThat(
          "the job committed its consumer group's offsets over SASL_SSL", committed, equalTo(ends));
      printed.printf("secure progress: job %s %s%n", jobId, counters.summary());

      // What the REST API says about the running job.
      Map<String, String> restAnswers = new LinkedHashMap<>();
      for (String path :
          List.of(
              "/jobs/" + jobId + "/config",
              "/jobs/" + jobId,
              "/jobmanager/config",
              "/jobmanager/environment",
              "/jobs/" + jobId + "/checkpoints/config",
              "/jobs/" + jobId + "/exceptions",
              "/taskmanagers")) {
        restAnswers.put(path, get(path));
      }
      for (JsonNode vertex : JSON.readTree(restAnswers.get("/jobs/" + jobId)).path("vertices")) {
        String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
        restAnswers.put(path, get(path));
      }
      assertThat(
          "the job's config holds the options, with only the file's path",
          restAnswers.get("/jobs/" + jobId + "/config"),
          containsString("\"kafkaClientProperties\":\"" + clientProperties + "\""));
      long restBytes = bytes(restAnswers.values());

      cancel(jobId);
      Await.until("the job is cancelled", DEADLINE, () -> jobState(jobId), "CANCELED"::equals);

      // Every log file, read after the job (and its Kafka clients) has shut down: this JVM's (the
      // launch and the source's split ran here), the JobManager's and TaskManager's, the broker's.
      Map<Path, String> logs = new TreeMap<>();
      logs.put(TEST_LOG.toAbsolutePath(), read(TEST_LOG));
      logs.put(kafka.logFile(), read(kafka.logFile())); // the broker's own log, for good measure
      try (Stream<Path> files = Files.walk(FLINK.cluster().logDir())) {
        for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
          logs.put(file, read(file));
        }
      }
      String taskManagerLogs =
          logs.entrySet().stream()
              .filter(e -> e.getKey().getFileName().toString().startsWith("taskmanager"))
              .map(Map.Entry::getValue)
              .collect(Collectors.joining("\n"));
      assertThat(
          "the TaskManager's Kafka clients used SASL_SSL",
          taskManagerLogs,
          containsString("security.protocol = SASL_SSL"));
      assertThat(
          "the TaskManager's Kafka clients logged their masked JAAS config",
          taskManagerLogs,
          containsString("sasl.jaas.config = [hidden]"));
      assertThat(
          "the TaskManager's Kafka clients used the SCRAM mechanism",
          taskManagerLogs,
          containsString("sasl.mechanism = SCRAM-SHA-512"));
      long logBytes = bytes(logs.values());

      String printedText = printedBytes.toString(StandardCharsets.UTF_8);
      for (Map.Entry<String, String> secret : secrets.entrySet()) {
        String what = secret.getKey();
        String value = secret.getValue();
        logs.forEach(
            (file, text) ->
                assertThat("the " + what + " is not in " + file, text, not(containsString(value))));
        assertThat(
            "the " + what + " is not in the printed options",
            printedOptions,
            not(containsString(value)));
        assertThat(
            "the " + what + " is not in the printed output",
            printedText,
            not(containsString(value)));
        assertThat(
            "the " + what + " is not in the display data", displayData, not(containsString(value)));
        restAnswers.forEach(
            (path, body) ->
                assertThat(
                    "the " + what + " is not in GET " + path, body, not(containsString(value))));
      }

      System.out.print(printedText);
      System.out.printf(
          "secure: PLAYBACK job %s on the Flink session cluster read %d records over SASL_SSL/SCRAM-SHA-512 from %s"
              + " (no plaintext client listener); graph of %d nodes and %d edges equal to the expected one, %d dead"
              + " letters as expected, consumer group %s committed %d offsets; %d secrets (%s) absent from %d log files"
              + " (test JVM, Flink JobManager and TaskManager, broker: %d bytes), the printed options (%d bytes) and output (%d bytes), the display data (%d bytes) and"
              + " %d REST answers (%d bytes); %d s%n",
          jobId,
          counters.get(GraphMetric.RECORDS_IN),
          kafka.bootstrapServers(),
          expected.nodeCount(),
          expected.edgeCount(),
          expectedDeadLetters.size(),
          group,
          ends.values().stream().mapToLong(Long::longValue).sum(),
          secrets.size(),
          String.join(", ", secrets.keySet()),
          logs.size(),
          logBytes,
          printedOptions.getBytes(StandardCharsets.UTF_8).length,
          printedText.getBytes(StandardCharsets.UTF_8).length,
          displayData.getBytes(StandardCharsets.UTF_8).length,
          restAnswers.size(),
          restBytes,
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    } finally {
      if ("RUNNING".equals(jobState(jobId))) {
        cancel(jobId);
      }
    }
  }

  /**
   * Every client listener of the broker is SASL_SSL; CONTROLLER is KRaft's own, not for clients.
   */
  private static void assertOnlySaslSslClientListener(LocalKafka kafka) throws IOException {
    Properties server = new Properties();
    try (InputStream in = Files.newInputStream(kafka.dataDir().resolve("server.properties"))) {
      server.load(in);
    }
    String port = kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1);
    for (String listener : server.getProperty("listeners").split(",")) {
      if (!listener.startsWith("CONTROLLER://")) {
        assertThat(
            "client listener " + listener, listener, equalTo("SASL_SSL://127.0.0.1:" + port));
      }
    }
    assertThat(server.getProperty("advertised.listeners"), equalTo("SASL_SSL://127.0.0.1:" + port));
    assertThat(server.getProperty("listeners"), not(containsString("PLAINTEXT://")));
  }

  private static List<GeneratedRecord> generate() {
    return TestEvents.generate(
        TestEvents.recentWithMalformed(11, 0.05).setAccounts(25).setEventsPerTopic(300),
        SourceTopic.PLAYBACK);
  }

  private static TopicPipelineOptions options(
      String run, String inputTopic, Path clientProperties) {
    return JobFlags.topicJob(KAFKA.bootstrapServers(), inputTopic, run, CATALOGS.path())
        .with(Runners.sessionCluster(FLINK.cluster().restAddress()))
        .with(
            "--jobName=rtgraph-" + run + "-playback",
            "--stateBackend=filesystem",
            "--stateBackendStoragePath=" + FLINK.cluster().checkpointsDir().toUri(),
            "--kafkaClientProperties=" + clientProperties,
            "--consumerGroup=" + run + "-playback",
            "--sinks=kafka",
            "--dedupWindow=" + DEDUP_WINDOW.getStandardSeconds() + "s")
        .topicOptions();
  }

  /** The options' display data and that of every transform of the pipeline the options build. */
  private static String displayData(TopicPipelineOptions options) {
    StringBuilder displayData =
        new StringBuilder(DisplayData.from(options).toString()).append('\n');
    Pipeline pipeline = TopicPipelines.PLAYBACK.create(options);
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (node.getTransform() != null) {
              displayData
                  .append(node.getFullName())
                  .append(": ")
                  .append(DisplayData.from(node.getTransform()))
                  .append('\n');
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            displayData
                .append(node.getFullName())
                .append(": ")
                .append(DisplayData.from(node.getTransform()))
                .append('\n');
          }
        });
    return displayData.toString();
  }

  private String get(String path) throws IOException {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** {@code PATCH /jobs/<id>?mode=cancel}: Flink answers 202 and cancels asynchronously. */
  private void cancel(String jobId) throws IOException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(10))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "cancelling job "
              + jobId
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  private String jobState(String jobId) {
    try {
      return JSON.readTree(get("/jobs/" + jobId)).path("state").asText();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling " + request.uri(), e);
    }
  }

  private static URI uri(String path) {
    return URI.create(FLINK.cluster().webUrl() + path);
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static long bytes(Iterable<String> texts) {
    long total = 0;
    for (String text : texts) {
      total += text.getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }
}
