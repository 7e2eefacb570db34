package io.rtgraph.pipelines.options;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.LoadCatalogs;
import io.rtgraph.transforms.MergeGraphUpdates;
import io.rtgraph.transforms.ParseEvents;
import io.rtgraph.transforms.kafka.ReadSourceRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * A flag left out runs the transform with the transform's own default, and the help prints that
 * value: the options and the transforms cannot drift apart.
 */
public class OptionDefaultsTest {
  private final TopicPipelineOptions options =
      PipelineOptionsFactory.fromArgs().as(TopicPipelineOptions.class);

  @Test
  public void eachDefaultIsTheTransformsDefault() {
    assertThat(
        duration("dedupWindow", options.getDedupWindow()),
        equalTo(MergeGraphUpdates.DEFAULT_DEDUP_WINDOW));
    assertThat(
        duration("maxFutureSkew", options.getMaxFutureSkew()),
        equalTo(ParseEvents.DEFAULT_MAX_FUTURE_SKEW));
    assertThat(options.getMaxRecordBytes(), equalTo(ParseEvents.DEFAULT_MAX_RECORD_BYTES));
    assertThat(
        duration("maxOutOfOrderness", options.getMaxOutOfOrderness()),
        equalTo(ReadSourceRecords.DEFAULT_MAX_OUT_OF_ORDERNESS));
    assertThat(
        duration("idleTimeout", options.getIdleTimeout()),
        equalTo(ReadSourceRecords.DEFAULT_IDLE_TIMEOUT));
    assertThat(
        Duration.standardSeconds(options.getCatalogRefreshSeconds()),
        equalTo(LoadCatalogs.DEFAULT_REFRESH_INTERVAL));
    assertThat(options.getMaxCatalogShrink(), equalTo(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK));
  }

  @Test
  public void theHelpPrintsTheDefaults() {
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    PipelineOptionsFactory.printHelp(
        new PrintStream(help, true, StandardCharsets.UTF_8), TopicPipelineOptions.class);
    String text = help.toString(StandardCharsets.UTF_8);
    assertThat(
        text, containsString("--dedupWindow=<String>\n    Default: " + options.getDedupWindow()));
    assertThat(
        text,
        containsString(
            "--maxOutOfOrderness=<String>\n    Default: "
                + ReadSourceRecords.DEFAULT_MAX_OUT_OF_ORDERNESS_FLAG));
    assertThat(
        text,
        containsString(
            "--maxRecordBytes=<long>\n    Default: " + ParseEvents.DEFAULT_MAX_RECORD_BYTES));
  }

  private static Duration duration(String flag, String value) {
    return FlagDurations.parse(flag, value);
  }
}
