package io.rtgraph.tools.generator;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.cli.Flags;
import io.rtgraph.tools.cli.KafkaFlags;
import io.rtgraph.tools.generator.GeneratorConfig.Builder;
import io.rtgraph.tools.oracle.InputRules;
import io.rtgraph.tools.oracle.OracleGraph;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.kafka.KafkaTopics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Duration;
import org.joda.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scripts/generate-events.sh}: writes generated events to the source topics or to files. */
@Command(
    name = "generate-events",
    description =
        "Writes seeded, realistic member events (with heartbeats, test traffic, redeliveries,"
            + " out-of-order, late and malformed records) to the four source topics or to files.")
public final class GenerateEvents implements Callable<Integer> {

  @Option(
      names = "--to",
      description =
          "kafka, files, or none (e.g. to write only catalogs with --catalogDir) (default:"
              + " ${DEFAULT-VALUE})",
      defaultValue = "kafka")
  String to;

  @Mixin KafkaFlags kafka;

  @Option(
      names = "--outputDir",
      description = "with --to=files: one <topic>.records file per topic, a record per line",
      defaultValue = "generated-events")
  Path outputDir;

  @Option(names = "--topics", split = ",", description = "topics to generate (default: all four)")
  List<String> topics = new ArrayList<>();

  @Option(
      names = "--topicSuffix",
      description = "appended to each topic name, e.g. to write into fresh topics",
      defaultValue = "")
  String topicSuffix;

  @Option(
      names = "--partitions",
      description = "partitions of source topics created here (default: ${DEFAULT-VALUE})",
      defaultValue = "3")
  int partitions;

  @Option(
      names = "--eventsPerTopic",
      defaultValue = "" + GeneratorConfig.DEFAULT_EVENTS_PER_TOPIC,
      description = "base events per topic (default: ${DEFAULT-VALUE})")
  int eventsPerTopic;

  @Option(
      names = "--accounts",
      defaultValue = "" + GeneratorConfig.DEFAULT_ACCOUNTS,
      description = "(default: ${DEFAULT-VALUE})")
  int accounts;

  @Option(
      names = "--accountSkew",
      defaultValue = "" + GeneratorConfig.DEFAULT_ACCOUNT_SKEW,
      description =
          "Zipf exponent of the accounts' activity; 0 makes every account equally likely (default: ${DEFAULT-VALUE})")
  double accountSkew;

  @Option(
      names = "--seed",
      defaultValue = "" + GeneratorConfig.DEFAULT_SEED,
      description = "(default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--end", description = "latest event time, ISO-8601 (default: now)")
  String end;

  @Option(
      names = "--spanSeconds",
      defaultValue = "" + GeneratorConfig.DEFAULT_SPAN_SECONDS,
      description =
          "event times spread over this many seconds before --end (default: ${DEFAULT-VALUE})")
  long spanSeconds;

  @Option(
      names = "--catalogDir",
      description =
          "also write titles.jsonl, games.jsonl and live-events.jsonl here: the sample catalogs"
              + " (which the events refer to) plus generated entries up to --catalogTitles,"
              + " --catalogGames and --catalogLiveEvents, the same bytes for the same --seed")
  Path catalogDir;

  @Option(
      names = "--catalogTitles",
      defaultValue = "0",
      description = "entries of the written titles catalog; the sample's size at least")
  int catalogTitles;

  @Option(
      names = "--catalogGames",
      defaultValue = "0",
      description = "entries of the written games catalog; the sample's size at least")
  int catalogGames;

  @Option(
      names = "--catalogLiveEvents",
      defaultValue = "0",
      description = "entries of the written live-events catalog; the sample's size at least")
  int catalogLiveEvents;

  @Option(
      names = "--oversizedBytes",
      defaultValue = "" + GeneratorConfig.DEFAULT_OVERSIZED_BYTES,
      description =
          "size of the oversized malformed records; 0 leaves them out (default: ${DEFAULT-VALUE})")
  int oversizedBytes;

