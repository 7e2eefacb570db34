package io.rtgraph.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.pipelines.options.GraphOptions;
import io.rtgraph.transforms.LoadCatalogs;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/** The catalog flags become the values of the catalog transform, and a bad one is named. */
public class TopicGraphCatalogFlagsTest {

  @Test
  public void byDefaultARefreshMayDropHalfOfACatalogAndTheStartIsGuarded() {
    GraphOptions options = PipelineOptionsFactory.fromArgs().as(GraphOptions.class);
    assertThat(options.getMaxCatalogShrink(), equalTo(0.5));
    assertThat(
        TopicGraph.catalogs(options),
        equalTo(
            LoadCatalogs.once()
                .refreshedEvery(Duration.standardMinutes(5))
                .withMaxShrink(0.5)
                .acceptingAnyCatalogsAtStart(false)));
  }

  @Test
  public void theFlagsReachTheTransform() {
    GraphOptions options =
        PipelineOptionsFactory.fromArgs(
                "--catalogRefreshSeconds=60",
                "--maxCatalogShrink=0.8",
                "--acceptAnyCatalogsAtStart")
            .as(GraphOptions.class);
    assertThat(
        TopicGraph.catalogs(options),
        equalTo(
            LoadCatalogs.once()
                .refreshedEvery(Duration.standardSeconds(60))
                .withMaxShrink(0.8)
                .acceptingAnyCatalogsAtStart(true)));
  }

  @Test
  public void aShrinkLimitAboveOneIsRefusedByName() {
    GraphOptions options =
        PipelineOptionsFactory.fromArgs("--maxCatalogShrink=1.5").as(GraphOptions.class);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TopicGraph.catalogs(options));
    assertThat(error.getMessage(), containsString("--maxCatalogShrink"));
  }
}
