package io.rtgraph.transforms;

import static io.rtgraph.transforms.testing.GraphCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;

/**
 * The transform around a mapping: an event's updates leave together under its co-location key, and
 * every raw update is counted. What the updates are is {@link ShippedMappingTableTest}'s table.
 */
public class MapToGraphUpdatesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void theTransformEmitsAndCountsEveryRawUpdate() throws Exception {
    CompiledMapping mapping = TopicMappings.shipped(SourceTopic.LOGIN);
    MappedEvent login =
        mapping.parse(
            Records.event("e1", Records.T0_TEXT, "\"deviceId\":\"d9\",\"result\":\"SUCCESS\"")
                .getBytes(StandardCharsets.UTF_8));
    PAssert.that(p.apply(Create.of(login)).apply(MapToGraphUpdates.by(mapping)))
        .containsInAnyOrder(KV.of("Account:a1", mapping.updatesFor(login)));
    PipelineResult result = p.run();
    assertThat(counter(result, GraphMetric.RAW_UPDATES), equalTo(4L));
  }
}
