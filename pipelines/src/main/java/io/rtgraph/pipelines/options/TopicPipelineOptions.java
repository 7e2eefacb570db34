package io.rtgraph.pipelines.options;

/** All the flags of a streaming topic pipeline. */
public interface TopicPipelineOptions extends GraphOptions, KafkaOptions, RunOptions {}
