package io.rtgraph.tools.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.EventJson;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.InvalidEventException;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.transforms.CatalogLookup;
import io.rtgraph.transforms.GraphMapping;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * The shipped mapping files of the four Netflix topics behave exactly as the hand-written code they
 * replaced ({@link EventJson}, {@link CatalogLookup}, {@link GraphMapping}) on thousands of
 * generated records, malformed ones included: the same dead-letter reason and message, the same
 * filter decisions (checked against the generator's own fate of each record), the same raw updates.
 */
public class MappingEquivalenceTest {
  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder()
          .setSeed(12)
          .setAccounts(60)
          .setEventsPerTopic(3000)
          .setEnd(Instant.parse("2026-11-27T12:00:00Z"))
          .setSpan(Duration.standardMinutes(10))
          .setMalformedShare(0.05)
          .build();

  @Test
  public void theShippedMappingsParseFilterAndMapAsTheHandWrittenCodeDid() throws Exception {
    Catalogs catalogs = SampleCatalogs.load();
    for (SourceTopic topic : SourceTopic.values()) {
      CompiledMapping mapping = TopicMappings.shipped(topic);
      int deadLetters = 0;
      int filtered = 0;
      int mapped = 0;
      for (GeneratedRecord record : new EventGenerator(CONFIG, catalogs).generate(topic)) {
        String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
        String where =
            topic.topicName() + " record " + json.substring(0, Math.min(300, json.length()));
        MemberEvent typed;
        try {
          typed = EventJson.parse(topic, record.value());
        } catch (InvalidEventException expected) {
          InvalidEventException actual = parseFailure(mapping, record.value(), where);
          assertThat(where, actual.reason(), equalTo(expected.reason()));
          assertThat(where, actual.getMessage(), equalTo(expected.getMessage()));
          deadLetters++;
          continue;
        }
        MappedEvent event = mapping.parse(record.value());
        boolean dropped = mapping.firstMatchingDropRule(event) >= 0;
        if (record.fate()
            != GeneratedRecord.Fate.DEAD_LETTER) { // size and clock skew are ParseEvents' rules
          assertThat(where, dropped, equalTo(record.fate() == GeneratedRecord.Fate.FILTERED));
        }
        if (dropped) {
          filtered++;
          continue;
        }
        List<GraphUpdate> expected = GraphMapping.updatesFor(CatalogLookup.enrich(typed, catalogs));
        List<GraphUpdate> actual =
            mapping.updatesFor(mapping.join(event, catalogs, (join, hit) -> {}));
        assertThat(where, actual, containsInAnyOrder(expected.toArray()));
        assertThat(where, actual.size(), equalTo(expected.size()));
        mapped++;
      }
      assertThat(topic + " dead letters", deadLetters, greaterThan(100));
      assertThat(topic + " filtered", filtered, greaterThan(100));
      assertThat(topic + " mapped", mapped, greaterThan(1000));
    }
  }

  private static InvalidEventException parseFailure(
      CompiledMapping mapping, byte[] value, String where) {
    try {
      mapping.parse(value);
    } catch (InvalidEventException e) {
      return e;
    }
    throw new AssertionError(where + ": the mapping accepted a record the typed reader refused");
  }
}
