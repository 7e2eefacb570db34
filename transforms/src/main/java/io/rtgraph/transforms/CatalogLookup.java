package io.rtgraph.transforms;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.EnrichedEvent;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;

/**
 * Which catalog entries a typed Netflix event refers to, per topic, as a pure function: the title
 * of a playback, the game of a gameplay and the title that game is based on, the live event of a
 * live event.
 *
 * <p>The pipeline no longer runs this: the joins of each topic's mapping file do. It stays, with
 * {@link GraphMapping}, as the hand-written form of the four topics' mapping, for the test that
 * checks the shipped mapping files against it and for the tools that still compute expectations
 * with it.
 */
public final class CatalogLookup {
  private CatalogLookup() {}

  public static EnrichedEvent enrich(MemberEvent event, Catalogs catalogs) {
    SourceTopic topic = event.sourceTopic();
    if (topic.equals(SourceTopic.PLAYBACK)) {
      return EnrichedEvent.of(event, catalogs.title(event.titleId()), null, null, null);
    }
    if (topic.equals(SourceTopic.GAMEPLAY)) {
      GameInfo game = catalogs.game(event.gameId());
      TitleInfo basedOn = null;
      if (game != null && game.basedOnTitleId() != null) {
        basedOn = catalogs.title(game.basedOnTitleId());
      }
      return EnrichedEvent.of(event, null, game, basedOn, null);
    }
    if (topic.equals(SourceTopic.LIVE)) {
      return EnrichedEvent.of(event, null, null, null, catalogs.liveEvent(event.liveEventId()));
    }
    return EnrichedEvent.unenriched(event);
  }
}
