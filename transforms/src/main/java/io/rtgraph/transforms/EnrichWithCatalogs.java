package io.rtgraph.transforms;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.transforms.mapping.CompiledMapping;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Joins each event with the catalog entries its mapping's joins name, from the {@link LoadCatalogs}
 * side input: for example the title of a playback, or the game of a gameplay and then the title
 * that game is based on. A miss is counted per catalog and never drops the event; it goes on
 * without the catalog's properties.
 */
public final class EnrichWithCatalogs
    extends PTransform<PCollection<MappedEvent>, PCollection<MappedEvent>> {
  private final CompiledMapping mapping;
  private final @Nullable PCollectionView<Catalogs> catalogs;

  private EnrichWithCatalogs(
      CompiledMapping mapping, @Nullable PCollectionView<Catalogs> catalogs) {
    this.mapping = mapping;
    this.catalogs = catalogs;
  }

  public static EnrichWithCatalogs using(
      CompiledMapping mapping, PCollectionView<Catalogs> catalogs) {
    return new EnrichWithCatalogs(mapping, catalogs);
  }

  /** For topics whose mapping joins no catalog (login): events pass through unenriched. */
  public static EnrichWithCatalogs withoutCatalogs(CompiledMapping mapping) {
    return new EnrichWithCatalogs(mapping, null);
  }

  @Override
  public PCollection<MappedEvent> expand(PCollection<MappedEvent> events) {
    PCollection<MappedEvent> enriched;
    if (catalogs == null) {
      enriched =
          events.apply(
              "JoinCatalogs",
              MapElements.into(TypeDescriptor.of(MappedEvent.class)).via(event -> event));
    } else {
      enriched =
          events.apply(
              "JoinCatalogs", ParDo.of(new EnrichFn(mapping, catalogs)).withSideInputs(catalogs));
    }
    return enriched.setCoder(ModelCoder.of(MappedEvent.class));
  }

  static final class EnrichFn extends DoFn<MappedEvent, MappedEvent> {
    private final CompiledMapping mapping;
    private final PCollectionView<Catalogs> catalogsView;
    private final Counter[] hits;
    private final Counter[] misses;

    EnrichFn(CompiledMapping mapping, PCollectionView<Catalogs> catalogsView) {
      this.mapping = mapping;
      this.catalogsView = catalogsView;
      this.hits = new Counter[mapping.joinCount()];
      this.misses = new Counter[mapping.joinCount()];
      for (int i = 0; i < hits.length; i++) {
        String catalog = mapping.joinCatalog(i).counterSuffix();
        hits[i] = GraphMetric.counterNamed(GraphMetric.catalogHit(catalog));
        misses[i] = GraphMetric.counterNamed(GraphMetric.catalogMiss(catalog));
      }
    }

    @ProcessElement
    public void processElement(
        @Element MappedEvent event, ProcessContext context, OutputReceiver<MappedEvent> out) {
      out.output(
          mapping.join(
              event,
              context.sideInput(catalogsView),
              (join, hit) -> (hit ? hits : misses)[join].inc()));
    }
  }
}
