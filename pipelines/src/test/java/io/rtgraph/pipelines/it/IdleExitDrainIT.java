package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.model.GraphTopics;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.TopicTables;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.ClassRule;
import org.junit.Test;

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

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final CatalogFolder FOLDER = new CatalogFolder();

  @Test
  public void idleExitWithTheDefaultCommitIntervalCommitsEveryUpdateAndRecord() throws Exception {
    String run = "drain." + System.nanoTime();
    List<GeneratedRecord> records =
        TestEvents.generate(
            TestEvents.recentWithMalformed(41, 0.05).setAccounts(30).setEventsPerTopic(600), TOPIC);
    String inputTopic = "it." + run;
    ProducedRecords.produce(KAFKA.bootstrapServers(), inputTopic, records);

    TopicPipelineOptions options = options(run, inputTopic);
    assertThat(
        "the default commit interval, far longer than the run",
        options.getIcebergCommitInterval(),
        equalTo("60s"));
    long[] launched = new long[1];
    SupervisedRun job =
        SupervisedRun.watchingSource(
            run,
            options,
            () -> {
              launched[0] = System.nanoTime();
              return TopicPipelines.of(TOPIC).run(options);
            });
    long runSeconds = Duration.ofNanos(System.nanoTime() - launched[0]).toSeconds();
    long returnedMillis = System.currentTimeMillis();
    long launchedMillis = returnedMillis - runSeconds * 1000;
    assertThat(
        "the launcher drained the job: " + job.printed(),
        job.exit(),
        equalTo(PipelineSupervisor.EXIT_OK));
    assertThat(job.printed(), containsString("drained (timers fired"));
    // The embedded mini-cluster shuts down with its job; the drain checked that the job FINISHED.

    Map<GraphUpdate, Integer> published = new HashMap<>();
    PlainConsumer.readToEnd(
        KAFKA.bootstrapServers(),
        GraphTopics.all(options.getGraphTopicPrefix()),
        record -> published.merge(GraphUpdateJson.fromJson(record.value()), 1, Integer::sum));
    Map<String, byte[]> source = new TreeMap<>();
    PlainConsumer.readToEnd(
        KAFKA.bootstrapServers(),
        List.of(inputTopic),
        record -> source.put(record.partition() + "@" + record.offset(), record.value()));

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

  private static TopicPipelineOptions options(String run, String inputTopic) {
    return JobFlags.topicJob(KAFKA.bootstrapServers(), inputTopic, run, FOLDER.path())
        .with(
            "--exitAfterIdle=8s",
            "--progressSeconds=5",
            // Every sink (the streaming default), with the default commit interval: no
            // --icebergCommitInterval.
            "--icebergWarehouse=" + FOLDER.path().resolve("warehouse"))
        .with(Runners.args("flink"))
        .topicOptions();
  }
}
