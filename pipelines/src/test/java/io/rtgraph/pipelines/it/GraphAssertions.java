package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.tools.graph.GraphDiff;

/** The comparison every graph test ends with, against the independently computed graph. */
final class GraphAssertions {
  private GraphAssertions() {}

  /** Nothing lost, nothing extra, nothing with another merged value. */
  static void assertSameGraph(GraphDiff diff) {
    assertThat("elements lost: " + diff, diff.missing().size(), equalTo(0));
    assertThat("elements not expected: " + diff, diff.extra().size(), equalTo(0));
    assertThat("elements with another merged value: " + diff, diff.differing().size(), equalTo(0));
  }
}
