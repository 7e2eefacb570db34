package io.rtgraph.pipelines.it;

import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.json.DeadLetterJson;
import io.rtgraph.tools.graph.GraphTopicReader;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A dead-letter topic read from the beginning with a plain consumer: the reason of each dead letter
 * by the {@code partition@offset} of the source record it names, the form in which {@link
 * ProducedRecords} says what to expect.
 */
final class DeadLetters {
  private DeadLetters() {}

  static Map<String, DeadLetterReason> reasons(
      String bootstrapServers, KafkaClientProperties clientProperties, String topic) {
    try (GraphTopicReader reader = new GraphTopicReader(bootstrapServers, clientProperties)) {
      return reasons(reader, topic);
    }
  }

  static Map<String, DeadLetterReason> reasons(GraphTopicReader reader, String topic) {
    return reasons(reader, topic, deadLetter -> {});
  }

  /** As {@link #reasons(GraphTopicReader, String)}, showing each dead letter to {@code check}. */
  static Map<String, DeadLetterReason> reasons(
      GraphTopicReader reader, String topic, Consumer<DeadLetter> check) {
    Map<String, DeadLetterReason> reasons = new TreeMap<>();
    reader.readAll(
        List.of(topic),
        record -> {
          DeadLetter deadLetter = DeadLetterJson.fromJson(record.value());
          check.accept(deadLetter);
          reasons.put(deadLetter.partition() + "@" + deadLetter.offset(), deadLetter.reason());
        });
    return reasons;
  }
}
