package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.launcher.Launch;
import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.json.DeadLetterJson;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
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

  private static final SourceTopic TOPIC = SourceTopic.GAMEPLAY;
  private static String run;
  private static String inputTopic;
  private static Path warehouse;
  private static Path catalogs;
  private static List<GeneratedRecord> records;
  private static ProducedRecords produced;
  private static GeneratorConfig config;

  @BeforeClass
  public static void streamIntoEverySink() throws Exception {
    run = "backfill" + System.nanoTime();
    inputTopic = "it." + run;
    warehouse = FOLDER.newFolder("warehouse").toPath();
    catalogs = FOLDER.newFolder("catalogs").toPath();
    SampleCatalogs.copyTo(catalogs);
    config =
        GeneratorConfig.builder()
            .setSeed(11)
            .setEnd(new Instant((System.currentTimeMillis() / 1000) * 1000))
            .setSpan(Duration.standardMinutes(2))
            .setLateness(Duration.standardSeconds(30))
            .setAccounts(30)
            .setEventsPerTopic(500)
            .setMalformedShare(0.05)
            .setOversizedBytes(TopicPipelineKafkaIT.MAX_RECORD_BYTES + 1)
            .build();
    records = new EventGenerator(config, SampleCatalogs.load()).generate(TOPIC);
    produced =
        ProducedRecords.produce(
            KAFKA.bootstrapServers(), KafkaClientProperties.none(), inputTopic, 3, records);

    List<String> args =
        common("graph." + run + ".", "graph_nodes", "graph_edges", inputTopic + ".dlq");
    args.addAll(
        List.of(
            "--inputTopic=" + inputTopic,
            "--consumerGroup=" + run,
            "--icebergCommitIntervalSeconds=2",
            "--idleTimeout=2s",
            "--maxOutOfOrderness=2s",
            "--exitAfterIdle=10s"));
    args.addAll(Runners.args("flink"));
    TopicPipelineOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
            .withValidation()
            .as(TopicPipelineOptions.class);
    Launch launch = Launch.prepare(options);
    PipelineResult result = TopicPipelines.of(TOPIC).run(options);
    int exit =
        new PipelineSupervisor(run + " streaming", System.out)
            .supervise(result, launch.job(result), options);
    assertThat(exit, equalTo(0));
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
    List<String> args = common(prefix, nodes, edges, dlq);
    args.addAll(
        List.of(
            "--sourceTopic=" + TOPIC.topicName(),
            "--archiveTable=" + ArchiveTable.defaultName(inputTopic),
            "--from=" + config.end().minus(Duration.standardHours(1)),
            "--to=" + Instant.now().plus(Duration.standardHours(1))));
    args.addAll(runnerArgs);
    BackfillOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
            .withValidation()
            .as(BackfillOptions.class);
    Launch launch = Launch.prepare(options);
    PipelineResult result = BackfillPipeline.run(options);
    int exit =
        new PipelineSupervisor(run + " backfill " + runner, System.out)
            .supervise(result, launch.job(result), options);
    assertThat(exit, equalTo(0));

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
      streamedDeadLetters = deadLetters(reader, inputTopic + ".dlq");
      backfilledDeadLetters = deadLetters(reader, dlq);
    }
    assertThat(
        "streamed topics: " + GraphDiff.between(expected, streamedTopics),
        streamedTopics,
        equalTo(expected));
    assertThat(
        "streamed tables: " + GraphDiff.between(expected, streamedTables),
        streamedTables,
        equalTo(expected));
    assertThat(
        "backfilled topics: " + GraphDiff.between(expected, backfilledTopics),
        backfilledTopics,
        equalTo(expected));
    assertThat(
        "backfilled tables: " + GraphDiff.between(expected, backfilledTables),
        backfilledTables,
        equalTo(expected));
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

  private static Map<String, DeadLetterReason> deadLetters(GraphTopicReader reader, String topic) {
    Map<String, DeadLetterReason> deadLetters = new TreeMap<>();
    reader.readAll(
        List.of(topic),
        record -> {
          DeadLetter deadLetter = DeadLetterJson.fromJson(record.value());
          deadLetters.put(deadLetter.partition() + "@" + deadLetter.offset(), deadLetter.reason());
        });
    return deadLetters;
  }

  private static GraphWarehouse warehouse() {
    return GraphWarehouse.inFolder(warehouse.toString(), GraphWarehouse.DEFAULT_NAMESPACE);
  }

  private static List<String> common(String prefix, String nodes, String edges, String dlq) {
    return new ArrayList<>(
        List.of(
            "--bootstrapServers=" + KAFKA.bootstrapServers(),
            "--graphTopicPrefix=" + prefix,
            "--deadLetterTopic=" + dlq,
            "--icebergWarehouse=" + warehouse,
            "--nodeTable=" + nodes,
            "--edgeTable=" + edges,
            "--titlesCatalog=" + catalogs.resolve(SampleCatalogs.TITLES),
            "--gamesCatalog=" + catalogs.resolve(SampleCatalogs.GAMES),
            "--maxRecordBytes=" + TopicPipelineKafkaIT.MAX_RECORD_BYTES,
            "--dedupWindow=2s",
            "--progressSeconds=10"));
  }
}
