package io.rtgraph.transforms;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.Catalogs;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.RawRecord;
import io.rtgraph.transforms.mapping.CompiledMapping;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * The whole per-topic chain from raw source records to merged graph updates: parse and validate,
 * filter, enrich from the catalogs, map to graph updates, all by the topic's mapping, then merge in
 * keyed state. It is the seam between the I/O and the graph logic: a streaming pipeline feeds it
 * from Kafka, a backfill from the raw archive, and a test from {@code Create} or {@code
 * TestStream}.
 */
@AutoValue
public abstract class BuildInteractionGraph
    extends PTransform<PCollection<RawRecord>, GraphResult> {

  /** Parses by the topic's mapping, which every later step of the chain follows too. */
  abstract ParseEvents parse();

  abstract @Nullable LoadCatalogs catalogs();

  abstract MergeGraphUpdates merge();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setParse(ParseEvents parse);

    abstract Builder setCatalogs(@Nullable LoadCatalogs catalogs);

    abstract Builder setMerge(MergeGraphUpdates merge);

    abstract BuildInteractionGraph build();
  }

  /**
   * The chain for one topic's mapping, with default limits, no catalogs and the default dedup
   * window.
   */
  public static BuildInteractionGraph forMapping(CompiledMapping mapping) {
    return new AutoValue_BuildInteractionGraph.Builder()
        .setParse(ParseEvents.of(mapping))
        .setMerge(MergeGraphUpdates.create())
        .build();
  }

  public BuildInteractionGraph withMaxRecordBytes(long maxRecordBytes) {
    return toBuilder().setParse(parse().withMaxRecordBytes(maxRecordBytes)).build();
  }

  public BuildInteractionGraph withMaxFutureSkew(Duration maxFutureSkew) {
    return toBuilder().setParse(parse().withMaxFutureSkew(maxFutureSkew)).build();
  }

  /** Enriches from these catalogs; without this call events are mapped unenriched. */
  public BuildInteractionGraph withCatalogs(LoadCatalogs catalogs) {
    return toBuilder().setCatalogs(catalogs).build();
  }

  /** Also yields every record for the raw archive ({@link GraphResult#archive()}). */
  public BuildInteractionGraph withArchiveOutput() {
    return toBuilder().setParse(parse().withArchiveOutput()).build();
  }

  public BuildInteractionGraph withDedupWindow(Duration dedupWindow) {
    return toBuilder().setMerge(MergeGraphUpdates.withDedupWindow(dedupWindow)).build();
  }

  private CompiledMapping mapping() {
    return parse().mapping();
  }

  @Override
  public GraphResult expand(PCollection<RawRecord> records) {
    PCollectionTuple parsed = records.apply("ParseEvents", parse());
    EnrichWithCatalogs enrich;
    LoadCatalogs catalogs = catalogs();
    if (catalogs == null) {
      enrich = EnrichWithCatalogs.withoutCatalogs(mapping());
    } else {
      if (records.isBounded() == PCollection.IsBounded.BOUNDED) {
        // A batch run must end, so its catalogs cannot be an endless refresh.
        catalogs = catalogs.refreshedEvery(Duration.ZERO);
      }
      PCollectionView<Catalogs> view =
          PBegin.in(records.getPipeline()).apply("LoadCatalogs", catalogs);
      enrich = EnrichWithCatalogs.using(mapping(), view);
    }
    PCollection<GraphUpdate> merged =
        parsed
            .get(ParseEvents.EVENTS)
            .apply("FilterEvents", FilterEvents.by(mapping()))
            .apply("EnrichWithCatalogs", enrich)
            .apply("MapToGraphUpdates", MapToGraphUpdates.by(mapping()))
            .apply(
                "MergeGraphUpdates",
                merge().keyedBy(MergeKeys.of(mapping().mapping().colocation())));
    return GraphResult.of(
        merged,
        parsed.get(ParseEvents.DEAD_LETTERS),
        parse().archive() ? parsed.get(ParseEvents.ARCHIVE) : null);
  }
}
