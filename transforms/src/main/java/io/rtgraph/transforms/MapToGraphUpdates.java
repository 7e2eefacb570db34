package io.rtgraph.transforms;

import io.rtgraph.model.EnrichedEvent;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.GraphUpdateCoder;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Turns each enriched event into its raw graph updates by {@link GraphMapping}, counting them. */
public final class MapToGraphUpdates
    extends PTransform<PCollection<EnrichedEvent>, PCollection<GraphUpdate>> {

  private MapToGraphUpdates() {}

  public static MapToGraphUpdates create() {
    return new MapToGraphUpdates();
  }

  @Override
  public PCollection<GraphUpdate> expand(PCollection<EnrichedEvent> events) {
    return events
        .apply("EmitElementUpdates", ParDo.of(new MapFn()))
        .setCoder(GraphUpdateCoder.of());
  }

  static final class MapFn extends DoFn<EnrichedEvent, GraphUpdate> {
    private final Counter rawUpdates = GraphMetrics.counter(GraphMetrics.RAW_UPDATES);

    @ProcessElement
    public void processElement(@Element EnrichedEvent event, OutputReceiver<GraphUpdate> out) {
      List<GraphUpdate> updates = GraphMapping.updatesFor(event);
      rawUpdates.inc(updates.size());
      for (GraphUpdate update : updates) {
        out.output(update);
      }
    }
  }
}
