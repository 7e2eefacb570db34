package io.rtgraph.transforms;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.EnrichedEvent;
import io.rtgraph.model.EnrichedEventCoder;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.MemberEvent;
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
 * Joins each event with the catalog entries it refers to, from the {@link LoadCatalogs} side input:
 * the title of a playback, the game of a gameplay and the title that game is based on, the live
 * event of a live event. A miss is counted per catalog and never drops the event; it goes on without
 * the catalog's properties.
 */
public final class EnrichWithCatalogs
    extends PTransform<PCollection<MemberEvent>, PCollection<EnrichedEvent>> {
  static final String TITLES = "titles";
  static final String GAMES = "games";
  static final String LIVE_EVENTS = "live_events";

  private final @Nullable PCollectionView<Catalogs> catalogs;

  private EnrichWithCatalogs(@Nullable PCollectionView<Catalogs> catalogs) {
    this.catalogs = catalogs;
  }

  public static EnrichWithCatalogs using(PCollectionView<Catalogs> catalogs) {
    return new EnrichWithCatalogs(catalogs);
  }

  /** For topics that refer to no catalog (login): events pass through unenriched. */
  public static EnrichWithCatalogs withoutCatalogs() {
    return new EnrichWithCatalogs(null);
  }

  @Override
  public PCollection<EnrichedEvent> expand(PCollection<MemberEvent> events) {
    PCollection<EnrichedEvent> enriched;
    if (catalogs == null) {
      enriched =
          events.apply(
              "JoinCatalogs",
              MapElements.into(TypeDescriptor.of(EnrichedEvent.class)).via(EnrichedEvent::unenriched));
    } else {
      enriched =
          events.apply(
              "JoinCatalogs", ParDo.of(new EnrichFn(catalogs)).withSideInputs(catalogs));
    }
    return enriched.setCoder(EnrichedEventCoder.of());
  }

  static final class EnrichFn extends DoFn<MemberEvent, EnrichedEvent> {
    private final PCollectionView<Catalogs> catalogsView;
    private final Counter titleHits = GraphMetrics.counter(GraphMetrics.catalogHit(TITLES));
    private final Counter titleMisses = GraphMetrics.counter(GraphMetrics.catalogMiss(TITLES));
    private final Counter gameHits = GraphMetrics.counter(GraphMetrics.catalogHit(GAMES));
    private final Counter gameMisses = GraphMetrics.counter(GraphMetrics.catalogMiss(GAMES));
    private final Counter liveHits = GraphMetrics.counter(GraphMetrics.catalogHit(LIVE_EVENTS));
    private final Counter liveMisses = GraphMetrics.counter(GraphMetrics.catalogMiss(LIVE_EVENTS));

    EnrichFn(PCollectionView<Catalogs> catalogsView) {
      this.catalogsView = catalogsView;
    }

    @ProcessElement
    public void processElement(
        @Element MemberEvent event, ProcessContext context, OutputReceiver<EnrichedEvent> out) {
      EnrichedEvent enriched = CatalogLookup.enrich(event, context.sideInput(catalogsView));
      switch (event.sourceTopic()) {
        case PLAYBACK:
          count(enriched.title() != null, titleHits, titleMisses);
          break;
        case GAMEPLAY:
          GameInfo game = enriched.game();
          count(game != null, gameHits, gameMisses);
          if (game != null && game.basedOnTitleId() != null) {
            count(enriched.basedOnTitle() != null, titleHits, titleMisses);
          }
          break;
        case LIVE:
          count(enriched.liveEvent() != null, liveHits, liveMisses);
          break;
        default:
          break;
      }
      out.output(enriched);
    }

    private static void count(boolean hit, Counter hits, Counter misses) {
      (hit ? hits : misses).inc();
    }
  }
}
