package io.rtgraph.model.json;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.SourceTopic;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.Test;

/** The update record's JSON form, held to the exact text of PRODUCT.md. */
public class GraphUpdateJsonTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");
  private static final Instant T1 = Instant.parse("2026-11-27T10:00:07.250Z");

  @Test
  public void writesANodeExactlyAsTheContractShows() {
    GraphUpdate title =
        GraphUpdate.create(
            GraphUpdate.Element.NODE,
            "Title",
            "Title:t42",
            null,
            null,
            Map.of("name", "Stranger Things", "kind", "SHOW", "genre", "sci-fi"),
            Map.of("name", T0, "kind", T0, "genre", T0),
            T0,
            T1,
            "member.playback");
    assertThat(
        GraphUpdateJson.toJson(title),
        equalTo(
            "{\"element\":\"node\",\"type\":\"Title\",\"id\":\"Title:t42\","
                + "\"properties\":{\"genre\":\"sci-fi\",\"kind\":\"SHOW\",\"name\":\"Stranger Things\"},"
                + "\"propertyTimes\":{\"genre\":\"2026-11-27T10:00:00.000Z\",\"kind\":\"2026-11-27T10:00:00.000Z\","
                + "\"name\":\"2026-11-27T10:00:00.000Z\"},"
                + "\"firstSeen\":\"2026-11-27T10:00:00.000Z\",\"lastSeen\":\"2026-11-27T10:00:07.250Z\","
                + "\"sourceTopic\":\"member.playback\"}"));
  }

  @Test
  public void writesAnEdgeWithItsEndpoints() {
    GraphUpdate edge =
        GraphUpdate.edge(
            EdgeType.STARTED_WATCHING,
            "Profile:p7",
            "Title:t42",
            T0,
            SourceTopic.PLAYBACK,
            Map.of("titleName", "Stranger Things"));
    assertThat(
        GraphUpdateJson.toJson(edge),
        equalTo(
            "{\"element\":\"edge\",\"type\":\"STARTED_WATCHING\","
                + "\"id\":\"STARTED_WATCHING:Profile:p7->Title:t42\",\"src\":\"Profile:p7\",\"dst\":\"Title:t42\","
                + "\"properties\":{\"titleName\":\"Stranger Things\"},"
                + "\"propertyTimes\":{\"titleName\":\"2026-11-27T10:00:00.000Z\"},"
                + "\"firstSeen\":\"2026-11-27T10:00:00.000Z\",\"lastSeen\":\"2026-11-27T10:00:00.000Z\","
                + "\"sourceTopic\":\"member.playback\"}"));
  }

  @Test
  public void readsWhatItWrites() {
    GraphUpdate edge =
        GraphUpdate.edge(
            EdgeType.PLAYS,
            "Profile:p\"7",
            "Game:g1",
            T1,
            SourceTopic.GAMEPLAY,
            Map.of("gameName", "Caf\u00e9 \n"));
    assertThat(GraphUpdateJson.fromJson(GraphUpdateJson.toJsonBytes(edge)), equalTo(edge));
  }

  @Test
  public void ignoresExtraFieldsAndAcceptsOffsets() {
    GraphUpdate update =
        GraphUpdateJson.fromJson(
            "{\"element\":\"node\",\"type\":\"Device\",\"id\":\"Device:d1\",\"extra\":{\"x\":[1,2]},"
                + "\"properties\":{\"deviceType\":\"phone\"},\"propertyTimes\":{\"deviceType\":\"2026-11-27T11:00:00.000+01:00\"},"
                + "\"firstSeen\":\"2026-11-27T10:00:00Z\",\"lastSeen\":\"2026-11-27T10:00:00.000Z\",\"sourceTopic\":\"member.login\"}");
    assertThat(update.propertyTimes().get("deviceType"), equalTo(T0));
    assertThat(update.firstSeen(), equalTo(T0));
  }

  @Test
  public void namesAMissingField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GraphUpdateJson.fromJson(
                    "{\"element\":\"node\",\"type\":\"Device\",\"id\":\"Device:d1\"}"));
    assertThat(e.getMessage(), containsString("firstSeen"));
  }
}
