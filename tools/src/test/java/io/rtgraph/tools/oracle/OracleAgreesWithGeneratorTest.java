package io.rtgraph.tools.oracle;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.PinnedConfigs;
import io.rtgraph.tools.generator.SampleCatalogs;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Two independent derivations of every generated record's fate agree: the generator's label, known
 * from how it made the record, and the oracle's verdict, read from the record's bytes by
 * PRODUCT.md's rules.
 */
public class OracleAgreesWithGeneratorTest {
  private static final int MAX_RECORD_BYTES = 4000;
  private static final GeneratorConfig CONFIG =
      PinnedConfigs.withMalformed(3_000, 100, MAX_RECORD_BYTES + 1);

  /** The generator's dead-letter reasons, by name, and the PRODUCT.md rule each one breaks. */
  private static final Map<String, Verdict.BrokenRule> RULE_OF_REASON =
      Map.of(
          "RECORD_TOO_LARGE", Verdict.BrokenRule.TOO_LARGE,
          "INVALID_UTF8", Verdict.BrokenRule.NOT_UTF8,
          "NOT_A_JSON_OBJECT", Verdict.BrokenRule.NOT_A_JSON_OBJECT,
          "MISSING_FIELD", Verdict.BrokenRule.MISSING_FIELD,
          "WRONG_FIELD_TYPE", Verdict.BrokenRule.WRONG_FIELD_TYPE,
          "INVALID_EVENT_TIME", Verdict.BrokenRule.UNPARSEABLE_EVENT_TIME,
          "INVALID_ACTION", Verdict.BrokenRule.VALUE_NOT_ALLOWED,
          "EVENT_TIME_TOO_FAR_IN_FUTURE", Verdict.BrokenRule.EVENT_TIME_IN_FUTURE);

  @Test
  public void everyGeneratedRecordGetsTheFateItWasMadeFor() {
    InputRules rules =
        InputRules.defaults()
            .withMaxRecordBytes(MAX_RECORD_BYTES)
            .withProcessingTime(CONFIG.end().getMillis());
    EventGenerator generator = new EventGenerator(CONFIG, SampleCatalogs.load());
    for (SourceTopic topic : SourceTopic.values()) {
      Map<Verdict.Fate, Integer> fates = new EnumMap<>(Verdict.Fate.class);
      Map<Verdict.BrokenRule, Integer> broken = new EnumMap<>(Verdict.BrokenRule.class);
      List<GeneratedRecord> records = generator.generate(topic);
      for (GeneratedRecord record : records) {
        Verdict verdict = rules.judge(topic.topicName(), record.value());
        assertThat(record.toString(), verdict.fate().name(), equalTo(record.fate().name()));
        if (record.fate() == GeneratedRecord.Fate.DEAD_LETTER) {
          assertThat(
              record.toString(),
              verdict.broken(),
              equalTo(RULE_OF_REASON.get(record.reason().name())));
          broken.merge(verdict.broken(), 1, Integer::sum);
        }
        fates.merge(verdict.fate(), 1, Integer::sum);
      }
      assertThat(
          topic + " has every fate", fates.keySet(), equalTo(EnumSet.allOf(Verdict.Fate.class)));
      assertThat(
          topic + " breaks every rule",
          broken.keySet(),
          equalTo(EnumSet.allOf(Verdict.BrokenRule.class)));
      assertThat(
          topic + " sends most records to the graph",
          fates.get(Verdict.Fate.GRAPH),
          greaterThan(records.size() / 2));
    }
  }
}
