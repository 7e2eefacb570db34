package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.launcher.Launch;
import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.launcher.SourceBacklog;
import io.rtgraph.model.GraphTopics;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.TopicTables;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Stopping on idle loses nothing: a topic job on embedded Flink with every sink and the default
 * 60-second Iceberg commit interval, stopped by the launcher's {@code --exitAfterIdle} well before
 * a periodic commit would come. The launcher drains the job (stop-with-savepoint, drain=true), so
 * the graph tables must hold exactly the updates the graph topics received, and the raw archive
 * exactly the records the source topic holds, each read back with a reader the pipeline does not
 * use: a plain KafkaConsumer and Iceberg's generic reader.
 */
public class IdleExitDrainIT {
  private static final SourceTopic TOPIC = SourceTopic.PLAYBACK;
  private static final int MAX_RECORD_BYTES = 64 * 1024;

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  @BeforeClass
  public static void writeCatalogs() throws Exception {
    SampleCatalogs.copyTo(FOLDER.getRoot().toPath());
  }

  @Test
  public void idleExitWithTheDefaultCommitIntervalCommitsEveryUpdateAndRecord() throws Exception {
    String run = "drain." + System.nanoTime();
    GeneratorConfig config =
        GeneratorConfig.builder()
            .setSeed(41)
            .setEnd(new Instant((System.currentTimeMillis() / 1000) * 1000))
            .setSpan(org.joda.time.Duration.standardMinutes(2))
            .setLateness(org.joda.time.Duration.standardSeconds(30))
            .setAccounts(30)
            .setEventsPerTopic(600)
            .setMalformedShare(0.05)
            .setOversizedBytes(MAX_RECORD_BYTES + 1)
            .build();
    List<GeneratedRecord> records =
        new EventGenerator(config, SampleCatalogs.load()).generate(TOPIC);
    String inputTopic = "it." + run;
    ProducedRecords.produce(
        KAFKA.bootstrapServers(), KafkaClientProperties.none(), inputTopic, 3, records);

    TopicPipelineOptions options = options(run, inputTopic);
    assertThat(
        "the default commit interval, far longer than the run",
        options.getIcebergCommitIntervalSeconds(),
        equalTo(60L));
    Launch launch = Launch.prepare(options);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(tee(System.out, printed), true, StandardCharsets.UTF_8);
    long launched = System.nanoTime();
    PipelineResult result = TopicPipelines.of(TOPIC).run(options);
    int exit =
        new PipelineSupervisor(run, out)
            .watchingSource(
                new SourceBacklog(
                    KAFKA.bootstrapServers(), KafkaClientProperties.none(), inputTopic, run))
            .supervise(result, launch.job(result), options);
    long runSeconds = Duration.ofNanos(System.nanoTime() - launched).toSeconds();
    long returnedMillis = System.currentTimeMillis();
    long launchedMillis = returnedMillis - runSeconds * 1000;
    assertThat(
        "the launcher drained the job: " + printed, exit, equalTo(PipelineSupervisor.EXIT_OK));
    assertThat(printed.toString(StandardCharsets.UTF_8), containsString("drained (timers fired"));
    // The embedded mini-cluster shuts down with its job; the drain checked that the job FINISHED.

    Map<GraphUpdate, Integer> published = new HashMap<>();
    consume(
        GraphTopics.all(options.getGraphTopicPrefix()),
        (key, value) -> published.merge(GraphUpdateJson.fromJson(value), 1, Integer::sum));
    Map<String, byte[]> source = new TreeMap<>();
    consume(List.of(inputTopic), source::put);

    GraphWarehouse warehouse = TopicTables.warehouse(options);
    Map<GraphUpdate, Integer> tables = new HashMap<>();
    Table nodes = warehouse.catalog().loadTable(warehouse.table(options.getNodeTable()));
    Table edges = warehouse.catalog().loadTable(warehouse.table(options.getEdgeTable()));
    Table archive =
        warehouse.catalog().loadTable(warehouse.table(TopicTables.archiveTable(TOPIC, options)));
    for (Table table : List.of(nodes, edges)) {
      try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
        rows.forEach(row -> tables.merge(GraphUpdateTables.fromRecord(row), 1, Integer::sum));
      }
    }
    Map<String, byte[]> archived = new TreeMap<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(archive).build()) {
      for (Record row : rows) {
        RawRecord record = ArchiveTable.fromRecord(row).record();
        byte[] previous = archived.put(record.partition() + "@" + record.offset(), record.value());
        assertThat(
            "archived once: " + record.partition() + "@" + record.offset(),
            previous == null,
            equalTo(true));
      }
    }

    long updates = published.values().stream().mapToLong(Integer::longValue).sum();
    System.out.printf(
        "%s: run of %d s with a 60 s commit interval; graph topics %d updates, graph tables %d rows (%d + %d snapshots);"
            + " source %d records, archive %d rows (%d snapshots)%n",
        run,
        runSeconds,
        updates,
        tables.values().stream().mapToLong(Integer::longValue).sum(),
        snapshots(nodes),
        snapshots(edges),
        source.size(),
        archived.size(),
        snapshots(archive));
    for (Table table : List.of(nodes, edges, archive)) {
      // When a table's commits came: the first periodic one would be a minute after its first row.
      for (Snapshot snapshot : table.snapshots()) {
        System.out.printf(
            "%s: %s snapshot %d committed %d s after launch, %d s before the launcher returned%n",
            run,
            table.name(),
            snapshot.snapshotId(),
            (snapshot.timestampMillis() - launchedMillis) / 1000,
            (returnedMillis - snapshot.timestampMillis()) / 1000);
      }
    }
    assertThat("the job published updates", updates, greaterThan(0L));
    assertThat("the graph tables hold every published update, once", tables, equalTo(published));
    assertThat("every source record archived", archived.keySet(), equalTo(source.keySet()));
    assertThat(source.size(), equalTo(records.size()));
    for (Map.Entry<String, byte[]> record : source.entrySet()) {
      assertThat(
          "archived payload of " + record.getKey(),
          Arrays.equals(archived.get(record.getKey()), record.getValue()),
          equalTo(true));
    }
  }

  private static long snapshots(Table table) {
    long count = 0;
    for (Snapshot ignored : table.snapshots()) {
      count++;
    }
    return count;
  }

  /**
   * Reads the topics from the beginning to their end offsets: partition@offset (or key) and value.
   */
  private static void consume(List<String> topics, BiConsumer<String, byte[]> sink) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topics + " to their end offsets " + ends);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          sink.accept(record.partition() + "@" + record.offset(), record.value());
        }
      }
    }
  }

  private static OutputStream tee(OutputStream first, OutputStream second) {
    return new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        first.write(b);
        second.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
        first.write(bytes, offset, length);
        second.write(bytes, offset, length);
      }
    };
  }

  private static TopicPipelineOptions options(String run, String inputTopic) {
    Path folder = FOLDER.getRoot().toPath();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + KAFKA.bootstrapServers(),
                "--inputTopic=" + inputTopic,
                "--graphTopicPrefix=graph." + run + ".",
                "--consumerGroup=" + run,
                "--titlesCatalog=" + folder.resolve(SampleCatalogs.TITLES),
                "--gamesCatalog=" + folder.resolve(SampleCatalogs.GAMES),
                "--liveEventsCatalog=" + folder.resolve(SampleCatalogs.LIVE_EVENTS),
                "--maxRecordBytes=" + MAX_RECORD_BYTES,
                "--dedupWindow=2s",
                "--maxOutOfOrderness=2s",
                "--idleTimeout=2s",
                "--exitAfterIdle=8s",
                "--progressSeconds=5",
                // Every sink (the streaming default), with the default commit interval: no
                // --icebergCommitIntervalSeconds.
                "--icebergWarehouse=" + folder.resolve("warehouse")));
    args.addAll(Runners.args("flink"));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation()
        .as(TopicPipelineOptions.class);
  }
}
