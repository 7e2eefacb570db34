package io.rtgraph.model.coders;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.EdgeType;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * Every model coder decodes what it encodes; {@link ModelCoderOfTest} checks that each value type
 * gets its coder.
 */
public class CodersTest {
  private static final Instant T = Instant.parse("2026-11-27T10:00:00.000Z");

  @Test
  public void memberEventRoundTrips() throws Exception {
    MemberEvent full = Format1ValuesTest.PLAYBACK_START;
    MemberEvent sparse =
        MemberEvent.builder()
            .setSourceTopic(SourceTopic.LOGIN)
            .setEventId("e")
            .setEventTime(T)
            .setAccountId("a")
            .setDeviceId("d")
            .setAction("SUCCESS")
            .setCountry("NL")
            .build();
    CoderProperties.coderDecodeEncodeEqual(ModelCoder.of(MemberEvent.class), full);
    CoderProperties.coderDecodeEncodeEqual(ModelCoder.of(MemberEvent.class), sparse);
  }

  @Test
  public void mappedEventRoundTrips() throws Exception {
    MappedEvent parsed = MappedEvent.of(T, new Object[] {"e1", T, 4L, Boolean.FALSE, null, ""});
    CoderProperties.coderDecodeEncodeEqual(ModelCoder.of(MappedEvent.class), parsed);
    CoderProperties.coderDecodeEncodeEqual(
        ModelCoder.of(MappedEvent.class),
        parsed.withJoined(
            new Object[] {
              TitleInfo.of("t1", "Dark", null, "thriller"),
              null,
              GameInfo.of("g1", "Dark Puzzles", null, "t1"),
              LiveEventInfo.of("l1", null)
            }));
  }

  @Test
  public void graphUpdateRoundTrips() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        ModelCoder.of(GraphUpdate.class),
        GraphUpdate.edge(
            EdgeType.PLAYS,
            "Profile:p",
            "Game:g",
            T,
            SourceTopic.GAMEPLAY,
            Map.of("gameName", "G")));
    CoderProperties.coderDecodeEncodeEqual(
        ModelCoder.of(GraphUpdate.class),
        GraphUpdate.node(NodeType.ACCOUNT, "a", T, SourceTopic.LOGIN, Map.of()));
  }

  @Test
  public void rawRecordAndDeadLetterRoundTrip() throws Exception {
    byte[] value = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    CoderProperties.coderDecodeEncodeEqual(
        ModelCoder.of(RawRecord.class), RawRecord.of("member.login", 2, 99L, T, T.plus(5), value));
    CoderProperties.coderDecodeEncodeEqual(
        ModelCoder.of(RawRecord.class), RawRecord.of("member.login", 0, 0L, T, T, null));
    CoderProperties.coderDecodeEncodeEqual(
        ModelCoder.of(DeadLetter.class),
        DeadLetter.of(
            "member.login", 1, 7L, DeadLetterReason.INVALID_UTF8, "bad", new byte[] {(byte) 0xff}));
  }

  @Test
  public void catalogsRoundTrip() throws Exception {
    TitleInfo title = TitleInfo.of("t1", "Dark", "SHOW", null);
    GameInfo game = GameInfo.of("g1", "Dark: the game", null, "t1");
    LiveEventInfo live = LiveEventInfo.of("l1", "Finale");
    CoderProperties.coderDecodeEncodeEqual(
        ModelCoder.of(Catalogs.class),
        Catalogs.of(3, Map.of("t1", title), Map.of("g1", game), Map.of("l1", live)));
  }

  @Test
  public void aTypeWithoutAModelCoderIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelCoder.of(TitleInfo.class));
    assertThat(
        e.getMessage(), equalTo("io.rtgraph.model.TitleInfo has no hand-written model coder"));
  }

  @Test
  public void aNullValueIsRefusedByTheCodersName() {
    CoderException e =
        assertThrows(
            CoderException.class,
            () ->
                CoderUtils.encodeToByteArray(ModelCoder.of(GraphUpdate.class), (GraphUpdate) null));
    assertThat(e.getMessage(), equalTo("GraphUpdateCoder cannot encode null"));
  }
}
