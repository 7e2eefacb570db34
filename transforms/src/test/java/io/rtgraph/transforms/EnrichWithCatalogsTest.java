package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;
import io.rtgraph.transforms.mapping.CatalogKind;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import io.rtgraph.transforms.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Catalog enrichment: a hit, a miss, and catalogs that change under a running streaming pipeline.
 */
public class EnrichWithCatalogsTest {
  private static final CompiledMapping PLAYBACK = TopicMappings.shipped(SourceTopic.PLAYBACK);
  private static final java.time.Duration DEADLINE = java.time.Duration.ofSeconds(90);

  /** Titles seen by the running pipeline, per test run, for the streaming test to wait on. */
  private static final Map<String, Queue<String>> SEEN = new ConcurrentHashMap<>();

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aHitAddsTheCatalogEntry() throws IOException {
    Path titles =
        write(
            "titles.jsonl",
            "{\"titleId\":\"t1\",\"name\":\"Dark\",\"kind\":\"SHOW\",\"genre\":\"thriller\"}");
    MappedEvent event = playback("e1", "t1");
    PAssert.that(enrich(PLAYBACK, LoadCatalogs.once().withTitles(titles.toString()), event))
        .containsInAnyOrder(
            event.withJoined(new Object[] {TitleInfo.of("t1", "Dark", "SHOW", "thriller")}));
    PipelineResult result = p.run();
    assertThat(
        counter(result, GraphMetric.catalogHit(CatalogKind.TITLES.counterSuffix())), equalTo(1L));
    assertThat(
        counter(result, GraphMetric.catalogMiss(CatalogKind.TITLES.counterSuffix())), equalTo(0L));
  }

  @Test
  public void aMissKeepsTheEventUnenrichedAndIsCounted() throws IOException {
    Path titles = write("titles.jsonl", "{\"titleId\":\"t1\",\"name\":\"Dark\"}");
    MappedEvent event = playback("e1", "t404");
    PAssert.that(enrich(PLAYBACK, LoadCatalogs.once().withTitles(titles.toString()), event))
        .containsInAnyOrder(event.withJoined(new Object[] {null}));
    PipelineResult result = p.run();
    assertThat(
        counter(result, GraphMetric.catalogMiss(CatalogKind.TITLES.counterSuffix())), equalTo(1L));
  }

  @Test
  public void aGameIsJoinedWithTheTitleItIsBasedOn() throws IOException {
    Path titles = write("titles.jsonl", "{\"titleId\":\"t1\",\"name\":\"Dark\"}");
    Path games =
        write(
            "games.jsonl",
            "{\"gameId\":\"g1\",\"name\":\"Dark Puzzles\",\"basedOnTitleId\":\"t1\"}");
    CompiledMapping gameplay = TopicMappings.shipped(SourceTopic.GAMEPLAY);
    MappedEvent event =
        parse(
            gameplay,
            Records.event(
                "e1",
                Records.T0_TEXT,
                "\"profileId\":\"p1\",\"deviceId\":\"d1\",\"action\":\"PLAY\",\"gameId\":\"g1\""));
    PAssert.that(
            enrich(
                gameplay,
                LoadCatalogs.once().withTitles(titles.toString()).withGames(games.toString()),
                event))
        .containsInAnyOrder(
            event.withJoined(
                new Object[] {
                  GameInfo.of("g1", "Dark Puzzles", null, "t1"),
                  TitleInfo.of("t1", "Dark", null, null)
                }));
    p.run();
  }

  @Test
  public void aMissingCatalogFileMeansMissesNotFailures() {
    MappedEvent event = playback("e1", "t1");
    PAssert.that(
            enrich(
                PLAYBACK,
                LoadCatalogs.once().withTitles(folder.getRoot() + "/absent.jsonl"),
                event))
        .containsInAnyOrder(event.withJoined(new Object[] {null}));
    PipelineResult result = p.run();
    assertThat(counter(result, GraphMetric.CATALOG_REFRESH_FAILURES), equalTo(1L));
  }

  @Test
  public void aRunningPipelineSeesCatalogChangesAndKeepsTheLastGoodVersionOnBadRefreshes()
      throws Exception {
    String run = "refresh-" + System.nanoTime();
    Queue<String> seen = SEEN.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>());
    Path titles = write("titles.jsonl", "{\"titleId\":\"t1\",\"name\":\"Version 1\"}");

