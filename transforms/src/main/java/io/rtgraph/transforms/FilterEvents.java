package io.rtgraph.transforms;

import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.transforms.mapping.CompiledMapping;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Drops valid events that are not graph-relevant, by the drop rules of the topic's mapping, each
 * counted under its own counter. The rules are checked in order and an event is counted under the
 * first it matches, so each dropped event is counted once. Dropping here is on purpose, so the
 * counters are the only trace: together with the dead-letter topic and the graph they account for
 * every source record.
 */
public final class FilterEvents
    extends PTransform<PCollection<MappedEvent>, PCollection<MappedEvent>> {
  private final CompiledMapping mapping;

  private FilterEvents(CompiledMapping mapping) {
    this.mapping = mapping;
  }

  public static FilterEvents by(CompiledMapping mapping) {
    return new FilterEvents(mapping);
  }

  @Override
  public PCollection<MappedEvent> expand(PCollection<MappedEvent> events) {
    return events
        .apply("DropIrrelevantEvents", ParDo.of(new FilterFn(mapping)))
        .setCoder(ModelCoder.of(MappedEvent.class));
  }

  static final class FilterFn extends DoFn<MappedEvent, MappedEvent> {
    private final CompiledMapping mapping;
    private final Counter filtered = GraphMetric.FILTERED.counter();
    private final Counter kept = GraphMetric.GRAPH_EVENTS.counter();
    private final Counter[] filteredByRule;

    FilterFn(CompiledMapping mapping) {
      this.mapping = mapping;
      this.filteredByRule = new Counter[mapping.dropRuleCount()];
      for (int i = 0; i < filteredByRule.length; i++) {
        filteredByRule[i] = GraphMetric.counterNamed(mapping.dropCounter(i));
      }
    }

    @ProcessElement
    public void processElement(@Element MappedEvent event, OutputReceiver<MappedEvent> out) {
      int rule = mapping.firstMatchingDropRule(event);
      if (rule >= 0) {
        filtered.inc();
        filteredByRule[rule].inc();
        return;
      }
      kept.inc();
      out.output(event);
    }
  }
}
