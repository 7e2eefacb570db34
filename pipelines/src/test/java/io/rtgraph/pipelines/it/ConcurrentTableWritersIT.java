package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.GameplayPipeline;
import io.rtgraph.pipelines.LivePipeline;
import io.rtgraph.pipelines.LoginPipeline;
import io.rtgraph.pipelines.PlaybackPipeline;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The four topic pipelines, deployed as {@code scripts/submit-all.sh} does, write the shared graph
 * tables at the same time: four JVMs, each running one pipeline on embedded Flink, all pointed at
 * one warehouse folder through the default catalog and committing every 2 seconds so that their
 * commits collide. Every update published to the Kafka graph topics must then be a row of the graph
 * tables, as often and with the same content: a commit that lost a race is retried, never lost.
 *
 * <p>Both sides are read with readers the pipelines do not use: a plain {@code KafkaConsumer} with
 * Jackson's tree model, and Iceberg's generic reader.
 */
public class ConcurrentTableWritersIT {
  private static final Map<SourceTopic, Class<?>> MAIN_CLASSES =
      Map.of(
          SourceTopic.PLAYBACK, PlaybackPipeline.class,
          SourceTopic.LOGIN, LoginPipeline.class,
          SourceTopic.GAMEPLAY, GameplayPipeline.class,
          SourceTopic.LIVE, LivePipeline.class);
  private static final int EVENTS_PER_TOPIC = 1500;
  private static final long JOBS_DEADLINE_MINUTES = 12;
  private static final ObjectMapper JSON = new ObjectMapper();

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void everyGraphUpdateInKafkaIsARowOfTheSharedTables() throws Exception {
    Path root = folder.getRoot().toPath();
    SampleCatalogs.copyTo(root);
    Path warehouse = root.resolve("warehouse");
    String run = "concurrent" + System.nanoTime();
    String graphPrefix = "graph." + run + ".";
    Instant end = new Instant((System.currentTimeMillis() / 1000) * 1000);
    for (SourceTopic topic : SourceTopic.values()) {
      GeneratorConfig.Builder config =
          GeneratorConfig.builder()
              .setSeed(topic.ordinal() + 31)
              .setEnd(end)
              .setSpan(Duration.standardMinutes(3))
              .setAccounts(40)
              .setEventsPerTopic(EVENTS_PER_TOPIC);
      ProducedRecords.produce(
          KAFKA.bootstrapServers(),
          KafkaClientProperties.none(),
          inputTopic(run, topic),
          2,
          TestEvents.generate(config, topic));
    }

    long started = System.nanoTime();
    Map<SourceTopic, Process> jobs = new LinkedHashMap<>();
    for (SourceTopic topic : SourceTopic.values()) {
      jobs.put(topic, launch(topic, run, graphPrefix, root, warehouse));
    }
    try {
      for (Map.Entry<SourceTopic, Process> job : jobs.entrySet()) {
        long left = JOBS_DEADLINE_MINUTES * 60_000 - (System.nanoTime() - started) / 1_000_000;
        boolean ended = job.getValue().waitFor(Math.max(1, left), TimeUnit.MILLISECONDS);
        assertThat(
            job.getKey() + " pipeline ended by itself; " + logTail(root, job.getKey()),
            ended,
            equalTo(true));
        assertThat(
            job.getKey() + " pipeline exit code; " + logTail(root, job.getKey()),
            job.getValue().exitValue(),
            equalTo(0));
      }
    } finally {
      for (Process job : jobs.values()) {
        job.destroyForcibly();
      }
    }
    long jobsSeconds = (System.nanoTime() - started) / 1_000_000_000;

    Map<String, Integer> published = readGraphTopics(graphPrefix);
    GraphWarehouse tables =
        GraphWarehouse.inFolder(warehouse.toString(), GraphWarehouse.DEFAULT_NAMESPACE);
    Table nodeTable =
        tables.catalog().loadTable(tables.table(GraphUpdateTables.DEFAULT_NODE_TABLE));
    Table edgeTable =
        tables.catalog().loadTable(tables.table(GraphUpdateTables.DEFAULT_EDGE_TABLE));
    Map<String, Integer> rows = new TreeMap<>();
    readRows(nodeTable, "node", rows);
    readRows(edgeTable, "edge", rows);

    int publishedCount = total(published);
    int rowCount = total(rows);
    Map<String, Integer> missing = difference(published, rows);
    Map<String, Integer> extra = difference(rows, published);
    long nodeSnapshots = count(nodeTable.snapshots());
    long edgeSnapshots = count(edgeTable.snapshots());
    int retries = 0;
    int busy = 0;
    for (SourceTopic topic : SourceTopic.values()) {
      String output = Files.readString(log(root, topic));
      retries += occurrences(output, "Retrying task after failure");
      busy += occurrences(output, "SQLITE_BUSY");
    }
    System.out.printf(
        "fault: four topic pipelines in four JVMs writing one warehouse (jdbc catalog, commit every 2 s)"
            + " | published_updates=%d table_rows=%d lost=%d extra=%d | snapshots node=%d edge=%d"
            + " commit_retries=%d sqlite_busy=%d | jobs ran %d s%n",
        publishedCount,
        rowCount,
        total(missing),
        total(extra),
        nodeSnapshots,
        edgeSnapshots,
        retries,
        busy,
        jobsSeconds);

    assertThat("the four pipelines published graph updates", publishedCount, greaterThan(0));
    assertThat(
        "each of the four topics wrote rows",
        sourceTopics(rows).size(),
        equalTo(SourceTopic.values().length));
    assertThat("updates in Kafka missing from the tables", missing, equalTo(Map.of()));
    assertThat("rows in the tables never published to Kafka", extra, equalTo(Map.of()));
    assertThat(rowCount, equalTo(publishedCount));
  }

