package io.rtgraph.transforms;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.GraphUpdateCoder;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.transforms.mapping.CompiledMapping;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Turns each enriched event into its raw graph updates by the mapping's templates, counting them,
 * grouped under the keys the merge keeps them under: the updates the mapping's {@code colocate}
 * declares member-local leave together as one element under the member's key node id; every other
 * update leaves alone under its own id ({@link CompiledMapping#updatesByMergeKey}).
 */
public final class MapToGraphUpdates
    extends PTransform<PCollection<MappedEvent>, PCollection<KV<String, List<GraphUpdate>>>> {
  private final CompiledMapping mapping;

  private MapToGraphUpdates(CompiledMapping mapping) {
    this.mapping = mapping;
  }

  public static MapToGraphUpdates by(CompiledMapping mapping) {
    return new MapToGraphUpdates(mapping);
  }

  /** The coder of a group of updates under their merge key. */
  public static KvCoder<String, List<GraphUpdate>> eventUpdatesCoder() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(GraphUpdateCoder.of()));
  }

  @Override
  public PCollection<KV<String, List<GraphUpdate>>> expand(PCollection<MappedEvent> events) {
    // Named anew when the output became one element per event: an older savepoint's
    // EmitElementUpdates is not restored into it.
    return events
        .apply("EmitEventUpdates", ParDo.of(new MapFn(mapping)))
        .setCoder(eventUpdatesCoder());
  }

  static final class MapFn extends DoFn<MappedEvent, KV<String, List<GraphUpdate>>> {
    private final CompiledMapping mapping;
    private final Counter rawUpdates = GraphMetrics.counter(GraphMetrics.RAW_UPDATES);

    MapFn(CompiledMapping mapping) {
      this.mapping = mapping;
    }

    @ProcessElement
    public void processElement(
        @Element MappedEvent event, OutputReceiver<KV<String, List<GraphUpdate>>> out) {
      for (KV<String, List<GraphUpdate>> group : mapping.updatesByMergeKey(event)) {
        rawUpdates.inc(group.getValue().size());
        out.output(group);
      }
    }
  }
}
