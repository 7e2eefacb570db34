package io.rtgraph.pipelines.options;

import io.rtgraph.launcher.RunOptions;

/** All the flags of a topic pipeline. */
public interface TopicPipelineOptions
    extends GraphOptions, KafkaOptions, IcebergOptions, RunOptions {}