  private static String inputTopic(String run, SourceTopic topic) {
    return "it." + run + "." + topic.topicName();
  }

  private static Path log(Path root, SourceTopic topic) {
    return root.resolve(topic.topicName() + ".log");
  }

  /** The end of a job's log, for the failure message: the log's folder is gone after the test. */
  private static String logTail(Path root, SourceTopic topic) throws IOException {
    List<String> lines = Files.readAllLines(log(root, topic));
    return "the last lines of "
        + log(root, topic)
        + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }

  /**
   * One topic pipeline in its own JVM, as {@code scripts/run-pipeline.sh} starts it, on embedded
   * Flink.
   */
  private static Process launch(
      SourceTopic topic, String run, String graphPrefix, Path root, Path warehouse)
      throws IOException {
    String classPath =
        Files.readString(Path.of(System.getProperty("rtgraph.pipelines.classpath"))).trim()
            + File.pathSeparator
            + System.getProperty("rtgraph.pipelines.classes");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx640m",
                "-XX:+UseG1GC",
                "-cp",
                classPath,
                MAIN_CLASSES.get(topic).getName(),
                "--runner=FlinkRunner",
                "--flinkMaster=[local]",
                "--streaming=true",
                "--attachedMode=false",
                "--parallelism=1",
                "--checkpointingInterval=2000",
                "--fasterCopy=true",
                "--bootstrapServers=" + KAFKA.bootstrapServers(),
                "--inputTopic=" + inputTopic(run, topic),
                "--graphTopicPrefix=" + graphPrefix,
                "--consumerGroup=" + run + "." + topic.topicName(),
                "--titlesCatalog=" + root.resolve(SampleCatalogs.TITLES),
                "--gamesCatalog=" + root.resolve(SampleCatalogs.GAMES),
                "--liveEventsCatalog=" + root.resolve(SampleCatalogs.LIVE_EVENTS),
                "--dedupWindow=2s",
                "--maxOutOfOrderness=2s",
                "--idleTimeout=2s",
                // Until the launcher drains on an idle exit, the quiet time is long enough for the
                // last
                // merged updates to pass many 2-second commit rounds before the job is stopped.
                "--exitAfterIdle=30s",
                "--progressSeconds=15",
                "--icebergWarehouse=" + warehouse,
                "--icebergCommitIntervalSeconds=2"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log(root, topic).toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  /** Every update on the graph topics, as its canonical text, with how often it was published. */
  private static Map<String, Integer> readGraphTopics(String prefix) throws Exception {
    List<String> topics;
    try (Admin admin = TopicOffsets.admin(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      topics = TopicOffsets.withPrefix(admin, prefix);
    }
    Map<String, Integer> updates = new TreeMap<>();
    PlainConsumer.readToEnd(
        KAFKA.bootstrapServers(),
        topics,
        record -> updates.merge(canonical(record.value()), 1, Integer::sum));
    return updates;
  }

  /**
   * An update as published: element, type, id, src/dst, properties with times, first/last seen,
   * source topic.
   */
  private static String canonical(byte[] json) {
    try {
      JsonNode update = JSON.readTree(json);
      Map<String, String> properties = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> values = update.get("properties").fields();
      while (values.hasNext()) {
        Map.Entry<String, JsonNode> value = values.next();
        long time =
            java.time.Instant.parse(update.get("propertyTimes").get(value.getKey()).asText())
                .toEpochMilli();
        properties.put(value.getKey(), value.getValue().asText() + "@" + time);
      }
      return String.join(
          "|",
          update.get("element").asText(),
          update.get("type").asText(),
          update.get("id").asText(),
          update.has("src") ? update.get("src").asText() : "",
          update.has("dst") ? update.get("dst").asText() : "",
          properties.toString(),
          String.valueOf(java.time.Instant.parse(update.get("firstSeen").asText()).toEpochMilli()),
          String.valueOf(java.time.Instant.parse(update.get("lastSeen").asText()).toEpochMilli()),
          update.get("sourceTopic").asText());
    } catch (IOException e) {
      throw new AssertionError("a graph topic holds a record that is not JSON", e);
    }
  }

  /** Every row of a graph table, as the same canonical text as the published update. */
  private static void readRows(Table table, String element, Map<String, Integer> rows)
      throws IOException {
    boolean edge = element.equals("edge");
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record row : records) {
        Map<String, String> properties = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Record> values = (List<Record>) row.getField("properties");
        for (Record value : values) {
          properties.put(
              (String) value.getField("name"),
              value.getField("value") + "@" + millis(value.getField("time")));
        }
        String canonical =
            String.join(
                "|",
                element,
                (String) row.getField("type"),
                (String) row.getField("element_id"),
                edge ? (String) row.getField("src") : "",
                edge ? (String) row.getField("dst") : "",
                properties.toString(),
                String.valueOf(millis(row.getField("first_seen"))),
                String.valueOf(millis(row.getField("last_seen"))),
                (String) row.getField("source_topic"));
        rows.merge(canonical, 1, Integer::sum);
      }
    }
  }

  private static long millis(Object timestamp) {
    return ((OffsetDateTime) timestamp).toInstant().toEpochMilli();
  }

  private static Map<String, Integer> difference(
      Map<String, Integer> from, Map<String, Integer> minus) {
    Map<String, Integer> left = new TreeMap<>();
    from.forEach(
        (update, times) -> {
          int surplus = times - minus.getOrDefault(update, 0);
          if (surplus > 0) {
            left.put(update, surplus);
          }
        });
    return left;
  }

  private static TreeSet<String> sourceTopics(Map<String, Integer> rows) {
    return rows.keySet().stream()
        .map(row -> row.substring(row.lastIndexOf('|') + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static int total(Map<String, Integer> multiset) {
    return multiset.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static long count(Iterable<?> items) {
    return StreamSupport.stream(items.spliterator(), false).count();
  }

  private static int occurrences(String text, String what) {
    int count = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
      count++;
    }
    return count;
  }
}
