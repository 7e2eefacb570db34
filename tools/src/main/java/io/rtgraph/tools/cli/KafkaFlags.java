package io.rtgraph.tools.cli;

import io.rtgraph.transforms.kafka.KafkaClientProperties;
import picocli.CommandLine.Option;

/** The flags that reach a broker, for the tools that read or write Kafka ({@code @Mixin}). */
public final class KafkaFlags {
  @Option(
      names = "--bootstrapServers",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})",
      defaultValue = KafkaClientProperties.DEFAULT_BOOTSTRAP_SERVERS)
  public String bootstrapServers;

  @Option(
      names = "--kafkaClientProperties",
      description = "client properties file (SASL/SSL settings)")
  String clientPropertiesFile;

  /** The settings of the client properties file; none without one. */
  public KafkaClientProperties clientProperties() {
    return KafkaClientProperties.fromFile(clientPropertiesFile);
  }
}
