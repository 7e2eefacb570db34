package io.rtgraph.pipelines;

import io.rtgraph.model.GraphTopics;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.FlagDurations;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.kafka.KafkaTopics;
import io.rtgraph.transforms.kafka.PublishToKafka;
import io.rtgraph.transforms.kafka.ReadSourceRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the Kafka flags into a topic pipeline's source, sink and launch-time topic checks. */
final class TopicKafka {
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

  static ReadSourceRecords source(SourceTopic topic, TopicPipelineOptions options) {
    String group = options.getConsumerGroup();
    return ReadSourceRecords.from(
            options.getBootstrapServers(),
            inputTopic(topic, options),
            group == null || group.isBlank() ? "rtgraph-" + topic.topicName() : group)
        .withClientProperties(clientProperties(options))
        .withMaxOutOfOrderness(FlagDurations.parse("maxOutOfOrderness", options.getMaxOutOfOrderness()))
        .withIdleTimeout(FlagDurations.parse("idleTimeout", options.getIdleTimeout()))
        .withMaxFutureSkew(FlagDurations.parse("maxFutureSkew", options.getMaxFutureSkew()));
  }

  static PublishToKafka sink(SourceTopic topic, TopicPipelineOptions options) {
    return PublishToKafka.to(options.getBootstrapServers(), deadLetterTopic(topic, options))
        .withGraphTopicPrefix(options.getGraphTopicPrefix())
        .withClientProperties(clientProperties(options));
  }

  /**
   * Before launch: the client properties file is readable, the source topic exists (when read), and
   * the output topics exist or are created (when written). The dead-letter topic accepts records
   * twice the size limit.
   */
  static void prepareTopics(SourceTopic topic, TopicPipelineOptions options, boolean readsSource, boolean writes) {
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
      topics.ensure(GraphTopics.all(options.getGraphTopicPrefix()), options.getTopicPartitions(), Map.of(), options.getCreateTopics());
      long deadLetterBytes = Math.min(Integer.MAX_VALUE, 2 * options.getMaxRecordBytes() + 64 * 1024);
      List<String> dlq = new ArrayList<>(List.of(deadLetterTopic(topic, options)));
      topics.ensure(dlq, options.getTopicPartitions(), Map.of("max.message.bytes", String.valueOf(deadLetterBytes)), options.getCreateTopics());
    }
  }
}
