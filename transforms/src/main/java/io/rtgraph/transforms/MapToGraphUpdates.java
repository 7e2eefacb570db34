package io.rtgraph.transforms;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.GraphUpdateCoder;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.transforms.mapping.CompiledMapping;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Turns each enriched event into its raw graph updates by the mapping's templates, counting them. */
public final class MapToGraphUpdates extends PTransform<PCollection<MappedEvent>, PCollection<GraphUpdate>> {
  private final CompiledMapping mapping;

  private MapToGraphUpdates(CompiledMapping mapping) {
    this.mapping = mapping;
  }

  public static MapToGraphUpdates by(CompiledMapping mapping) {
    return new MapToGraphUpdates(mapping);
  }

  @Override
  public PCollection<GraphUpdate> expand(PCollection<MappedEvent> events) {
    return events.apply("EmitElementUpdates", ParDo.of(new MapFn(mapping))).setCoder(GraphUpdateCoder.of());
  }

  static final class MapFn extends DoFn<MappedEvent, GraphUpdate> {
    private final CompiledMapping mapping;
    private final Counter rawUpdates = GraphMetrics.counter(GraphMetrics.RAW_UPDATES);

    MapFn(CompiledMapping mapping) {
      this.mapping = mapping;
    }

    @ProcessElement
    public void processElement(@Element MappedEvent event, OutputReceiver<GraphUpdate> out) {
      List<GraphUpdate> updates = mapping.updatesFor(event);
      rawUpdates.inc(updates.size());
      for (GraphUpdate update : updates) {
        out.output(update);
      }
    }
  }
}
