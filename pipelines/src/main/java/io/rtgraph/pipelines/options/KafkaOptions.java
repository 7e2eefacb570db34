package io.rtgraph.pipelines.options;

import io.rtgraph.model.GraphTopics;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.kafka.ReadSourceRecords;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where a topic pipeline reads and writes Kafka. */
public interface KafkaOptions extends PipelineOptions {

  @Description("Kafka bootstrap servers, host:port[,host:port...].")
  @Default.String(KafkaClientProperties.DEFAULT_BOOTSTRAP_SERVERS)
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description(
      "The source topic to read; defaults to the pipeline's own topic (e.g. member.playback).")
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "Consumer group whose offsets are committed on checkpoints; defaults to rtgraph-<topic>.")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description("Watermark lag behind the newest event time of a partition (e.g. 5s).")
  @Default.String(ReadSourceRecords.DEFAULT_MAX_OUT_OF_ORDERNESS_FLAG)
  String getMaxOutOfOrderness();

  void setMaxOutOfOrderness(String value);

  @Description(
      "A partition without records (and caught up) for this long stops holding the watermark back"
          + " (e.g. 30s).")
  @Default.String(ReadSourceRecords.DEFAULT_IDLE_TIMEOUT_FLAG)
  String getIdleTimeout();

  void setIdleTimeout(String value);

  @Description(
      "Path of a Kafka client properties file (SASL/SSL settings) applied to every consumer,"
          + " producer and admin client. It is read where each client is created, so it must exist"
          + " there; its contents never enter the pipeline's options or display data.")
  String getKafkaClientProperties();

  void setKafkaClientProperties(String value);

  @Description("Prefix of the graph topics: <prefix>node.<Type> and <prefix>edge.<EDGE_TYPE>.")
  @Default.String(GraphTopics.DEFAULT_PREFIX)
  String getGraphTopicPrefix();

  void setGraphTopicPrefix(String value);

  @Description("Dead-letter topic; defaults to <inputTopic>.dlq.")
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description(
      "Create missing output topics (graph and dead-letter topics) at launch; when false, a missing"
          + " one fails the launch. The source topic is never created.")
  @Default.Boolean(true)
  boolean getCreateTopics();

  void setCreateTopics(boolean value);

  @Description(
      "Set at launch from the dead-letter topic's max.message.bytes (when smaller than the size this"
          + " pipeline gives the topics it creates): every dead letter is written to fit it.")
  @Hidden
  Integer getDeadLetterMaxMessageBytes();

  void setDeadLetterMaxMessageBytes(Integer value);

  @Description("Partitions of the output topics this pipeline creates.")
  @Default.Integer(3)
  int getTopicPartitions();

  void setTopicPartitions(int value);
}
