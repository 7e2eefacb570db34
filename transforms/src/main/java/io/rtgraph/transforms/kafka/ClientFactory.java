package io.rtgraph.transforms.kafka;

import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Creates a Kafka client where KafkaIO runs it, with the client properties file applied to the
 * configuration KafkaIO hands over: the file is read on the worker, not where the job is built.
 *
 * @param newClient a client's constructor, such as {@code KafkaProducer::new}
 */
record ClientFactory<C>(
    KafkaClientProperties clientProperties, SerializableFunction<Map<String, Object>, C> newClient)
    implements SerializableFunction<Map<String, Object>, C> {

  @Override
  public C apply(Map<String, Object> config) {
    return newClient.apply(clientProperties.applyTo(config));
  }
}
