package io.rtgraph.transforms;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.coders.ModelCoder;
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
 * Turns each enriched event into its raw graph updates by the mapping's templates, counting them.
 * An event's updates leave together, as one element, under the event's co-location key: the id of
 * the node its mapping's {@code colocate} keys on ({@link MergeKeys}).
 */
public final class MapToGraphUpdates
    extends PTransform<PCollection<MappedEvent>, PCollection<KV<String, List<GraphUpdate>>>> {
  private final CompiledMapping mapping;
  private final MergeKeys mergeKeys;

  private MapToGraphUpdates(CompiledMapping mapping) {
    this.mapping = mapping;
    this.mergeKeys = MergeKeys.of(mapping.mapping().colocation());
  }

  public static MapToGraphUpdates by(CompiledMapping mapping) {
    return new MapToGraphUpdates(mapping);
  }

  /** The coder of one event's updates under its co-location key. */
  public static KvCoder<String, List<GraphUpdate>> eventUpdatesCoder() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(ModelCoder.of(GraphUpdate.class)));
  }

  @Override
  public PCollection<KV<String, List<GraphUpdate>>> expand(PCollection<MappedEvent> events) {
    // Named anew when the output became one element per event: an older savepoint's
    // EmitElementUpdates is not restored into it.
    return events
        .apply("EmitEventUpdates", ParDo.of(new MapFn(mapping, mergeKeys)))
        .setCoder(eventUpdatesCoder());
  }

  static final class MapFn extends DoFn<MappedEvent, KV<String, List<GraphUpdate>>> {
    private final CompiledMapping mapping;
    private final MergeKeys mergeKeys;
    private final Counter rawUpdates = GraphMetric.RAW_UPDATES.counter();

    MapFn(CompiledMapping mapping, MergeKeys mergeKeys) {
      this.mapping = mapping;
      this.mergeKeys = mergeKeys;
    }

    @ProcessElement
    public void processElement(
        @Element MappedEvent event, OutputReceiver<KV<String, List<GraphUpdate>>> out) {
      List<GraphUpdate> updates = mapping.updatesFor(event);
      rawUpdates.inc(updates.size());
      out.output(KV.of(mergeKeys.colocationKey(updates), updates));
    }
  }
}