    PipelineResult result = runRefreshing(titles, "t1", run);
    try {
      Await.until("the first catalog version is used", DEADLINE, () -> seen.contains("Version 1"));

      replace(titles, "{\"titleId\":\"t1\",\"name\":\"Version 2\"}\n");
      Await.until(
          "the changed catalog is used without a restart",
          DEADLINE,
          () -> seen.contains("Version 2"));

      Files.delete(titles);
      Await.until(
          "a deleted catalog is counted as a failed refresh",
          DEADLINE,
          () -> counter(result, GraphMetric.CATALOG_REFRESH_FAILURES) >= 1);
      replace(titles, "{\"titleId\":\"t1\",\"name\":\"Version 3\"}\n{\"titleId\":\"t2\",\"na");
      long failuresBefore = counter(result, GraphMetric.CATALOG_REFRESH_FAILURES);
      Await.until(
          "a corrupted catalog is counted as a failed refresh",
          DEADLINE,
          () -> counter(result, GraphMetric.CATALOG_REFRESH_FAILURES) > failuresBefore);
      assertTheNextEventsAllSee(seen, "Version 2");
      assertThat(counter(result, GraphMetric.CATALOG_REFRESH_FAILURES), greaterThanOrEqualTo(2L));
    } finally {
      result.cancel();
      SEEN.remove(run);
    }
  }

  /**
   * A catalog rewritten in place is first empty, then cut at a line boundary; the running pipeline
   * keeps the last good version through both, counts each refusal, and takes a legitimately smaller
   * file that drops no more than half.
   */
  @Test
  public void aRunningPipelineRefusesAnEmptiedOrCutCatalogAndTakesAModestlySmallerOne()
      throws Exception {
    String run = "shrink-" + System.nanoTime();
    Queue<String> seen = SEEN.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>());
    Path titles = folder.getRoot().toPath().resolve("titles.jsonl");
    CatalogShrinkGuardTest.rewriteInPlace(titles, 10);

    PipelineResult result = runRefreshing(titles, "t10", run);
    try {
      Await.until("the ten-title catalog is used", DEADLINE, () -> seen.contains("Title 10"));

      CatalogShrinkGuardTest.rewriteInPlace(titles, 0);
      Await.until(
          "the emptied catalog is refused",
          DEADLINE,
          () -> counter(result, GraphMetric.CATALOG_REFRESH_REJECTED) >= 1);
      CatalogShrinkGuardTest.rewriteInPlace(titles, 4);
      long rejectedBefore = counter(result, GraphMetric.CATALOG_REFRESH_REJECTED);
      Await.until(
          "the catalog cut to 40% is refused",
          DEADLINE, () -> counter(result, GraphMetric.CATALOG_REFRESH_REJECTED) > rejectedBefore);
      assertTheNextEventsAllSee(seen, "Title 10");
      assertThat(
          "a refusal is also a failed refresh",
          counter(result, GraphMetric.CATALOG_REFRESH_FAILURES),
          greaterThanOrEqualTo(counter(result, GraphMetric.CATALOG_REFRESH_REJECTED)));

      CatalogShrinkGuardTest.rewriteInPlace(titles, 6);
      Await.until(
          "the catalog of six titles is taken, so t10 misses",
          DEADLINE,
          () -> seen.contains("<miss>"));
    } finally {
      result.cancel();
      SEEN.remove(run);
    }
  }

  /** Waits for ten events after this moment and asserts that each saw the last good version. */
  private static void assertTheNextEventsAllSee(Queue<String> seen, String lastGoodTitle) {
    seen.clear();
    Await.until("events keep flowing", DEADLINE, () -> seen.size() >= 10);
    assertThat(
        "the last good version stays in use",
        List.copyOf(seen).stream().distinct().toList(),
        equalTo(List.of(lastGoodTitle)));
  }

  /** Writes the file next to its target and moves it over, as a catalog publisher should. */
  private void replace(Path target, String content) throws IOException {
    Path staging = folder.newFile().toPath();
    Files.writeString(staging, content, StandardCharsets.UTF_8);
    Files.move(
        staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Records the title name each enriched event carried. */
  static final class RecordTitleFn extends DoFn<MappedEvent, Void> {
    private final String run;

    RecordTitleFn(String run) {
      this.run = run;
    }

    @ProcessElement
    public void processElement(@Element MappedEvent event) {
      TitleInfo title = (TitleInfo) event.joined(0);
      SEEN.get(run).add(title == null ? "<miss>" : title.name());
    }
  }

  private PCollection<MappedEvent> enrich(
      CompiledMapping mapping, LoadCatalogs catalogs, MappedEvent event) {
    PCollectionView<io.rtgraph.model.Catalogs> view = PBegin.in(p).apply("LoadCatalogs", catalogs);
    return p.apply("Events", Create.of(event))
        .apply("Enrich", EnrichWithCatalogs.using(mapping, view));
  }

  private Path write(String name, String content) throws IOException {
    Path path = folder.getRoot().toPath().resolve(name);
    Files.writeString(path, content + "\n", StandardCharsets.UTF_8);
    return path;
  }

  private static MappedEvent playback(String eventId, String titleId) {
    return parse(
        PLAYBACK,
        Records.event(
            eventId,
            Records.T0_TEXT,
            "\"profileId\":\"p1\",\"deviceId\":\"d1\",\"action\":\"START\",\"titleId\":\""
                + titleId
                + "\""));
  }

  private static MappedEvent parse(CompiledMapping mapping, String json) {
    try {
      return mapping.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (io.rtgraph.model.InvalidEventException e) {
      throw new AssertionError(json, e);
    }
  }

  /**
   * Starts, without waiting for it, a pipeline that enriches five playback events a second of this
   * title with the titles catalog refreshed every second, and records the title names it sees.
   */
  private PipelineResult runRefreshing(Path titles, String titleId, String run) {
    PCollectionView<io.rtgraph.model.Catalogs> catalogs =
        PBegin.in(p)
            .apply(
                "LoadCatalogs",
                LoadCatalogs.once()
                    .withTitles(titles.toString())
                    .refreshedEvery(Duration.standardSeconds(1)));
    p.apply("Ticks", GenerateSequence.from(0).withRate(5, Duration.standardSeconds(1)))
        .apply(
            "ToPlayback",
            MapElements.into(TypeDescriptor.of(MappedEvent.class))
                .via(i -> playback("e" + i, titleId)))
        .apply("Enrich", EnrichWithCatalogs.using(PLAYBACK, catalogs))
        .apply("Record", ParDo.of(new RecordTitleFn(run)));
    p.getOptions().as(DirectOptions.class).setBlockOnRun(false);
    return p.run();
  }
}
