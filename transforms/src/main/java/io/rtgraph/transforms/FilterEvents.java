package io.rtgraph.transforms;

import io.rtgraph.model.MemberEvent;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Drops valid events that are not graph-relevant, by the {@link FilterRule}s, counting each rule.
 * Dropping here is on purpose, so the counters are the only trace: together with the dead-letter
 * topic and the graph they account for every source record.
 */
public final class FilterEvents extends PTransform<PCollection<MemberEvent>, PCollection<MemberEvent>> {

  private FilterEvents() {}

  public static FilterEvents create() {
    return new FilterEvents();
  }

  @Override
  public PCollection<MemberEvent> expand(PCollection<MemberEvent> events) {
    return events.apply("DropIrrelevantEvents", ParDo.of(new FilterFn()));
  }

  static final class FilterFn extends DoFn<MemberEvent, MemberEvent> {
    private final Counter filtered = GraphMetrics.counter(GraphMetrics.FILTERED);
    private final Counter kept = GraphMetrics.counter(GraphMetrics.GRAPH_EVENTS);
    private final Map<FilterRule, Counter> filteredByRule = new EnumMap<>(FilterRule.class);

    FilterFn() {
      for (FilterRule rule : FilterRule.values()) {
        filteredByRule.put(rule, GraphMetrics.counter(rule.counterName()));
      }
    }

    @ProcessElement
    public void processElement(@Element MemberEvent event, OutputReceiver<MemberEvent> out) {
      for (FilterRule rule : FilterRule.values()) {
        if (rule.matches(event)) {
          filtered.inc();
          filteredByRule.get(rule).inc();
          return;
        }
      }
      kept.inc();
      out.output(event);
    }
  }
}
