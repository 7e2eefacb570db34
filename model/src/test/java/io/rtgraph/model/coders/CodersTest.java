package io.rtgraph.model.coders;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.ArchivedRecord;
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
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;
import org.junit.Test;

/** Every model coder decodes what it encodes, and is what inference finds for its type. */
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
    CoderProperties.coderDecodeEncodeEqual(MemberEventCoder.of(), full);
    CoderProperties.coderDecodeEncodeEqual(MemberEventCoder.of(), sparse);
  }

  @Test
  public void mappedEventRoundTrips() throws Exception {
    MappedEvent parsed = MappedEvent.of(T, new Object[] {"e1", T, 4L, Boolean.FALSE, null, ""});
    CoderProperties.coderDecodeEncodeEqual(MappedEventCoder.of(), parsed);
    CoderProperties.coderDecodeEncodeEqual(
        MappedEventCoder.of(),
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
        GraphUpdateCoder.of(),
        GraphUpdate.edge(
            EdgeType.PLAYS,
            "Profile:p",
            "Game:g",
            T,
            SourceTopic.GAMEPLAY,
            Map.of("gameName", "G")));
    CoderProperties.coderDecodeEncodeEqual(
        GraphUpdateCoder.of(),
        GraphUpdate.node(NodeType.ACCOUNT, "a", T, SourceTopic.LOGIN, Map.of()));
  }

  @Test
  public void rawRecordAndDeadLetterRoundTrip() throws Exception {
    byte[] value = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    CoderProperties.coderDecodeEncodeEqual(
        RawRecordCoder.of(), RawRecord.of("member.login", 2, 99L, T, T.plus(5), value));
    CoderProperties.coderDecodeEncodeEqual(
        RawRecordCoder.of(), RawRecord.of("member.login", 0, 0L, T, T, null));
    CoderProperties.coderDecodeEncodeEqual(
        DeadLetterCoder.of(),
        DeadLetter.of(
            "member.login", 1, 7L, DeadLetterReason.INVALID_UTF8, "bad", new byte[] {(byte) 0xff}));
  }

  @Test
  public void catalogsRoundTrip() throws Exception {
    TitleInfo title = TitleInfo.of("t1", "Dark", "SHOW", null);
    GameInfo game = GameInfo.of("g1", "Dark: the game", null, "t1");
    LiveEventInfo live = LiveEventInfo.of("l1", "Finale");
    CoderProperties.coderDecodeEncodeEqual(
        CatalogsCoder.of(),
        Catalogs.of(3, Map.of("t1", title), Map.of("g1", game), Map.of("l1", live)));
  }

  @Test
  public void inferenceFindsTheExplicitCoders() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertThat(coder(registry, MemberEvent.class), instanceOf(MemberEventCoder.class));
    assertThat(coder(registry, GraphUpdate.class), instanceOf(GraphUpdateCoder.class));
    assertThat(coder(registry, RawRecord.class), instanceOf(RawRecordCoder.class));
    assertThat(coder(registry, DeadLetter.class), instanceOf(DeadLetterCoder.class));
    assertThat(coder(registry, Catalogs.class), instanceOf(CatalogsCoder.class));
    assertThat(coder(registry, ArchivedRecord.class), instanceOf(ArchivedRecordCoder.class));
    assertThat(coder(registry, MappedEvent.class), instanceOf(MappedEventCoder.class));
  }

  @Test
  public void aNullValueIsRefusedByTheCodersName() {
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> CoderUtils.encodeToByteArray(GraphUpdateCoder.of(), (GraphUpdate) null));
    assertThat(e.getMessage(), equalTo("GraphUpdateCoder cannot encode null"));
  }

  private static Coder<?> coder(CoderRegistry registry, Class<?> type) throws Exception {
    return registry.getCoder(TypeDescriptor.of(type));
  }
}