  @Option(
      names = "--no-example",
      negatable = true,
      defaultValue = "" + GeneratorConfig.DEFAULT_CROSS_DEVICE_EXAMPLE,
      description = "include the cross-device example member (default: ${DEFAULT-VALUE})")
  boolean example;

  @Option(
      names = "--expectedGraph",
      description =
          "also write the graph the pipelines must build, one update per element, to this file")
  Path expectedGraph;

  @Option(
      names = "--maxRecordBytes",
      defaultValue = "" + InputRules.DEFAULT_MAX_RECORD_BYTES,
      description =
          "the pipelines' --maxRecordBytes, which the expected graph depends on (default: ${DEFAULT-VALUE})")
  long maxRecordBytes;

  /**
   * A kind of trouble, as a share of the base events, with a flag of its name. The generator's
   * builder is the one source of its default and of its check (between 0 and 1).
   */
  private record Share(
      String name,
      String meaning,
      ToDoubleFunction<GeneratorConfig> value,
      ObjDoubleConsumer<Builder> set) {
    String flag() {
      return "--" + name;
    }
  }

  private static final List<Share> SHARES =
      List.of(
          new Share(
              "heartbeatShare",
              "heartbeats (filtered)",
              GeneratorConfig::heartbeatShare,
              Builder::setHeartbeatShare),
          new Share(
              "testTrafficShare",
              "test-traffic events (filtered)",
              GeneratorConfig::testTrafficShare,
              Builder::setTestTrafficShare),
          new Share(
              "redeliveryShare",
              "records delivered a second time, later in the topic",
              GeneratorConfig::redeliveryShare,
              Builder::setRedeliveryShare),
          new Share(
              "outOfOrderShare",
              "records whose event time lies a few seconds before their neighbours'",
              GeneratorConfig::outOfOrderShare,
              Builder::setOutOfOrderShare),
          new Share(
              "lateShare",
              "records that arrive minutes after their event time's neighbours",
              GeneratorConfig::lateShare,
              Builder::setLateShare),
          new Share(
              "malformedShare",
              "records that break an input rule, cycling through every dead-letter reason",
              GeneratorConfig::malformedShare,
              Builder::setMalformedShare));

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with a flag per share, defaulting to the generator's share. */
  static CommandLine commandLine() {
    CommandLine line = Flags.commandLine(new GenerateEvents(), "generate-events");
    GeneratorConfig defaults = GeneratorConfig.builder().build();
    for (Share share : SHARES) {
      line.getCommandSpec()
          .addOption(
              OptionSpec.builder(share.flag())
                  .type(double.class)
                  .paramLabel("<" + share.name() + ">")
                  .description(
                      "share of the base events: "
                          + share.meaning()
                          + " (default: ${DEFAULT-VALUE})")
                  .defaultValue(String.valueOf(share.value().applyAsDouble(defaults)))
                  .build());
    }
    Flags.addAliases(line);
    return line;
  }

