package io.rtgraph.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtgraph.tools.cli.Flags;
import org.junit.Test;

/**
 * Both modes of {@code scripts/bench.sh}, small enough for CI: the JSON line carries every field
 * and the figures are consistent with each other. It asserts no speed: these machines are shared.
 */
public class BenchIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void throughputModeReadsEveryEventAndReportsEveryFigure() throws Exception {
    JsonNode line = run("--events=20000");
    System.out.println("throughput: " + line);

    assertThat(line.path("mode").asText(), equalTo("throughput"));
    // The generator adds redelivered and malformed records to the base events.
    assertThat(line.path("events").asLong(), greaterThanOrEqualTo(20_000L));
    assertThat(line.path("dead_lettered").asLong(), greaterThan(0L));
    assertThat(
        line.path("emitted_updates").asLong(),
        allOf(greaterThan(0L), lessThan(line.path("raw_updates").asLong())));
    assertThat(line.path("write_reduction").asDouble(), allOf(greaterThan(0.0), lessThan(1.0)));
    for (String figure :
        new String[] {
          "wall_seconds",
          "process_cpu_seconds",
          "events_per_second",
          "events_per_cpu_second",
          "baseline_events_per_cpu_second",
          "ratio_to_baseline",
          "peak_heap_mb"
        }) {
      assertThat(figure, line.path(figure).asDouble(), greaterThan(0.0));
    }
    assertThat(
        "the ratio is the quotient of the two rates",
        line.path("ratio_to_baseline").asDouble(),
        equalTo(
            Bench.round(
                line.path("events_per_cpu_second").asDouble()
                    / line.path("baseline_events_per_cpu_second").asDouble())));
  }

  @Test
  public void pacedModeMeasuresTheLagOfSampledEventsAndTheHeapOverTime() throws Exception {
    JsonNode line = run("--rate=500", "--seconds=25", "--dedupWindow=2s");
    System.out.println("paced: " + line);

    assertThat(line.path("mode").asText(), equalTo("paced"));
    assertThat(line.path("events").asLong(), greaterThanOrEqualTo(500L * 20));
    assertThat(line.path("lag_samples").asLong(), greaterThan(0L));
    assertThat(
        line.path("lag_p50_ms").asLong(),
        allOf(lessThan(line.path("lag_p99_ms").asLong() + 1), greaterThan(-2_000L)));
    assertThat(
        line.path("lag_max_ms").asLong(), greaterThanOrEqualTo(line.path("lag_p99_ms").asLong()));
    assertThat(line.path("heap_mb_every_10s").size(), greaterThanOrEqualTo(2));
    assertThat(
        line.path("heap_after_gc_mb_every_10s").size(),
        equalTo(line.path("heap_mb_every_10s").size()));
  }

  private static JsonNode run(String... args) throws Exception {
    Bench bench = new Bench();
    Flags.commandLine(bench, "bench").parseArgs(args);
    return JSON.readTree(bench.measure());
  }
}
