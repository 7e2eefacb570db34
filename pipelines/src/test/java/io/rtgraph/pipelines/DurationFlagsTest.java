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

  @Test
  public void theCommitIntervalIsADuration() {
    assertThat(
        TopicIceberg.commitInterval(options("--icebergCommitInterval=2m")),
        equalTo(Duration.standardMinutes(2)));
  }

  @Test
  public void theCommitIntervalDefaultsToOneMinute() {
    assertThat(TopicIceberg.commitInterval(options()), equalTo(Duration.standardSeconds(60)));
  }

  @Test
  public void theOldSecondsFlagAloneStillSetsTheCommitInterval() {
    assertThat(
        TopicIceberg.commitInterval(options("--icebergCommitIntervalSeconds=5")),
        equalTo(Duration.standardSeconds(5)));
  }

  @Test
  public void bothNamesMayBeGivenWhenTheyAgree() {
    assertThat(
        TopicIceberg.commitInterval(
            options("--icebergCommitInterval=PT1M", "--icebergCommitIntervalSeconds=60")),
        equalTo(Duration.standardMinutes(1)));
  }

  @Test
  public void bothNamesDisagreeingFailsNamingBoth() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TopicIceberg.commitInterval(
                    options("--icebergCommitInterval=30s", "--icebergCommitIntervalSeconds=5")));
    assertThat(
        error.getMessage(),
        allOf(
            containsString("--icebergCommitInterval=30s"),
            containsString("--icebergCommitIntervalSeconds=5")));
  }

  @Test
  public void theNewFlagGivenAtItsDefaultStillConflictsWithADifferentOldOne() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TopicIceberg.commitInterval(
                    options("--icebergCommitInterval=60s", "--icebergCommitIntervalSeconds=5")));
    assertThat(error.getMessage(), containsString("--icebergCommitIntervalSeconds=5"));
  }

  @Test
  public void aZeroCommitIntervalIsRefusedByName() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> TopicIceberg.commitInterval(options("--icebergCommitInterval=0s")));
    assertThat(error.getMessage(), containsString("--icebergCommitInterval must be positive"));
  }

  @Test
  public void aNegativeOldFlagIsRefusedByName() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> TopicGraph.catalogs(options("--catalogRefreshSeconds=-1")));
    assertThat(error.getMessage(), containsString("--catalogRefreshSeconds"));
  }

  @Test
  public void aBadDurationIsRefusedByName() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> TopicGraph.catalogs(options("--catalogRefreshInterval=often")));
    assertThat(error.getMessage(), containsString("--catalogRefreshInterval=often"));
  }

  @Test
  public void theCatalogRefreshIsADurationAndZeroReadsOnce() {
    assertThat(
        TopicGraph.catalogs(options("--catalogRefreshInterval=90s")),
        equalTo(defaultCatalogs().refreshedEvery(Duration.standardSeconds(90))));
    assertThat(
        TopicGraph.catalogs(options("--catalogRefreshInterval=0s")),
        equalTo(defaultCatalogs().refreshedEvery(Duration.ZERO)));
  }

  @Test
  public void theOldCatalogRefreshFlagAloneStillWorks() {
    assertThat(
        TopicGraph.catalogs(options("--catalogRefreshSeconds=0")),
        equalTo(defaultCatalogs().refreshedEvery(Duration.ZERO)));
  }

  @Test
  public void catalogRefreshNamesDisagreeingFailsNamingBoth() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TopicGraph.catalogs(
                    options("--catalogRefreshInterval=5m", "--catalogRefreshSeconds=60")));
    assertThat(
        error.getMessage(),
        allOf(
            containsString("--catalogRefreshInterval=5m"),
            containsString("--catalogRefreshSeconds=60")));
  }

  private static LoadCatalogs defaultCatalogs() {
    return LoadCatalogs.once().withMaxShrink(0.5).acceptingAnyCatalogsAtStart(false);
  }

  private static TopicPipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(TopicPipelineOptions.class);
  }
}
