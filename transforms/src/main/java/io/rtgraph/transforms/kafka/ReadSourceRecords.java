package io.rtgraph.transforms.kafka;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.transforms.FlagDurations;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Reads one source topic as raw records: bytes plus topic, partition, offset, Kafka timestamp and
 * the ingestion time. Values are not deserialized here; {@code ParseEvents} validates them, so a
 * bad record becomes a dead letter instead of an exception inside the source.
 *
 * <p>Element timestamps and the watermark come from {@link EventTimePolicy}. Offsets are committed
 * to the consumer group when a checkpoint finalizes, so a restarted job without a checkpoint to
 * restore resumes where the last completed checkpoint left off; a topic the group has never read is
 * read from the earliest offset.
 */
@AutoValue
public abstract class ReadSourceRecords extends PTransform<PBegin, PCollection<RawRecord>> {
  /**
   * The defaults as a flag spells them: compile-time constants, so that the pipelines' flags name
   * them as their defaults, and the Durations below are read from them.
   */
  public static final String DEFAULT_MAX_OUT_OF_ORDERNESS_FLAG = "5s";

  public static final String DEFAULT_IDLE_TIMEOUT_FLAG = "30s";

  public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS =
      FlagDurations.parse("maxOutOfOrderness", DEFAULT_MAX_OUT_OF_ORDERNESS_FLAG);
  public static final Duration DEFAULT_IDLE_TIMEOUT =
      FlagDurations.parse("idleTimeout", DEFAULT_IDLE_TIMEOUT_FLAG);

  abstract String bootstrapServers();

  abstract String topic();

  abstract String consumerGroup();

  abstract KafkaClientProperties clientProperties();

  abstract Duration maxOutOfOrderness();

  abstract Duration idleTimeout();

  abstract Duration maxFutureSkew();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setBootstrapServers(String servers);

    abstract Builder setTopic(String topic);

    abstract Builder setConsumerGroup(String group);

    abstract Builder setClientProperties(KafkaClientProperties properties);

    abstract Builder setMaxOutOfOrderness(Duration duration);

    abstract Builder setIdleTimeout(Duration duration);

    abstract Builder setMaxFutureSkew(Duration duration);

    abstract ReadSourceRecords build();
  }

  public static ReadSourceRecords from(
      String bootstrapServers, String topic, String consumerGroup) {
    return new AutoValue_ReadSourceRecords.Builder()
        .setBootstrapServers(bootstrapServers)
        .setTopic(topic)
        .setConsumerGroup(consumerGroup)
        .setClientProperties(KafkaClientProperties.none())
        .setMaxOutOfOrderness(DEFAULT_MAX_OUT_OF_ORDERNESS)
        .setIdleTimeout(DEFAULT_IDLE_TIMEOUT)
        .setMaxFutureSkew(io.rtgraph.transforms.ParseEvents.DEFAULT_MAX_FUTURE_SKEW)
        .build();
  }

  public ReadSourceRecords withClientProperties(KafkaClientProperties properties) {
    return toBuilder().setClientProperties(properties).build();
  }

  public ReadSourceRecords withMaxOutOfOrderness(Duration duration) {
    return toBuilder().setMaxOutOfOrderness(duration).build();
  }

  public ReadSourceRecords withIdleTimeout(Duration duration) {
    return toBuilder().setIdleTimeout(duration).build();
  }

  /** Records further ahead of the processing clock than this do not move the watermark. */
  public ReadSourceRecords withMaxFutureSkew(Duration duration) {
    return toBuilder().setMaxFutureSkew(duration).build();
  }

  @Override
  public PCollection<RawRecord> expand(PBegin begin) {
    return begin
        .apply(
            "ReadFromKafka",
            KafkaIO.<byte[], byte[]>read()
                .withBootstrapServers(bootstrapServers())
                .withTopic(topic())
                .withKeyDeserializer(ByteArrayDeserializer.class)
                .withValueDeserializer(ByteArrayDeserializer.class)
                .withConsumerConfigUpdates(
                    Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        consumerGroup(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false))
                .withConsumerFactoryFn(
                    new ClientFactory<Consumer<byte[], byte[]>>(
                        clientProperties(), KafkaConsumer::new))
                .withTimestampPolicyFactory(
                    new EventTimePolicy.Factory(
                        maxOutOfOrderness(), idleTimeout(), maxFutureSkew(), null))
                .commitOffsetsInFinalize())
        .apply("ToRawRecords", ParDo.of(new ToRawRecordFn()))
        .setCoder(ModelCoder.of(RawRecord.class));
  }

  /** Keeps the record's coordinates and notes when it was ingested. */
  static final class ToRawRecordFn extends DoFn<KafkaRecord<byte[], byte[]>, RawRecord> {
    @ProcessElement
    public void processElement(
        @Element KafkaRecord<byte[], byte[]> record, OutputReceiver<RawRecord> out) {
      out.output(
          RawRecord.of(
              record.getTopic(),
              record.getPartition(),
              record.getOffset(),
              new Instant(record.getTimestamp()),
              Instant.now(),
              record.getKV().getValue()));
    }
  }
}
