package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.launcher.Launch;
import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * No single record, whatever its content, can stop a pipeline: valid records, then the worst cases
 * for a dead letter's size, then valid records again, in one partition, through the playback
 * pipeline on embedded Flink against a real broker. The dead-letter topic is an operator's, with a
 * {@code max.message.bytes} well under what the pipeline would give it, so every worst case must be
 * truncated to fit. The job must never restart, every worst case must be in the dead-letter topic
 * (its size and digest those of the original), and the graph must be that of every valid record,
 * those after the worst cases included.
 */
public class HostileRecordsIT {
  private static final int MAX_RECORD_BYTES = TopicPipelineKafkaIT.MAX_RECORD_BYTES;

  /** Under the 2 x 64 KiB + 64 KiB the pipeline gives a dead-letter topic it creates. */
  private static final int OPERATOR_DLQ_MAX_MESSAGE_BYTES = 100_000;

  private static final Duration DEADLINE = Duration.ofMinutes(4);

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Test
  public void worstCaseRecordsAreDeadLetteredAndTheRecordsAfterThemReachTheGraph()
      throws Exception {
    String run = "hostile." + System.nanoTime();
    String inputTopic = "it." + run;
    String deadLetterTopic = inputTopic + ".dlq";
    createTopic(inputTopic, Map.of());
    createTopic(
        deadLetterTopic,
        Map.of("max.message.bytes", String.valueOf(OPERATOR_DLQ_MAX_MESSAGE_BYTES)));

    List<GeneratedRecord> valid =
        TestEvents.generate(
            TestEvents.recent(11).setAccounts(20).setEventsPerTopic(400).setMalformedShare(0),
            SourceTopic.PLAYBACK);
    List<GeneratedRecord> before = valid.subList(0, valid.size() / 2);
    List<GeneratedRecord> after = valid.subList(valid.size() / 2, valid.size());
    ProducedRecords.produceToPartition(KAFKA.bootstrapServers(), inputTopic, 0, before);
    Map<String, WorstCase> worstCases = new LinkedHashMap<>();
    for (WorstCase worstCase : WorstCase.all()) {
      ProducedRecords produced =
          ProducedRecords.produceRaw(
              KAFKA.bootstrapServers(), inputTopic, 0, worstCase.name, worstCase.value);
      worstCases.put(
          produced.expectedDeadLettersFor(worstCase.reason()).keySet().iterator().next(),
          worstCase);
    }
    ProducedRecords.produceToPartition(KAFKA.bootstrapServers(), inputTopic, 0, after);

    TopicPipelineOptions options = options(run, inputTopic);
    Launch launch = Launch.prepare(options);
    PipelineResult result = TopicPipelines.of(SourceTopic.PLAYBACK).run(options);
    RestartWatch restarts =
        RestartWatch.start(new FlinkRest(launch.flinkRestAddress()), options.getJobName());
    int exit;
    try {
      exit = new PipelineSupervisor(run, System.out).supervise(result, launch.job(result), options);
    } finally {
      restarts.stop();
    }
    assertThat("the job ended cleanly", exit, equalTo(0));
    assertThat("the job's restarts were read while it ran", restarts.reads(), greaterThan(0L));
    assertThat("the job never restarted", restarts.max(), equalTo(0L));

    Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = readAll(deadLetterTopic);
    assertThat(
        "exactly the worst cases are dead-lettered",
        deadLetters.keySet(),
        equalTo(worstCases.keySet()));
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, WorstCase> expected : worstCases.entrySet()) {
      WorstCase worstCase = expected.getValue();
      ConsumerRecord<byte[], byte[]> record = deadLetters.get(expected.getKey());
      String what = worstCase.name + " at " + expected.getKey();
      assertThat(
          what + " fits the topic",
          record.serializedKeySize() + record.serializedValueSize(),
          lessThanOrEqualTo(OPERATOR_DLQ_MAX_MESSAGE_BYTES));
      JsonNode deadLetter = json.readTree(record.value());
      assertThat(what, deadLetter.path("sourceTopic").asText(), equalTo(inputTopic));
      assertThat(what, deadLetter.path("errorCode").asText(), equalTo(worstCase.reason().name()));
      assertThat(
          what + " is truncated", deadLetter.path("payloadTruncated").asBoolean(), equalTo(true));
      assertThat(
          what, deadLetter.path("payloadBytes").asLong(), equalTo((long) worstCase.value.length));
      assertThat(what, deadLetter.path("payloadSha256").asText(), equalTo(sha256(worstCase.value)));
      byte[] kept = deadLetter.path("payload").asText().getBytes(StandardCharsets.UTF_8);
      assertThat(what + " keeps part of its payload", kept.length, greaterThan(0));
      assertThat(
          what + " keeps a prefix of its payload",
          Arrays.equals(kept, Arrays.copyOf(worstCase.value, kept.length)),
          equalTo(true));
    }

