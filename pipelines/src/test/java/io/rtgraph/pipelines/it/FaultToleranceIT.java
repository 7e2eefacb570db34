package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.testing.Await;
import io.rtgraph.transforms.testing.InjectFailureOnce;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Faults on embedded Flink against a real broker. Each scenario lets the job drain, compares the
 * graph once with the independently computed one, prints a {@link FaultReport} line and asserts on
 * its counts.
 */
public class FaultToleranceIT {
  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aTaskFailureMidStreamRestartsFromTheLastCheckpointWithNothingLost() throws Exception {
    Path marker = folder.getRoot().toPath().resolve("failed-once");
    FaultReport report =
        FaultRun.reading(
                "task-failure",
                SourceTopic.PLAYBACK,
                21,
                3000,
                KAFKA.bootstrapServers(),
                CATALOGS.path())
            .fault(InjectFailureOnce.after(800, marker.toString()))
            .assertNothingLostThrough(
                "task failure mid-stream (thrown once after 800 records)",
                run -> {
                  Await.until(
                      "the injected failure happens",
                      FaultRun.DEADLINE,
                      () -> Files.exists(marker));
                  return new FaultRun.Struck(
                      Files.getLastModifiedTime(marker).toMillis(),
                      "restarted from the last checkpoint");
                });
    assertThat("the job restarted", report.restarts(), greaterThanOrEqualTo(1L));
  }

  @Test
  public void poisonRecordsOfEveryKindGoToTheDeadLetterTopicWithoutARestart() throws Exception {
    String name = "poison-" + System.nanoTime();
    // The default --maxRecordBytes (1 MiB) with a 1 MiB + 1 record among the malformed ones.
    List<GeneratedRecord> records =
        TestEvents.forFault(SourceTopic.GAMEPLAY, 22, 600, 0.30, 1024 * 1024 + 1);
    ProducedRecords produced = produce(name, records);
    try (FaultRun run =
        job(name, SourceTopic.GAMEPLAY).flags("--maxRecordBytes=" + (1024 * 1024)).launch()) {
      FaultReport report =
          run.assertCompleteAfterDrain(
              "poison input ("
                  + produced.expectedDeadLetters().size()
                  + " malformed records of all 8 kinds, one 1 MiB + 1 byte)",
              records,
              -1,
              "every one dead-lettered with its reason");
      Map<String, DeadLetterReason> deadLetters = deadLetters(name);
      assertThat(deadLetters, equalTo(produced.expectedDeadLetters()));
      assertThat(
          deadLetters.values().stream().distinct().count(),
          equalTo((long) DeadLetterReason.values().length));
      assertThat("no record made the job restart", report.restarts(), equalTo(0L));
    }
  }

  @Test
  public void aRecordFromTheYear2200IsDeadLetteredAndDoesNotMoveTheWatermark() throws Exception {
    String name = "clock-skew-" + System.nanoTime();
    List<GeneratedRecord> before = TestEvents.forFault(SourceTopic.PLAYBACK, 23, 300, 0);
    List<GeneratedRecord> after = TestEvents.forFault(SourceTopic.PLAYBACK, 24, 300, 0);
    produce(name, before);
    byte[] future =
        ("{\"eventId\":\"from-2200\",\"eventTime\":\"2200-01-01T00:00:00.000Z\",\"accountId\":\"a\","
                + "\"profileId\":\"p\",\"deviceId\":\"d\",\"titleId\":\"t-0001\",\"action\":\"START\"}")
            .getBytes(StandardCharsets.UTF_8);
    ProducedRecords skewed =
        ProducedRecords.produceRaw(KAFKA.bootstrapServers(), name, 0, "skew", future);
    produce(name, after);
    try (FaultRun run =
        job(name, SourceTopic.PLAYBACK).flags("--idleTimeout=30s", "--dedupWindow=2s").launch()) {
      AtomicLong highest = new AtomicLong(Long.MIN_VALUE);
      List<GeneratedRecord> all = new ArrayList<>(before);
      all.addAll(after);
      // No restart here, so the counter counts each record once: past the skewed record, the
      // watermark has had its chance to jump.
      Await.until(
          "the events around the skewed record are read and the watermark follows them",
          FaultRun.DEADLINE,
          () -> {
            recordHighestWatermark(run, highest);
            return run.counters().get(GraphMetric.RECORDS_IN);
          },
          in ->
              in >= all.size() + 1
                  // and the watermark seen near the valid events' times, so the check below has a
                  // subject
                  && highest.get() > Instant.now().minus(Duration.standardDays(1)).getMillis());
      FaultReport report =
          run.drainAndCompare(
              "clock skew (a record dated 2200-01-01 between 300 and 300 valid events)",
              all,
              -1,
              "");
      recordHighestWatermark(run, highest);
      report = report.withNote("highest input watermark " + new Instant(highest.get()));
      System.out.println(report.line());
      assertThat(
          "the watermark never jumped towards 2200",
          highest.get(),
          lessThan(Instant.now().plus(Duration.standardHours(1)).getMillis()));
      assertThat(
          deadLetters(name),
          equalTo(skewed.expectedDeadLettersFor(DeadLetterReason.EVENT_TIME_TOO_FAR_IN_FUTURE)));
      report.assertGraphComplete();
      assertThat(report.restarts(), equalTo(0L));
    }
  }

