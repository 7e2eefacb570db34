package io.rtgraph.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.GraphTopics;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.it.KafkaBroker;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The launch-time topic checks against a real broker, read back with Kafka's own admin client:
 * graph topics are created with {@code cleanup.policy=delete} and a compacted one is refused; the
 * dead-letter bound is the smaller of the pipeline's size and the topic's {@code
 * max.message.bytes}.
 */
public class TopicKafkaIT {
  private static final int MAX_RECORD_BYTES = 64 * 1024;

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();

  @Test
  public void theGraphTopicsItCreatesAreExplicitlyDeletePolicy() throws Exception {
    TopicPipelineOptions options = runWithInputTopic("created");
    TopicKafka.prepareTopics(SourceTopic.PLAYBACK, options, true, true);

    List<String> graphTopics = GraphTopics.all(options.getGraphTopicPrefix());
    assertThat(graphTopics, hasItem(options.getGraphTopicPrefix() + "node.Title"));
    Map<String, ConfigEntry> policies = config(graphTopics, "cleanup.policy");
    for (String topic : graphTopics) {
      ConfigEntry policy = policies.get(topic);
      assertThat(topic, policy.value(), equalTo("delete"));
      assertThat(
          topic + " has its own policy, not the broker's default",
          policy.source(),
          equalTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG));
    }
  }

  @Test
  public void aCompactedGraphTopicFailsTheLaunchNamingIt() throws Exception {
    TopicPipelineOptions options = runWithInputTopic("compacted");
    String compacted = options.getGraphTopicPrefix() + "node.Title";
    String compactedAndDeleted = options.getGraphTopicPrefix() + "edge.STARTED_WATCHING";
    String plain = options.getGraphTopicPrefix() + "node.Account";
    createTopic(compacted, Map.of("cleanup.policy", "compact"));
    createTopic(compactedAndDeleted, Map.of("cleanup.policy", "compact,delete"));
    createTopic(plain, Map.of("cleanup.policy", "delete"));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TopicPipelines.PLAYBACK.run(options));
    assertThat(
        e.getMessage(),
        allOf(
            containsString(compacted + " (cleanup.policy=compact)"),
            containsString(compactedAndDeleted + " (cleanup.policy=compact,delete)"),
            containsString("CRDT delta"),
            not(containsString(plain))));
  }

  @Test
  public void anOperatorsSmallerDeadLetterTopicBoundsTheDeadLetters() throws Exception {
    TopicPipelineOptions options = runWithInputTopic("smalldlq");
    createTopic(options.getInputTopic() + ".dlq", Map.of("max.message.bytes", "100000"));
    TopicKafka.prepareTopics(SourceTopic.PLAYBACK, options, true, true);
    assertThat(options.getDeadLetterMaxMessageBytes(), equalTo(100_000));
  }

  @Test
  public void aDeadLetterTopicItCreatesTakesTwiceTheRecordLimit() throws Exception {
    TopicPipelineOptions options = runWithInputTopic("newdlq");
    TopicKafka.prepareTopics(SourceTopic.PLAYBACK, options, true, true);
    int expected = 2 * MAX_RECORD_BYTES + 64 * 1024;
    assertThat(options.getDeadLetterMaxMessageBytes(), equalTo(expected));
    String dlq = options.getInputTopic() + ".dlq";
    assertThat(
        config(List.of(dlq), "max.message.bytes").get(dlq).value(),
        equalTo(String.valueOf(expected)));
  }

  @Test
  public void aDeadLetterTopicTooSmallForTheMetadataFailsTheLaunchNamingIt() throws Exception {
    TopicPipelineOptions options = runWithInputTopic("tinydlq");
    String dlq = options.getInputTopic() + ".dlq";
    createTopic(dlq, Map.of("max.message.bytes", "1000"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> TopicKafka.prepareTopics(SourceTopic.PLAYBACK, options, true, true));
    assertThat(
        e.getMessage(),
        allOf(containsString("'" + dlq + "'"), containsString("max.message.bytes=1000")));
  }

  /**
   * The options of a run of its own, named after the scenario, whose input topic exists and whose
   * graph topics are {@code graph.<run>.*}.
   */
  private static TopicPipelineOptions runWithInputTopic(String scenario) throws Exception {
    String run = scenario + "." + System.nanoTime();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + KAFKA.bootstrapServers(),
                "--inputTopic=it." + run,
                "--graphTopicPrefix=graph." + run + ".",
                "--sinks=kafka",
                "--topicPartitions=1",
                "--maxRecordBytes=" + MAX_RECORD_BYTES,
                "--runner=DirectRunner",
                "--blockOnRun=false"));
    TopicPipelineOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
            .withValidation()
            .as(TopicPipelineOptions.class);
    createTopic(options.getInputTopic(), Map.of());
    return options;
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
  }

  /**
   * Creates the topic and waits until a new admin client lists it, as the launch check does: the
   * broker acknowledges a creation before every client's metadata shows it.
   */
  private static void createTopic(String topic, Map<String, String> configs) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all().get();
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try (Admin admin = admin()) {
        if (admin.listTopics().names().get().contains(topic)) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("topic " + topic + " is not listed a minute after its creation");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  /** The effective value of one config of each topic. */
  private static Map<String, ConfigEntry> config(List<String> topics, String name)
      throws Exception {
    List<ConfigResource> resources = new ArrayList<>();
    topics.forEach(topic -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic)));
    Map<String, ConfigEntry> entries = new TreeMap<>();
    try (Admin admin = admin()) {
      for (Map.Entry<ConfigResource, Config> config :
          admin.describeConfigs(resources).all().get().entrySet()) {
        entries.put(config.getKey().name(), config.getValue().get(name));
      }
    }
    return entries;
  }
}
