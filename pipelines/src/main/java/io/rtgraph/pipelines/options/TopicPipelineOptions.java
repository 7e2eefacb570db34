package io.rtgraph.pipelines.options;

/** All the flags of a topic pipeline. */
public interface TopicPipelineOptions extends GraphOptions, KafkaOptions, IcebergOptions, RunOptions {}
