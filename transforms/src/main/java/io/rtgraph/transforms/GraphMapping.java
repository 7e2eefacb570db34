package io.rtgraph.transforms;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.EnrichedEvent;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The graph mapping of PRODUCT.md ("The graph") for the four Netflix topics, hand-written as a pure
 * function from one typed enriched event to the raw updates it implies.
 *
 * <p>The pipeline no longer runs this: it runs each topic's mapping file ({@link
 * io.rtgraph.transforms.mapping.CompiledMapping}). It stays, with {@link CatalogLookup}, for the
 * test that checks the shipped mapping files against it and for the tools that still compute
 * expectations with it.
 *
 * <p>Every update takes the event's time as its first and last seen time and as the time of each of
 * its properties.
 */
public final class GraphMapping {
  private GraphMapping() {}

  public static List<GraphUpdate> updatesFor(EnrichedEvent enriched) {
    MemberEvent event = enriched.event();
    Updates updates = new Updates(event.eventTime(), event.sourceTopic());
    String account = NodeType.ACCOUNT.id(event.accountId());
    String device = NodeType.DEVICE.id(event.deviceId());
    String profileId = event.profileId();
    String profile = profileId == null ? null : NodeType.PROFILE.id(profileId);

    SourceTopic topic = event.sourceTopic();
    boolean login = topic.equals(SourceTopic.LOGIN);
    updates.node(
        NodeType.ACCOUNT, event.accountId(), props("country", login ? event.country() : null));
    updates.node(NodeType.DEVICE, event.deviceId(), props("deviceType", event.deviceType()));
    updates.edge(EdgeType.USES_DEVICE, account, device, Map.of());
    if (profile != null) {
      updates.node(NodeType.PROFILE, profileId, Map.of());
      updates.edge(EdgeType.HAS_PROFILE, account, profile, Map.of());
    }

    if (topic.equals(SourceTopic.PLAYBACK)) {
      addPlayback(enriched, updates, profile, device);
    } else if (login) {
      updates.edge(EdgeType.LOGGED_IN_FROM, account, device, props("country", event.country()));
    } else if (topic.equals(SourceTopic.GAMEPLAY)) {
      addGameplay(enriched, updates, profile);
    } else if (topic.equals(SourceTopic.LIVE)) {
      addLive(enriched, updates, profile, device);
    }
    return updates.list;
  }

  private static void addPlayback(
      EnrichedEvent enriched, Updates updates, String profile, String device) {
    MemberEvent event = enriched.event();
    TitleInfo title = enriched.title();
    String titleId = event.titleId();
    updates.node(NodeType.TITLE, titleId, titleProperties(title));
    updates.edge(EdgeType.STREAMED_FROM, profile, device, Map.of());
    if ("START".equals(event.action())) {
      updates.edge(
          EdgeType.STARTED_WATCHING,
          profile,
          NodeType.TITLE.id(titleId),
          props("titleName", title == null ? null : title.name()));
    }
  }

  private static void addGameplay(EnrichedEvent enriched, Updates updates, String profile) {
    MemberEvent event = enriched.event();
    GameInfo game = enriched.game();
    String gameId = event.gameId();
    String gameNode = NodeType.GAME.id(gameId);
    Map<String, String> gameProperties = new TreeMap<>();
    if (game != null) {
      putIfPresent(gameProperties, "name", game.name());
      putIfPresent(gameProperties, "genre", game.genre());
    }
    updates.node(NodeType.GAME, gameId, gameProperties);
    updates.edge(
        EdgeType.PLAYS, profile, gameNode, props("gameName", game == null ? null : game.name()));
    String basedOnTitleId = game == null ? null : game.basedOnTitleId();
    if (basedOnTitleId != null) {
      updates.node(NodeType.TITLE, basedOnTitleId, titleProperties(enriched.basedOnTitle()));
      updates.edge(EdgeType.BASED_ON, gameNode, NodeType.TITLE.id(basedOnTitleId), Map.of());
    }
  }

  private static void addLive(
      EnrichedEvent enriched, Updates updates, String profile, String device) {
    MemberEvent event = enriched.event();
    LiveEventInfo liveEvent = enriched.liveEvent();
    String liveEventId = event.liveEventId();
    updates.node(
        NodeType.LIVE_EVENT,
        liveEventId,
        props("name", liveEvent == null ? null : liveEvent.name()));
    updates.edge(EdgeType.STREAMED_FROM, profile, device, Map.of());
    updates.edge(EdgeType.WATCHED_LIVE, profile, NodeType.LIVE_EVENT.id(liveEventId), Map.of());
  }

  private static Map<String, String> titleProperties(@Nullable TitleInfo title) {
    Map<String, String> properties = new TreeMap<>();
    if (title != null) {
      putIfPresent(properties, "name", title.name());
      putIfPresent(properties, "kind", title.kind());
      putIfPresent(properties, "genre", title.genre());
    }
    return properties;
  }

  private static Map<String, String> props(String key, @Nullable String value) {
    return value == null ? Map.of() : Map.of(key, value);
  }

  private static void putIfPresent(
      Map<String, String> properties, String key, @Nullable String value) {
    if (value != null) {
      properties.put(key, value);
    }
  }

  /** Collects the updates of one event, all at the event's time and from its topic. */
  private static final class Updates {
    final List<GraphUpdate> list = new ArrayList<>(8);
    final Instant time;
    final SourceTopic topic;

    Updates(Instant time, SourceTopic topic) {
      this.time = time;
      this.topic = topic;
    }

    void node(NodeType type, String naturalId, Map<String, String> properties) {
      list.add(GraphUpdate.node(type, naturalId, time, topic, properties));
    }

    void edge(EdgeType type, String src, String dst, Map<String, String> properties) {
      list.add(GraphUpdate.edge(type, src, dst, time, topic, properties));
    }
  }
}
