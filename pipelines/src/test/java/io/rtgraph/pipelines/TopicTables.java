package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.iceberg.GraphWarehouse;

/**
 * For tests outside this package: the warehouse and archive table a topic pipeline's flags name,
 * resolved by the pipeline's own code, so that a test opens the tables the job wrote whatever the
 * catalog type.
 */
public final class TopicTables {
  private TopicTables() {}

  public static GraphWarehouse warehouse(TopicPipelineOptions options) {
    return TopicIceberg.warehouse(options);
  }

  public static String archiveTable(SourceTopic topic, TopicPipelineOptions options) {
    return TopicIceberg.archiveTable(topic, options);
  }
}
