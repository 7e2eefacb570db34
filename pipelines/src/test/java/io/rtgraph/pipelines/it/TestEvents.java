package io.rtgraph.pipelines.it;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** The generator's events as the integration tests use them, with the sample catalogs. */
final class TestEvents {
  private TestEvents() {}

  /**
   * Two minutes of events up to now (whole seconds), some up to 30 s late; a test sets the accounts
   * and counts it needs.
   */
  static GeneratorConfig.Builder recent(long seed) {
    return GeneratorConfig.builder()
        .setSeed(seed)
        .setEnd(new Instant((System.currentTimeMillis() / 1000) * 1000))
        .setSpan(Duration.standardMinutes(2))
        .setLateness(Duration.standardSeconds(30));
  }

  /**
   * As {@link #recent}, with this share of malformed records of every kind, the oversized ones one
   * byte over the tests' {@code --maxRecordBytes}.
   */
  static GeneratorConfig.Builder recentWithMalformed(long seed, double malformedShare) {
    return recent(seed)
        .setMalformedShare(malformedShare)
        .setOversizedBytes(TopicPipelineKafkaIT.MAX_RECORD_BYTES + 1);
  }

  /**
   * The fault tests' events: one minute up to this instant, some up to 20 s late, 40 accounts, no
   * cross-device example.
   */
  static List<GeneratedRecord> forFault(
      SourceTopic topic, long seed, int events, double malformed, int oversized) {
    return generate(
        GeneratorConfig.builder()
            .setSeed(seed)
            .setEnd(Instant.now())
            .setSpan(Duration.standardMinutes(1))
            .setLateness(Duration.standardSeconds(20))
            .setAccounts(40)
            .setEventsPerTopic(events)
            .setMalformedShare(malformed)
            .setOversizedBytes(oversized)
            .setCrossDeviceExample(false),
        topic);
  }

  /**
   * As {@link #forFault(SourceTopic, long, int, double, int)}, oversized as in {@link
   * #recentWithMalformed}.
   */
  static List<GeneratedRecord> forFault(
      SourceTopic topic, long seed, int events, double malformed) {
    return forFault(topic, seed, events, malformed, TopicPipelineKafkaIT.MAX_RECORD_BYTES + 1);
  }

  static List<GeneratedRecord> generate(GeneratorConfig.Builder config, SourceTopic topic) {
    return new EventGenerator(config.build(), SampleCatalogs.load()).generate(topic);
  }
}
