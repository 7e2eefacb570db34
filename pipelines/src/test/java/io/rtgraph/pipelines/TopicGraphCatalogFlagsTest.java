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
    assertThat(
        PipelineOptionsFactory.fromArgs().as(GraphOptions.class).getMaxCatalogShrink(),
        equalTo(0.5));
    assertCatalogs(new String[0], Duration.standardMinutes(5), 0.5, false);
  }

  @Test
  public void theFlagsReachTheTransform() {
    assertCatalogs(
        new String[] {
          "--catalogRefreshSeconds=60", "--maxCatalogShrink=0.8", "--acceptAnyCatalogsAtStart"
        },
        Duration.standardSeconds(60),
        0.8,
        true);
  }

  @Test
  public void aShrinkLimitAboveOneIsRefusedByName() {
    GraphOptions options =
        PipelineOptionsFactory.fromArgs("--maxCatalogShrink=1.5").as(GraphOptions.class);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TopicGraph.catalogs(options));
    assertThat(error.getMessage(), containsString("--maxCatalogShrink"));
  }

  /** The catalog transform that these flags give is the one with these values. */
  private static void assertCatalogs(
      String[] flags, Duration refresh, double maxShrink, boolean acceptAnyAtStart) {
    GraphOptions options = PipelineOptionsFactory.fromArgs(flags).as(GraphOptions.class);
    assertThat(
        TopicGraph.catalogs(options),
        equalTo(
            LoadCatalogs.once()
                .refreshedEvery(refresh)
                .withMaxShrink(maxShrink)
                .acceptingAnyCatalogsAtStart(acceptAnyAtStart)));
  }
}
