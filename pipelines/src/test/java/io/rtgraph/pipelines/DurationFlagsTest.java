package io.rtgraph.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.transforms.LoadCatalogs;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * Every duration flag is a duration string; the {@code *Seconds} number flags they replaced stay
 * accepted as deprecated aliases, and a disagreement between the two names fails naming both.
 */
public class DurationFlagsTest {
  private static final LoadCatalogs DEFAULT_CATALOGS =
      LoadCatalogs.once().withMaxShrink(0.5).acceptingAnyCatalogsAtStart(false);

  @Test
  public void theCommitIntervalIsADurationDefaultingToOneMinute() {
    assertThat(commitInterval("--icebergCommitInterval=2m"), equalTo(Duration.standardMinutes(2)));
    assertThat(commitInterval(), equalTo(Duration.standardSeconds(60)));
  }

  @Test
  public void theOldSecondsFlagAloneStillSetsTheCommitInterval() {
    assertThat(
        commitInterval("--icebergCommitIntervalSeconds=5"), equalTo(Duration.standardSeconds(5)));
  }

  @Test
  public void bothNamesMayBeGivenWhenTheyAgree() {
    assertThat(
        commitInterval("--icebergCommitInterval=PT1M", "--icebergCommitIntervalSeconds=60"),
        equalTo(Duration.standardMinutes(1)));
  }

  @Test
  public void bothNamesDisagreeingFailsNamingBoth() {
    String refusal =
        refusal(
            () ->
                commitInterval("--icebergCommitInterval=30s", "--icebergCommitIntervalSeconds=5"));
    assertThat(refusal, containsString("--icebergCommitInterval=30s"));
    assertThat(refusal, containsString("--icebergCommitIntervalSeconds=5"));
  }

  /** The new flag's default is no excuse: it was given, so the two must agree. */
  @Test
  public void theNewFlagGivenAtItsDefaultStillConflictsWithADifferentOldOne() {
    assertThat(
        refusal(
            () ->
                commitInterval("--icebergCommitInterval=60s", "--icebergCommitIntervalSeconds=5")),
        containsString("--icebergCommitIntervalSeconds=5"));
  }

  @Test
  public void aZeroCommitIntervalIsRefusedByName() {
    assertThat(
        refusal(() -> commitInterval("--icebergCommitInterval=0s")),
        containsString("--icebergCommitInterval must be positive"));
  }

  @Test
  public void aNegativeOldFlagOrABadDurationIsRefusedByName() {
    assertThat(
        refusal(() -> catalogs("--catalogRefreshSeconds=-1")),
        containsString("--catalogRefreshSeconds"));
    assertThat(
        refusal(() -> catalogs("--catalogRefreshInterval=often")),
        containsString("--catalogRefreshInterval=often"));
  }

  @Test
  public void theCatalogRefreshIsADurationAndZeroReadsOnce() {
    assertThat(
        catalogs("--catalogRefreshInterval=90s"),
        equalTo(DEFAULT_CATALOGS.refreshedEvery(Duration.standardSeconds(90))));
    assertThat(
        catalogs("--catalogRefreshInterval=0s"),
        equalTo(DEFAULT_CATALOGS.refreshedEvery(Duration.ZERO)));
  }

  @Test
  public void theOldCatalogRefreshFlagAloneStillWorks() {
    assertThat(
        catalogs("--catalogRefreshSeconds=0"),
        equalTo(DEFAULT_CATALOGS.refreshedEvery(Duration.ZERO)));
  }

  @Test
  public void catalogRefreshNamesDisagreeingFailsNamingBoth() {
    assertThat(
        refusal(() -> catalogs("--catalogRefreshInterval=5m", "--catalogRefreshSeconds=60")),
        allOf(
            containsString("--catalogRefreshInterval=5m"),
            containsString("--catalogRefreshSeconds=60")));
  }

  private static Duration commitInterval(String... args) {
    return TopicIceberg.commitInterval(
        PipelineOptionsFactory.fromArgs(args).as(TopicPipelineOptions.class));
  }

  private static LoadCatalogs catalogs(String... args) {
    return TopicGraph.catalogs(
        PipelineOptionsFactory.fromArgs(args).as(TopicPipelineOptions.class));
  }

  private static String refusal(org.junit.function.ThrowingRunnable parse) {
    return assertThrows(IllegalArgumentException.class, parse).getMessage();
  }
}
