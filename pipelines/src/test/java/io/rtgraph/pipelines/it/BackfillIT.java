package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.BackfillPipeline;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.BackfillOptions;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.graph.GraphDiff;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.tools.graph.IcebergGraphReader;
import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Backfill equals streaming: generated events, malformed ones included, stream through Kafka into
 * every sink (graph topics, dead-letter topic, graph tables, raw archive); then a backfill of the
 * same range from the raw archive, on the DirectRunner and on Flink in batch mode, writes a fresh
 * set of topics and tables. Both materialized graphs, from topics and from tables, must equal the
 * independently computed graph, the backfill's dead letters must equal the streaming run's, and the
 * archive (read with Iceberg's own reader) must hold every source record.
 */
public class BackfillIT {
  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  private static final SourceTopic TOPIC = SourceTopic.GAMEPLAY;
  private static String run;
  private static String inputTopic;
  private static Path warehouse;
  private static List<GeneratedRecord> records;
  private static ProducedRecords produced;
  private static GeneratorConfig config;

  @BeforeClass
  public static void streamIntoEverySink() throws Exception {
    run = "backfill" + System.nanoTime();
    inputTopic = "it." + run;
    warehouse = FOLDER.newFolder("warehouse").toPath();
    config =
        TestEvents.recentWithMalformed(11, 0.05).setAccounts(30).setEventsPerTopic(500).build();
    records = new EventGenerator(config, SampleCatalogs.load()).generate(TOPIC);
    produced = ProducedRecords.produce(KAFKA.bootstrapServers(), inputTopic, records);

    TopicPipelineOptions options =
        common("graph." + run + ".", "graph_nodes", "graph_edges", inputTopic + ".dlq")
            .with(
                "--inputTopic=" + inputTopic,
                "--consumerGroup=" + run,
                "--icebergCommitIntervalSeconds=2",
                "--idleTimeout=2s",
                "--maxOutOfOrderness=2s",
                "--exitAfterIdle=10s")
            .with(Runners.args("flink"))
            .topicOptions();
    SupervisedRun streaming =
        SupervisedRun.of(run + " streaming", options, () -> TopicPipelines.of(TOPIC).run(options));
    assertThat(streaming.exit(), equalTo(0));
  }

  @Test
  public void theArchiveHoldsEverySourceRecord() {
    List<ArchivedRecord> archive =
        new IcebergGraphReader(warehouse()).readArchive(ArchiveTable.defaultName(inputTopic));
    Map<String, byte[]> archived = new TreeMap<>();
    for (ArchivedRecord row : archive) {
      assertThat(row.record().topic(), equalTo(inputTopic));
      archived.put(row.record().partition() + "@" + row.record().offset(), row.record().value());
    }
    assertThat("every record once, at its coordinates", archived.size(), equalTo(records.size()));
    for (Map.Entry<String, byte[]> entry : archived.entrySet()) {
      assertThat(
          entry.getKey(),
          Arrays.equals(entry.getValue(), produced.valueAt(entry.getKey())),
          equalTo(true));
    }
    long invalid = archive.stream().filter(a -> a.eventTime() == null).count();
    assertThat(
        "dead letters are archived without an event time",
        invalid,
        equalTo((long) produced.expectedDeadLetters().size()));
    System.out.printf(
        "archive: %d records of %d produced, %d of them without an event time%n",
        archived.size(), records.size(), invalid);
  }

  @Test
  public void backfillOnTheDirectRunnerEqualsStreaming() throws Exception {
    backfillAndCompare(
        "direct", List.of("--runner=DirectRunner", "--blockOnRun=false", "--targetParallelism=2"));
  }

  @Test
  public void backfillOnFlinkInBatchModeEqualsStreaming() throws Exception {
    backfillAndCompare(
        "flinkbatch",
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--streaming=false",
            "--attachedMode=true",
            "--reIterableGroupByKeyResult=true",
            "--parallelism=2",
            "--fasterCopy=true"));
  }

  private void backfillAndCompare(String runner, List<String> runnerArgs) throws Exception {
    String prefix = "backfill." + runner + "." + run + ".";
    String nodes = "nodes_" + runner;
    String edges = "edges_" + runner;
    String dlq = inputTopic + "." + runner + ".dlq";
    BackfillOptions options =
        common(prefix, nodes, edges, dlq)
            .with(
                "--sourceTopic=" + TOPIC.topicName(),
                "--archiveTable=" + ArchiveTable.defaultName(inputTopic),
                "--from=" + config.end().minus(Duration.standardHours(1)),
                "--to=" + Instant.now().plus(Duration.standardHours(1)))
            .with(runnerArgs)
            .as(BackfillOptions.class);
    SupervisedRun backfill =
        SupervisedRun.of(run + " backfill " + runner, options, () -> BackfillPipeline.run(options));
    assertThat(backfill.exit(), equalTo(0));

    MaterializedGraph expected = ExpectedGraph.of(records, TopicPipelineKafkaIT.MAX_RECORD_BYTES);
    IcebergGraphReader tables = new IcebergGraphReader(warehouse());
    MaterializedGraph streamedTables = tables.readGraph("graph_nodes", "graph_edges");
    MaterializedGraph backfilledTables = tables.readGraph(nodes, edges);
    MaterializedGraph streamedTopics;
    MaterializedGraph backfilledTopics;
    Map<String, DeadLetterReason> streamedDeadLetters;
    Map<String, DeadLetterReason> backfilledDeadLetters;
    try (GraphTopicReader reader =
        new GraphTopicReader(KAFKA.bootstrapServers(), KafkaClientProperties.none())) {
      streamedTopics = reader.readGraph("graph." + run + ".");
      backfilledTopics = reader.readGraph(prefix);
      streamedDeadLetters = DeadLetters.reasons(reader, inputTopic + ".dlq");
      backfilledDeadLetters = DeadLetters.reasons(reader, dlq);
    }
    Map<String, MaterializedGraph> graphs = new LinkedHashMap<>();
    graphs.put("streamed topics", streamedTopics);
    graphs.put("streamed tables", streamedTables);
    graphs.put("backfilled topics", backfilledTopics);
    graphs.put("backfilled tables", backfilledTables);
    graphs.forEach(
        (what, graph) ->
            assertThat(what + ": " + GraphDiff.between(expected, graph), graph, equalTo(expected)));
    assertThat(streamedDeadLetters, equalTo(produced.expectedDeadLetters()));
    assertThat(backfilledDeadLetters, equalTo(streamedDeadLetters));
    System.out.printf(
        "backfill on %s: expected %d nodes %d edges; streaming %d updates in topics, %d in tables;"
            + " backfill %d updates in topics, %d in tables; %d dead letters each%n",
        runner,
        expected.nodeCount(),
        expected.edgeCount(),
        streamedTopics.updatesFolded(),
        streamedTables.updatesFolded(),
        backfilledTopics.updatesFolded(),
        backfilledTables.updatesFolded(),
        backfilledDeadLetters.size());
  }

  private static GraphWarehouse warehouse() {
    return GraphWarehouse.inFolder(warehouse.toString(), GraphWarehouse.DEFAULT_NAMESPACE);
  }

  private static JobFlags common(String prefix, String nodes, String edges, String dlq) {
    return JobFlags.of(
        "--bootstrapServers=" + KAFKA.bootstrapServers(),
        "--graphTopicPrefix=" + prefix,
        "--deadLetterTopic=" + dlq,
        "--icebergWarehouse=" + warehouse,
        "--nodeTable=" + nodes,
        "--edgeTable=" + edges,
        "--titlesCatalog=" + CATALOGS.path().resolve(SampleCatalogs.TITLES),
        "--gamesCatalog=" + CATALOGS.path().resolve(SampleCatalogs.GAMES),
        "--maxRecordBytes=" + TopicPipelineKafkaIT.MAX_RECORD_BYTES,
        "--dedupWindow=2s",
        "--progressSeconds=10");
  }
}
