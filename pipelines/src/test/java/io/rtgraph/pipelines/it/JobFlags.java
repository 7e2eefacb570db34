package io.rtgraph.pipelines.it;

import io.rtgraph.pipelines.options.TopicPipelineOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The flags of a job under test, in order; a flag given again replaces the earlier one of the same
 * name, so that a scenario states only what it changes.
 */
final class JobFlags {
  private final Map<String, String> flags = new LinkedHashMap<>();

  private JobFlags() {}

  static JobFlags of(List<String> flags) {
    return new JobFlags().with(flags);
  }

  static JobFlags of(String... flags) {
    return of(List.of(flags));
  }

  /**
   * What every topic job of the integration tests takes: the broker, the input topic, a consumer
   * group and graph topic prefix of its own ({@code name}), the sample catalogs, the tests' record
   * limit, and windows of seconds so that a test drains quickly.
   */
  static JobFlags topicJob(String bootstrapServers, String inputTopic, String name, Path catalogs) {
    return of("--bootstrapServers=" + bootstrapServers, "--inputTopic=" + inputTopic)
        .with("--graphTopicPrefix=graph." + name + ".", "--consumerGroup=" + name)
        .with(CatalogFolder.flags(catalogs))
        .with(
            "--maxRecordBytes=" + TopicPipelineKafkaIT.MAX_RECORD_BYTES,
            "--dedupWindow=2s",
            "--maxOutOfOrderness=2s",
            "--idleTimeout=2s");
  }

  JobFlags with(List<String> more) {
    for (String flag : more) {
      String name = flag.split("=", 2)[0];
      flags.remove(name);
      flags.put(name, flag);
    }
    return this;
  }

  JobFlags with(String... more) {
    return with(List.of(more));
  }

  <T extends PipelineOptions> T as(Class<T> type) {
    return PipelineOptionsFactory.fromArgs(flags.values().toArray(new String[0]))
        .withValidation()
        .as(type);
  }

  TopicPipelineOptions topicOptions() {
    return as(TopicPipelineOptions.class);
  }
}