  @Override
  public Integer call() throws Exception {
    if (!List.of("kafka", "files", "none").contains(to)) {
      throw new Flags.ToolException(
          Flags.USAGE, "--to must be kafka, files or none, not '" + to + "'");
    }
    if (catalogDir != null) {
      CatalogWriter.write(catalogDir, catalogTitles, catalogGames, catalogLiveEvents, seed);
      System.out.println("Catalogs written to " + catalogDir);
    } else if (catalogTitles > 0 || catalogGames > 0 || catalogLiveEvents > 0) {
      throw new Flags.ToolException(
          Flags.USAGE, "--catalogTitles, --catalogGames and --catalogLiveEvents need --catalogDir");
    }
    if ("none".equals(to)) {
      return 0;
    }
    Builder builder =
        GeneratorConfig.builder()
            .setSeed(seed)
            .setAccounts(accounts)
            .setAccountSkew(accountSkew)
            .setEventsPerTopic(eventsPerTopic)
            .setSpan(Duration.standardSeconds(spanSeconds))
            .setOversizedBytes(oversizedBytes)
            .setCrossDeviceExample(example);
    if (end != null) {
      builder.setEnd(Instant.parse(end));
    }
    for (Share share : SHARES) {
      share.set().accept(builder, spec.findOption(share.flag()).<Double>getValue());
    }
    GeneratorConfig config = builder.build();
    EventGenerator generator = new EventGenerator(config, SampleCatalogs.load());
    List<SourceTopic> selected =
        topics.isEmpty()
            ? List.of(SourceTopic.values())
            : topics.stream().map(SourceTopic::fromTopicName).toList();
    System.out.printf(
        "Generating %d base events per topic for %d accounts, seed %d, event times %s..%s%n",
        eventsPerTopic, accounts, seed, config.end().minus(config.span()), config.end());
    List<GeneratedRecord> all = new ArrayList<>();
    for (SourceTopic topic : selected) {
      List<GeneratedRecord> records = generator.generate(topic);
      String target = topic.topicName() + topicSuffix;
      if ("kafka".equals(to)) {
        toKafka(target, records);
      } else {
        toFile(target, records);
      }
      System.out.println("  " + target + ": " + describe(records));
      all.addAll(records);
    }
    OracleGraph expected = ExpectedGraph.fold(all, maxRecordBytes);
    System.out.printf(
        "Expected graph: %d nodes, %d edges%n", expected.nodeCount(), expected.edgeCount());
    if (expectedGraph != null) {
      Files.write(expectedGraph, expected.toJsonLines());
      System.out.println("Expected graph written to " + expectedGraph);
    }
    return 0;
  }

  private void toKafka(String topic, List<GeneratedRecord> records) throws Exception {
    KafkaClientProperties properties = kafka.clientProperties();
    try (KafkaTopics admin = KafkaTopics.connect(kafka.bootstrapServers, properties)) {
      admin.ensure(
          List.of(topic),
          partitions,
          Map.of("max.message.bytes", String.valueOf(8 * 1024 * 1024)),
          true);
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // Ordered without the idempotent producer, whose sequence numbers a freshly created topic has
    // been seen to reject (OutOfOrderSequenceException) on the local broker.
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong acknowledged = new AtomicLong();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            properties.applyTo(config), new StringSerializer(), new ByteArraySerializer())) {
      for (GeneratedRecord record : records) {
        producer.send(
            new ProducerRecord<>(topic, record.key(), record.value()),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              } else {
                acknowledged.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "producing to " + topic + " failed after " + acknowledged.get() + " records",
          failure.get());
    }
  }

  private void toFile(String topic, List<GeneratedRecord> records) throws IOException {
    Files.createDirectories(outputDir);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(outputDir.resolve(topic + ".records")))) {
      for (GeneratedRecord record : records) {
        out.write(record.value());
        out.write('\n');
      }
    }
  }

  static String describe(List<GeneratedRecord> records) {
    long graph = records.stream().filter(r -> r.fate() == GeneratedRecord.Fate.GRAPH).count();
    long filtered = records.stream().filter(r -> r.fate() == GeneratedRecord.Fate.FILTERED).count();
    long redelivered = records.stream().filter(GeneratedRecord::redelivery).count();
    Map<DeadLetterReason, Long> malformed = new EnumMap<>(DeadLetterReason.class);
    records.stream()
        .filter(r -> r.reason() != null)
        .forEach(r -> malformed.merge(r.reason(), 1L, Long::sum));
    long deadLetters = malformed.values().stream().mapToLong(Long::longValue).sum();
    return String.format(
        "%d records: %d to the graph, %d filtered, %d malformed %s; %d of them redeliveries",
        records.size(), graph, filtered, deadLetters, malformed, redelivered);
  }
}
