package io.rtgraph.transforms;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.EnrichedEvent;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.TitleInfo;

/**
 * Which catalog entries an event refers to, per topic, as a pure function: the title of a playback,
 * the game of a gameplay and the title that game is based on, the live event of a live event.
 */
public final class CatalogLookup {
  private CatalogLookup() {}

  public static EnrichedEvent enrich(MemberEvent event, Catalogs catalogs) {
    switch (event.sourceTopic()) {
      case PLAYBACK:
        return EnrichedEvent.of(event, catalogs.title(event.titleId()), null, null, null);
      case GAMEPLAY:
        GameInfo game = catalogs.game(event.gameId());
        TitleInfo basedOn = null;
        if (game != null && game.basedOnTitleId() != null) {
          basedOn = catalogs.title(game.basedOnTitleId());
        }
        return EnrichedEvent.of(event, null, game, basedOn, null);
      case LIVE:
        return EnrichedEvent.of(event, null, null, null, catalogs.liveEvent(event.liveEventId()));
      default:
        return EnrichedEvent.unenriched(event);
    }
  }
}
