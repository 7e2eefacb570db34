package io.rtgraph.transforms.kafka;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.GraphTopics;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.json.DeadLetterJson;
import io.rtgraph.model.json.GraphUpdateJson;
import io.rtgraph.transforms.GraphResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a topic pipeline's output: each merged update to the topic of its element type ({@code
 * graph.node.<Type>}, {@code graph.edge.<EDGE_TYPE>}), keyed by element id so that all updates of
 * an element land in one partition; each dead letter to the source's dead-letter topic, keyed by
 * the source coordinates.
 *
 * <p>The producers are idempotent with {@code acks=all}: a retried send is not duplicated by the
 * broker. A replay after a failure can still repeat updates, which is harmless: updates are CRDTs.
 */
@AutoValue
public abstract class PublishToKafka extends PTransform<GraphResult, PDone> {
  /** Large enough for a dead letter that carries an oversized record. */
  public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  /** Kafka's default {@code max.message.bytes}, for a dead-letter topic whose own is not given. */
  public static final int DEFAULT_DEAD_LETTER_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;

  /** The smallest {@code max.message.bytes} a dead-letter topic may have: room for the metadata. */
  public static final int MIN_DEAD_LETTER_MAX_MESSAGE_BYTES = 32 * 1024;

  /**
   * Room kept for Kafka's framing of a record: the batch header (61 bytes), the record header (at
   * most 21 bytes of varints), and the compression frame. An incompressible value grows under lz4
   * (the producer's codec: Kafka stores each incompressible 64 KiB block as is, behind a 4-byte
   * header), gzip and zstd by far less than {@link #COMPRESSION_GROWTH_DIVISOR} of its size.
   */
  static final int RECORD_FRAMING_BYTES = 1024;

  static final int COMPRESSION_GROWTH_DIVISOR = 1024;

  abstract String bootstrapServers();

  abstract String graphTopicPrefix();

  abstract String deadLetterTopic();

  abstract KafkaClientProperties clientProperties();

  abstract int deadLetterMaxMessageBytes();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setBootstrapServers(String servers);

    abstract Builder setGraphTopicPrefix(String prefix);

    abstract Builder setDeadLetterTopic(String topic);

    abstract Builder setClientProperties(KafkaClientProperties properties);

    abstract Builder setDeadLetterMaxMessageBytes(int bytes);

    abstract PublishToKafka build();
  }

  public static PublishToKafka to(String bootstrapServers, String deadLetterTopic) {
    return new AutoValue_PublishToKafka.Builder()
        .setBootstrapServers(bootstrapServers)
        .setGraphTopicPrefix(GraphTopics.DEFAULT_PREFIX)
        .setDeadLetterTopic(deadLetterTopic)
        .setClientProperties(KafkaClientProperties.none())
        .setDeadLetterMaxMessageBytes(DEFAULT_DEAD_LETTER_MAX_MESSAGE_BYTES)
        .build();
  }

  public PublishToKafka withGraphTopicPrefix(String prefix) {
    return toBuilder().setGraphTopicPrefix(prefix).build();
  }

  public PublishToKafka withClientProperties(KafkaClientProperties properties) {
    return toBuilder().setClientProperties(properties).build();
  }

  /**
   * The {@code max.message.bytes} of the dead-letter topic: every dead letter is written to fit it,
   * its payload truncated if need be (see {@link DeadLetterJson}), so that no record, whatever it
   * holds, can fail the write and wedge the job on a replay of the same record.
   */
  public PublishToKafka withDeadLetterMaxMessageBytes(int bytes) {
    if (bytes < MIN_DEAD_LETTER_MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "dead-letter topic '"
              + deadLetterTopic()
              + "' accepts records of at most "
              + bytes
              + " bytes (max.message.bytes); a dead letter needs at least "
              + MIN_DEAD_LETTER_MAX_MESSAGE_BYTES);
    }
    return toBuilder().setDeadLetterMaxMessageBytes(bytes).build();
  }

  /**
   * The largest dead-letter value that, with its key and Kafka's framing, fits a topic accepting
   * {@code maxMessageBytes} and a producer request of {@link #MAX_REQUEST_BYTES}.
   */
  static int deadLetterValueBound(int maxMessageBytes, int keyBytes) {
    int limit = Math.min(maxMessageBytes, MAX_REQUEST_BYTES);
    return limit - limit / COMPRESSION_GROWTH_DIVISOR - RECORD_FRAMING_BYTES - keyBytes;
  }

  @Override
  public PDone expand(GraphResult result) {
    ProducerRecordCoder<String, byte[]> coder =
        ProducerRecordCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of());
    result
        .updates()
        .apply("ToGraphRecords", ParDo.of(new GraphRecordFn(graphTopicPrefix())))
        .setCoder(coder)
        .apply("WriteGraphTopics", write());
    result
        .deadLetters()
        .apply(
            "ToDeadLetterRecords",
            ParDo.of(new DeadLetterRecordFn(deadLetterTopic(), deadLetterMaxMessageBytes())))
        .setCoder(coder)
        .apply("WriteDeadLetterTopic", write());
    return PDone.in(result.getPipeline());
  }

  private KafkaIO.WriteRecords<String, byte[]> write() {
    return KafkaIO.<String, byte[]>writeRecords()
        .withBootstrapServers(bootstrapServers())
        .withKeySerializer(StringSerializer.class)
        .withValueSerializer(ByteArraySerializer.class)
        .withProducerConfigUpdates(
            Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                MAX_REQUEST_BYTES))
        .withProducerFactoryFn(
            new ClientFactory<Producer<String, byte[]>>(clientProperties(), KafkaProducer::new));
  }

  static final class GraphRecordFn extends DoFn<GraphUpdate, ProducerRecord<String, byte[]>> {
    private final String prefix;

    /** Topic names by type (node and edge type names never clash), built once, not per record. */
    private transient Map<String, String> topics;

    GraphRecordFn(String prefix) {
      this.prefix = prefix;
    }

    @Setup
    public void setup() {
      topics = new HashMap<>();
    }

    @ProcessElement
    public void processElement(
        @Element GraphUpdate update, OutputReceiver<ProducerRecord<String, byte[]>> out) {
      String topic = topics.get(update.type());
      if (topic == null) {
        topic = GraphTopics.topicFor(prefix, update);
        topics.put(update.type(), topic);
      }
      out.output(new ProducerRecord<>(topic, update.id(), GraphUpdateJson.toJsonBytes(update)));
    }
  }

  /** Writes each dead letter within what its topic accepts. */
  static final class DeadLetterRecordFn extends DoFn<DeadLetter, ProducerRecord<String, byte[]>> {
    private final String topic;
    private final int maxMessageBytes;

    DeadLetterRecordFn(String topic, int maxMessageBytes) {
      this.topic = topic;
      this.maxMessageBytes = maxMessageBytes;
    }

    @ProcessElement
    public void processElement(
        @Element DeadLetter deadLetter, OutputReceiver<ProducerRecord<String, byte[]>> out) {
      String key =
          deadLetter.sourceTopic() + "/" + deadLetter.partition() + "@" + deadLetter.offset();
      int bound =
          deadLetterValueBound(maxMessageBytes, key.getBytes(StandardCharsets.UTF_8).length);
      out.output(new ProducerRecord<>(topic, key, DeadLetterJson.toJsonBytes(deadLetter, bound)));
    }
  }
}