    MaterializedGraph expected = ExpectedGraph.of(valid, MAX_RECORD_BYTES);
    MaterializedGraph actual;
    List<GraphUpdate> updates;
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      actual = reader.readGraph(options.getGraphTopicPrefix());
      updates = reader.readUpdates(options.getGraphTopicPrefix());
    }
    GraphDiff diff = GraphDiff.between(expected, actual);
    System.out.printf(
        "%s: %d valid records around %d worst cases; graph of %d elements; %d missing, %d extra,"
            + " %d differing; %d duplicate updates; %d restarts; dead-letter sizes %s%n",
        run,
        valid.size(),
        worstCases.size(),
        expected.size(),
        diff.missing().size(),
        diff.extra().size(),
        diff.differing().size(),
        updates.size() - new HashSet<>(updates).size(),
        restarts.max(),
        deadLetterSizes(deadLetters));
    GraphAssertions.assertSameGraph(diff);
  }

  /** One hostile record: valid UTF-8 unless said otherwise, never a valid event. */
  private static final class WorstCase {
    final String name;
    final byte[] value;

    WorstCase(String name, byte[] value) {
      this.name = name;
      this.value = value;
    }

    DeadLetterReason reason() {
      return value.length > MAX_RECORD_BYTES
          ? DeadLetterReason.RECORD_TOO_LARGE
          : DeadLetterReason.NOT_A_JSON_OBJECT;
    }

    static List<WorstCase> all() {
      byte[] quotes = new byte[MAX_RECORD_BYTES - 1];
      Arrays.fill(quotes, (byte) '"');
      byte[] backslashes = new byte[MAX_RECORD_BYTES - 1];
      Arrays.fill(backslashes, (byte) '\\');
      Random random = new Random(7);
      StringBuilder outsideBmp = new StringBuilder();
      for (int i = 0; i < (MAX_RECORD_BYTES - 1) / 4; i++) {
        outsideBmp.appendCodePoint(0x10000 + random.nextInt(0x100000));
      }
      return List.of(
          new WorstCase("control-characters", controlCharacters(MAX_RECORD_BYTES - 1, random)),
          new WorstCase("quotes", quotes),
          new WorstCase("backslashes", backslashes),
          new WorstCase("outside-the-bmp", outsideBmp.toString().getBytes(StandardCharsets.UTF_8)),
          new WorstCase("exactly-the-limit", controlCharacters(MAX_RECORD_BYTES, random)),
          new WorstCase("one-byte-over", controlCharacters(MAX_RECORD_BYTES + 1, random)));
    }

    private static byte[] controlCharacters(int bytes, Random random) {
      byte[] value = new byte[bytes];
      for (int i = 0; i < bytes; i++) {
        value[i] = (byte) random.nextInt(0x20);
      }
      return value;
    }
  }

  /** Reads the job's restart count from Flink's REST API while it runs; counts only go up. */
  private static final class RestartWatch {
    private final Thread thread;
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private volatile boolean stopped;

    private RestartWatch(FlinkRest rest, String jobName) {
      AtomicReference<String> jobId = new AtomicReference<>();
      thread =
          new Thread(
              () -> {
                while (!stopped) {
                  try {
                    if (jobId.get() == null) {
                      rest.runningJob(jobName).ifPresent(job -> jobId.set(job.id()));
                    }
                    if (jobId.get() != null) {
                      max.accumulateAndGet(rest.restarts(jobId.get()), Math::max);
                      reads.incrementAndGet();
                    }
                  } catch (java.io.IOException | RuntimeException e) {
                    // the REST API is not up yet, or already gone with the job
                  }
                  LockSupport.parkNanos(500_000_000L);
                }
              },
              "restart-watch");
      thread.setDaemon(true);
    }

    static RestartWatch start(FlinkRest rest, String jobName) {
      RestartWatch watch = new RestartWatch(rest, jobName);
      watch.thread.start();
      return watch;
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(DEADLINE.toMillis());
    }

    long max() {
      return max.get();
    }

    long reads() {
      return reads.get();
    }
  }

  private TopicPipelineOptions options(String run, String inputTopic) {
    return JobFlags.topicJob(KAFKA.bootstrapServers(), inputTopic, run, CATALOGS.path())
        .with(
            "--jobName=rtgraph-" + run.replace('.', '-'),
            "--sinks=kafka",
            "--exitAfterIdle=6s",
            "--progressSeconds=10",
            // A failing dead-letter write restarts the job rather than failing it: the wedge
            // shows.
            "--numberOfExecutionRetries=10",
            "--executionRetryDelay=1000")
        .with(Runners.args("flink"))
        .topicOptions();
  }

  private static void createTopic(String topic, Map<String, String> configs) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all().get();
    }
  }

  /** Every record of the topic, by {@code partition@offset} of the source record it names. */
  private static Map<String, ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Map<String, ConsumerRecord<byte[], byte[]>> records = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    PlainConsumer.readToEnd(
        KAFKA.bootstrapServers(),
        List.of(topic),
        record -> {
          JsonNode deadLetter;
          try {
            deadLetter = json.readTree(record.value());
          } catch (IOException e) {
            throw new AssertionError("a dead letter that is not JSON at " + record.offset(), e);
          }
          String at =
              deadLetter.path("partition").asInt() + "@" + deadLetter.path("offset").asLong();
          if (records.put(at, record) != null) {
            throw new AssertionError("two dead letters for the source record " + at);
          }
        });
    return records;
  }

  private static Map<String, Integer> deadLetterSizes(
      Map<String, ConsumerRecord<byte[], byte[]>> records) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    records.forEach((at, record) -> sizes.put(at, record.serializedValueSize()));
    return sizes;
  }

  private static String sha256(byte[] value) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
  }
}
