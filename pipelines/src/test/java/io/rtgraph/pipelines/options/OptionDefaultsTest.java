package io.rtgraph.pipelines.options;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.transforms.FlagDurations;
import io.rtgraph.transforms.LoadCatalogs;
import io.rtgraph.transforms.MergeGraphUpdates;
import io.rtgraph.transforms.ParseEvents;
import io.rtgraph.transforms.iceberg.PublishToIceberg;
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
    assertDuration("dedupWindow", options.getDedupWindow(), MergeGraphUpdates.DEFAULT_DEDUP_WINDOW);
    assertDuration(
        "maxFutureSkew", options.getMaxFutureSkew(), ParseEvents.DEFAULT_MAX_FUTURE_SKEW);
    assertDuration(
        "maxOutOfOrderness",
        options.getMaxOutOfOrderness(),
        ReadSourceRecords.DEFAULT_MAX_OUT_OF_ORDERNESS);
    assertDuration("idleTimeout", options.getIdleTimeout(), ReadSourceRecords.DEFAULT_IDLE_TIMEOUT);
    assertDuration(
        "catalogRefreshInterval",
        options.getCatalogRefreshInterval(),
        LoadCatalogs.DEFAULT_REFRESH_INTERVAL);
    assertDuration(
        "icebergCommitInterval",
        options.getIcebergCommitInterval(),
        PublishToIceberg.DEFAULT_COMMIT_INTERVAL);
    assertThat(options.getMaxRecordBytes(), equalTo(ParseEvents.DEFAULT_MAX_RECORD_BYTES));
    assertThat(options.getMaxCatalogShrink(), equalTo(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK));
  }

  @Test
  public void theHelpPrintsTheDefaults() {
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    PipelineOptionsFactory.printHelp(
        new PrintStream(help, true, StandardCharsets.UTF_8), TopicPipelineOptions.class);
    String text = help.toString(StandardCharsets.UTF_8);
    assertHelpDefault(text, "dedupWindow=<String>", MergeGraphUpdates.DEFAULT_DEDUP_WINDOW_FLAG);
    assertHelpDefault(
        text, "maxOutOfOrderness=<String>", ReadSourceRecords.DEFAULT_MAX_OUT_OF_ORDERNESS_FLAG);
    assertHelpDefault(text, "maxRecordBytes=<long>", ParseEvents.DEFAULT_MAX_RECORD_BYTES);
    assertHelpDefault(
        text, "icebergCommitInterval=<String>", PublishToIceberg.DEFAULT_COMMIT_INTERVAL_FLAG);
  }

  private static void assertDuration(String flag, String value, Duration transformDefault) {
    assertThat("--" + flag, FlagDurations.parse(flag, value), equalTo(transformDefault));
  }

  private static void assertHelpDefault(String help, String flag, Object transformDefault) {
    assertThat(help, containsString("--" + flag + "\n    Default: " + transformDefault));
  }
}
