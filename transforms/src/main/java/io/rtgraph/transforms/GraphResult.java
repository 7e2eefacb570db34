package io.rtgraph.transforms;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.GraphUpdate;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a topic's graph chain yields, merged graph updates, dead letters and (when asked for) the
 * records for the raw archive, and what the sinks take in: like {@code PCollectionTuple}, it is
 * both an output and an input.
 */
public final class GraphResult implements PInput, POutput {
  private static final TupleTag<GraphUpdate> UPDATES = new TupleTag<>("graphUpdates");
  private static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>("deadLetters");
  private static final TupleTag<ArchivedRecord> ARCHIVE = new TupleTag<>("archive");

  private final PCollection<GraphUpdate> updates;
  private final PCollection<DeadLetter> deadLetters;
  private final @Nullable PCollection<ArchivedRecord> archive;

  private GraphResult(
      PCollection<GraphUpdate> updates,
      PCollection<DeadLetter> deadLetters,
      @Nullable PCollection<ArchivedRecord> archive) {
    this.updates = updates;
    this.deadLetters = deadLetters;
    this.archive = archive;
  }

  public static GraphResult of(
      PCollection<GraphUpdate> updates,
      PCollection<DeadLetter> deadLetters,
      @Nullable PCollection<ArchivedRecord> archive) {
    return new GraphResult(updates, deadLetters, archive);
  }

  /** Every source record with its event time when valid; null unless the chain was asked for it. */
  public @Nullable PCollection<ArchivedRecord> archive() {
    return archive;
  }

  /** The merged updates, one per element and flush. */
  public PCollection<GraphUpdate> updates() {
    return updates;
  }

  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  /** Applies a sink to both collections at once. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<GraphResult, OutputT> transform) {
    return Pipeline.applyTransform(name, this, transform);
  }

  @Override
  public Pipeline getPipeline() {
    return updates.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return archive == null
        ? Map.of(UPDATES, updates, DEAD_LETTERS, deadLetters)
        : Map.of(UPDATES, updates, DEAD_LETTERS, deadLetters, ARCHIVE, archive);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