  @Test
  public void withOnlyOneOfThreePartitionsFedUpdatesComeOutWithinTheIdleTimeoutAndTheWindow()
      throws Exception {
    String name = "idle-partition-" + System.nanoTime();
    long idleSeconds = 5;
    long windowSeconds = 3;
    long slackSeconds = 30;
    ProducedRecords.ensureTopic(KAFKA.bootstrapServers(), name, 3);
    try (FaultRun run =
        job(name, SourceTopic.LOGIN)
            .flags("--idleTimeout=" + idleSeconds + "s", "--dedupWindow=" + windowSeconds + "s")
            .launch()) {
      List<GeneratedRecord> records = TestEvents.forFault(SourceTopic.LOGIN, 25, 200, 0);
      long producedAt = System.currentTimeMillis();
      ProducedRecords.produceToPartition(KAFKA.bootstrapServers(), name, 0, records);
      FaultReport report =
          run.drainAndCompare("idle partitions (2 of 3 never fed)", records, -1, "");
      // When the sink sent the last update, by its Kafka timestamp: the drain's wait is not part of
      // the latency.
      long latency = report.lastPublishedMillis() - producedAt;
      report =
          report.withNote(
              "all updates out "
                  + latency
                  + " ms after the last record; bound "
                  + (idleSeconds + windowSeconds + slackSeconds)
                  + " s");
      System.out.println(report.line());
      report.assertGraphComplete();
      assertThat(latency, lessThanOrEqualTo((idleSeconds + windowSeconds + slackSeconds) * 1000));
    }
  }

  @Test
  public void aCorruptedOrDeletedCatalogKeepsTheLastGoodVersion() throws Exception {
    String name = "catalog-trouble-" + System.nanoTime();
    Path ownCatalogs = folder.newFolder("catalogs").toPath();
    SampleCatalogs.copyTo(ownCatalogs);
    Path titles = ownCatalogs.resolve(SampleCatalogs.TITLES);
    List<GeneratedRecord> first = TestEvents.forFault(SourceTopic.PLAYBACK, 26, 200, 0);
    produce(name, first);
    try (FaultRun run =
        FaultRun.of(name, SourceTopic.PLAYBACK, KAFKA.bootstrapServers(), ownCatalogs)
            .flags("--catalogRefreshSeconds=1")
            .launch()) {
      run.assertCompleteAfterDrain("catalog intact (before the trouble)", first, -1, "");
      Files.writeString(titles, "{\"titleId\":\"t-0001\",\"name\":\"half-writ");
      Await.until(
          "the corrupted catalog is counted",
          FaultRun.DEADLINE,
          () -> run.counters().get(GraphMetric.CATALOG_REFRESH_FAILURES) >= 1);
      Files.delete(titles);
      long afterCorruption = run.counters().get(GraphMetric.CATALOG_REFRESH_FAILURES);
      Await.until(
          "the deleted catalog is counted",
          FaultRun.DEADLINE,
          () -> run.counters().get(GraphMetric.CATALOG_REFRESH_FAILURES) > afterCorruption);
      List<GeneratedRecord> second = TestEvents.forFault(SourceTopic.PLAYBACK, 27, 200, 0);
      produce(name, second);
      List<GeneratedRecord> all = new ArrayList<>(first);
      all.addAll(second);
      long failures = run.counters().get(GraphMetric.CATALOG_REFRESH_FAILURES);
      FaultReport report =
          run.assertCompleteAfterDrain(
              "catalog corrupted, then deleted, between refreshes",
              all,
              -1,
              failures
                  + " failed refreshes counted; titles still enriched from the last good version");
      assertThat(report.restarts(), equalTo(0L));
      assertThat(
          Files.readString(Path.of("target", "test-logs", "tests.log")),
          containsString("keeping the last good version (201 entries)"));
    }
  }

  private static void recordHighestWatermark(FaultRun run, AtomicLong highest) {
    try {
      for (Long watermark : run.rest.inputWatermarks(run.jobId()).values()) {
        highest.accumulateAndGet(watermark, Math::max);
      }
    } catch (java.io.IOException e) {
      // the next poll will tell
    }
  }

  private static FaultRun.Setup job(String name, SourceTopic topic) {
    return FaultRun.of(name, topic, KAFKA.bootstrapServers(), CATALOGS.path());
  }

  private static ProducedRecords produce(String topic, List<GeneratedRecord> records)
      throws Exception {
    return ProducedRecords.produce(KAFKA.bootstrapServers(), topic, records);
  }

  private static Map<String, DeadLetterReason> deadLetters(String inputTopic) {
    return DeadLetters.reasons(
        KAFKA.bootstrapServers(), KafkaClientProperties.none(), inputTopic + ".dlq");
  }
}
