package io.rtgraph.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * {@code --progressInterval} is a duration; {@code --progressSeconds} stays its deprecated alias.
 */
public class ProgressIntervalFlagTest {

  @Test
  public void theIntervalIsADurationDefaultingToTenSecondsAndZeroPrintsNone() {
    assertThat(progressInterval(), equalTo(Duration.standardSeconds(10)));
    assertThat(progressInterval("--progressInterval=1m"), equalTo(Duration.standardMinutes(1)));
    assertThat(progressInterval("--progressInterval=0s"), equalTo(Duration.ZERO));
  }

  @Test
  public void theOldSecondsFlagAloneStillWorks() {
    assertThat(progressInterval("--progressSeconds=5"), equalTo(Duration.standardSeconds(5)));
  }

  @Test
  public void bothNamesDisagreeingFailsNamingBoth() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> progressInterval("--progressInterval=10s", "--progressSeconds=5"));
    assertThat(
        error.getMessage(),
        allOf(containsString("--progressInterval=10s"), containsString("--progressSeconds=5")));
  }

  private static Duration progressInterval(String... args) {
    return PipelineSupervisor.progressInterval(
        PipelineOptionsFactory.fromArgs(args).as(RunOptions.class));
  }
}
