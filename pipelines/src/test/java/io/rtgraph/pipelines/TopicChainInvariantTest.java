package io.rtgraph.pipelines;

import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.pipelines.it.CatalogFolder;
import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.ExpectedGraph;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.GraphResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The product's central promise, per topic: the graph folded from the pipeline's merged updates
 * equals the graph merged directly from the raw per-event updates, whatever the dedup window and
 * despite out-of-order, late, redelivered and malformed records; and the dead letters are exactly
 * the malformed records.
 *
 * <p>Generated records are replayed through a {@code TestStream} in append order, in chunks, with
 * the watermark trailing the newest event time by the out-of-orderness bound, as the Kafka source
 * does; late records therefore arrive behind the watermark.
 */
@RunWith(Parameterized.class)
public class TopicChainInvariantTest {
  private static final Instant END = Instant.parse("2026-11-27T10:00:00Z");
  private static final int MAX_RECORD_BYTES = 4000;
  private static final Duration OUT_OF_ORDERNESS = Duration.standardSeconds(5);
  private static final int CHUNK = 160;
  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder()
          .setSeed(2026)
          .setEnd(END)
          .setAccounts(40)
          .setEventsPerTopic(800)
          .setSpan(Duration.standardMinutes(5))
          .setLateness(Duration.standardMinutes(1))
          .setMalformedShare(0.05)
          .setOversizedBytes(MAX_RECORD_BYTES + 1)
          .build();

  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Parameters(name = "{0} with a {1} dedup window")
  public static Collection<Object[]> cases() {
    return TopicCases.eachWith("1s", "1h");
  }

  @Parameter(0)
  public SourceTopic topic;

  @Parameter(1)
  public String dedupWindow;

  @Test
  public void foldedOutputEqualsTheDirectlyMergedGraph() {
    List<GeneratedRecord> records = generate(topic);
    GraphOptions options = p.getOptions().as(GraphOptions.class);
    CATALOGS.pointAt(options);
    options.setCatalogRefreshInterval("0s");
    options.setDedupWindow(dedupWindow);
    options.setMaxRecordBytes(MAX_RECORD_BYTES);

    GraphResult graph =
        TopicPipelines.of(topic).buildGraph(p.apply("Replay", replay(records)), options);

    SourceTopic checkedTopic = topic;
    PAssert.that(graph.updates())
        .satisfies(
            updates -> {
              MaterializedGraph expected =
                  ExpectedGraph.of(generate(checkedTopic), MAX_RECORD_BYTES);
              MaterializedGraph actual = MaterializedGraph.of(updates);
              assertThat(
                  "missing or extra element ids",
                  actual.elements().keySet(),
                  equalTo(expected.elements().keySet()));
              assertThat(actual, equalTo(expected));
              return null;
            });
    PAssert.that(graph.deadLetters())
        .satisfies(
            deadLetters -> {
              assertThat(
                  describe(deadLetters), equalTo(expectedDeadLetters(generate(checkedTopic))));
              return null;
            });
    PipelineResult result = p.run();

    long raw = counter(result, GraphMetric.RAW_UPDATES);
    long emitted = counter(result, GraphMetric.EMITTED_UPDATES);
    long graphRecords =
        records.stream().filter(r -> r.fate() == GeneratedRecord.Fate.GRAPH).count();
    long malformed =
        records.stream().filter(r -> r.fate() == GeneratedRecord.Fate.DEAD_LETTER).count();
    assertThat(counter(result, GraphMetric.RECORDS_IN), equalTo((long) records.size()));
    assertThat(counter(result, GraphMetric.DEAD_LETTERED), equalTo(malformed));
    assertThat(counter(result, GraphMetric.GRAPH_EVENTS), equalTo(graphRecords));
    assertThat("merging reduces writes", emitted, lessThan(raw));
    System.out.printf(
        "invariant %s dedupWindow=%s: records=%d deadLetters=%d rawUpdates=%d emittedUpdates=%d writeReduction=%.3f%n",
        topic.topicName(),
        dedupWindow,
        records.size(),
        malformed,
        raw,
        emitted,
        (double) emitted / raw);
  }

  private static List<GeneratedRecord> generate(SourceTopic topic) {
    return new EventGenerator(CONFIG, SampleCatalogs.load()).generate(topic);
  }

  /** The records in append order, with the watermark trailing the newest event time. */
  private static TestStream<RawRecord> replay(List<GeneratedRecord> records) {
    TestStream.Builder<RawRecord> stream =
        TestStream.create(ModelCoder.of(RawRecord.class))
            .advanceWatermarkTo(CONFIG.end().minus(Duration.standardHours(1)));
    Instant watermark = CONFIG.end().minus(Duration.standardHours(1));
    Instant newest = watermark;
    long[] offsets = new long[3];
    for (int from = 0; from < records.size(); from += CHUNK) {
      List<TimestampedValue<RawRecord>> chunk = new ArrayList<>();
      for (GeneratedRecord record : records.subList(from, Math.min(records.size(), from + CHUNK))) {
        int partition = Math.floorMod(record.key().hashCode(), offsets.length);
        RawRecord raw =
            RawRecord.of(
                record.topic().topicName(),
                partition,
                offsets[partition]++,
                END,
                END,
                record.value());
        // A dead letter has no event time; the source stamps it with the newest time it has seen.
        Instant timestamp = record.event() == null ? newest : record.event().eventTime();
        chunk.add(TimestampedValue.of(raw, timestamp));
        if (timestamp.isAfter(newest)) {
          newest = timestamp;
        }
      }
      stream =
          stream.addElements(
              chunk.get(0), chunk.subList(1, chunk.size()).toArray(new TimestampedValue[0]));
      Instant next = newest.minus(OUT_OF_ORDERNESS);
      if (next.isAfter(watermark)) {
        watermark = next;
        stream = stream.advanceWatermarkTo(watermark);
      }
    }
    return stream.advanceWatermarkToInfinity();
  }

  private static Set<String> expectedDeadLetters(List<GeneratedRecord> records) {
    Set<String> expected = new TreeSet<>();
    long[] offsets = new long[3];
    for (GeneratedRecord record : records) {
      int partition = Math.floorMod(record.key().hashCode(), offsets.length);
      long offset = offsets[partition]++;
      if (record.fate() == GeneratedRecord.Fate.DEAD_LETTER) {
        expected.add(
            partition
                + "@"
                + offset
                + " "
                + record.reason()
                + " "
                + Arrays.hashCode(record.value()));
      }
    }
    return expected;
  }

  private static Set<String> describe(Iterable<DeadLetter> deadLetters) {
    return StreamSupport.stream(deadLetters.spliterator(), false)
        .map(
            d ->
                d.partition()
                    + "@"
                    + d.offset()
                    + " "
                    + d.reason()
                    + " "
                    + Arrays.hashCode(d.payload()))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
