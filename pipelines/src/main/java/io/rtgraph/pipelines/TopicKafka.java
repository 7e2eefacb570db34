package io.rtgraph.pipelines;

import io.rtgraph.model.GraphTopics;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.kafka.KafkaTopics;
import io.rtgraph.transforms.kafka.PublishToKafka;
import io.rtgraph.transforms.kafka.ReadSourceRecords;
import io.rtgraph.transforms.mapping.TopicMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the Kafka flags into a topic pipeline's source, sink and launch-time topic checks. */
final class TopicKafka {
  private static final Logger LOG = LoggerFactory.getLogger(TopicKafka.class);

  private TopicKafka() {}

  static String inputTopic(SourceTopic topic, TopicPipelineOptions options) {
    String input = options.getInputTopic();
    return input == null || input.isBlank() ? topic.topicName() : input;
  }

  static String deadLetterTopic(SourceTopic topic, TopicPipelineOptions options) {
    String dlq = options.getDeadLetterTopic();
    return dlq == null || dlq.isBlank() ? inputTopic(topic, options) + ".dlq" : dlq;
  }

  static KafkaClientProperties clientProperties(TopicPipelineOptions options) {
    return KafkaClientProperties.fromFile(options.getKafkaClientProperties());
  }

  /** {@code --consumerGroup}, else {@code rtgraph-<topic>}. */
  static String consumerGroup(SourceTopic topic, TopicPipelineOptions options) {
    String group = options.getConsumerGroup();
    return group == null || group.isBlank() ? "rtgraph-" + topic.topicName() : group;
  }

  static ReadSourceRecords source(SourceTopic topic, TopicPipelineOptions options) {
    return ReadSourceRecords.from(
            options.getBootstrapServers(),
            inputTopic(topic, options),
            consumerGroup(topic, options))
        .withClientProperties(clientProperties(options))
        .withMaxOutOfOrderness(
            FlagDurations.parse("maxOutOfOrderness", options.getMaxOutOfOrderness()))
        .withIdleTimeout(FlagDurations.parse("idleTimeout", options.getIdleTimeout()))
        .withMaxFutureSkew(TopicGraph.maxFutureSkew(options));
  }

  static PublishToKafka sink(SourceTopic topic, TopicPipelineOptions options) {
    Integer accepted = options.getDeadLetterMaxMessageBytes();
    return PublishToKafka.to(options.getBootstrapServers(), deadLetterTopic(topic, options))
        .withGraphTopicPrefix(options.getGraphTopicPrefix())
        .withClientProperties(clientProperties(options))
        .withDeadLetterMaxMessageBytes(
            accepted == null ? deadLetterMaxMessageBytes(options) : accepted);
  }

  /**
   * The {@code max.message.bytes} this pipeline gives the dead-letter topic it creates: twice
   * {@code --maxRecordBytes} plus 64 KiB, within one producer request. A dead letter whose escaped
   * payload would not fit (escaping can make it up to twelve times larger) carries a truncated one.
   */
  static int deadLetterMaxMessageBytes(TopicPipelineOptions options) {
    return (int)
        Math.min(PublishToKafka.MAX_REQUEST_BYTES, 2 * options.getMaxRecordBytes() + 64 * 1024);
  }

  /**
   * Before launch: the client properties file is readable, the source topic exists (when read), and
   * the output topics exist or are created (when written).
   *
   * <p>Graph topics are created with {@code cleanup.policy=delete}, and an existing one that is
   * compacted fails the launch: an update is a CRDT delta, not the element's full state, so a
   * compacted topic, keeping only the last update per id, would give its readers another graph.
   *
   * <p>Dead letters are written to fit the dead-letter topic: the bound is the smaller of what this
   * pipeline gives the topics it creates and what the topic accepts (an operator may have created
   * it smaller); {@link #sink} reads it from the options set here.
   */
  static void prepareTopics(
      SourceTopic topic, TopicPipelineOptions options, boolean readsSource, boolean writes) {
    if (!readsSource && !writes) {
      return;
    }
    KafkaClientProperties properties = clientProperties(options);
    properties.check();
    try (KafkaTopics topics = KafkaTopics.connect(options.getBootstrapServers(), properties)) {
      if (readsSource) {
        topics.requireSource(inputTopic(topic, options));
      }
      if (!writes) {
        return;
      }
      List<String> graphTopics = graphTopics(topic, options);
      topics.ensure(
          graphTopics,
          options.getTopicPartitions(),
          Map.of("cleanup.policy", "delete"),
          options.getCreateTopics());
      topics.requireNoCompaction(
          graphTopics,
          "a graph update is a CRDT delta, not the element's full state: compaction keeps only the last"
              + " update per id, and a consumer rebuilding the graph from what is left gets a different graph");
      String dlq = deadLetterTopic(topic, options);
      int wanted = deadLetterMaxMessageBytes(options);
      topics.ensure(
          List.of(dlq),
          options.getTopicPartitions(),
          Map.of("max.message.bytes", String.valueOf(wanted)),
          options.getCreateTopics());
      options.setDeadLetterMaxMessageBytes(
          deadLetterBound(dlq, wanted, topics.maxMessageBytes(dlq)));
    }
  }

  /**
   * Every built-in graph topic, as each pipeline has always ensured, and the topics of the element
   * types that only this topic's mapping declares (a new vertical's edge, say).
   */
  static List<String> graphTopics(SourceTopic topic, TopicPipelineOptions options) {
    TopicMapping mapping = TopicPipeline.mapping(topic, options).mapping();
    Set<String> topics = new LinkedHashSet<>(GraphTopics.all(options.getGraphTopicPrefix()));
    mapping
        .nodes()
        .forEach(
            node -> topics.add(GraphTopics.nodeTopic(options.getGraphTopicPrefix(), node.type())));
    mapping
        .edges()
        .forEach(
            edge -> topics.add(GraphTopics.edgeTopic(options.getGraphTopicPrefix(), edge.type())));
    return new ArrayList<>(topics);
  }

  private static int deadLetterBound(String topic, int wanted, int accepted) {
    if (accepted < PublishToKafka.MIN_DEAD_LETTER_MAX_MESSAGE_BYTES) {
      throw new IllegalStateException(
          "dead-letter topic '"
              + topic
              + "' has max.message.bytes="
              + accepted
              + "; a dead letter needs at least "
              + PublishToKafka.MIN_DEAD_LETTER_MAX_MESSAGE_BYTES
              + " (give it "
              + wanted
              + ", or name another"
              + " topic with --deadLetterTopic)");
    }
    if (accepted < wanted) {
      LOG.warn(
          "Dead-letter topic {} accepts records of at most {} bytes (its max.message.bytes), less than the {} this"
              + " pipeline gives the topics it creates (2 x --maxRecordBytes + 64 KiB): a dead letter that would not"
              + " fit carries a truncated payload; the whole record stays in the raw archive",
          topic,
          accepted,
          wanted);
      return accepted;
    }
    LOG.info("Dead letters to {} are written within {} bytes", topic, wanted);
    return wanted;
  }
}
