package io.rtgraph.model.coders;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * A row per value that Flink state holds in the first, untagged format (a fixture of {@link
 * Format1Fixtures}): the coder of this release reads those bytes as the value written out by hand
 * here, and writes that value in its tagged format, which is the tag, then format 1's layout.
 */
@RunWith(Parameterized.class)
public class Format1ValuesTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");

  /** Format 2 of a graph update is the tag 2, then format 1's layout. */
  private static final byte[] GRAPH_UPDATE_TAG = {2};

  /** Format 2 of catalogs is the marker 0x80 0x00, the tag 2, then format 1's sorted layout. */
  private static final byte[] CATALOGS_TAG = {(byte) 0x80, 0x00, 2};

  /** Format 2 of a member event is the tag 4, then format 1's layout. */
  private static final byte[] MEMBER_EVENT_TAG = {4};

  /** The member event of the fixture {@code memberEvent.playback}: every field set. */
  static final MemberEvent PLAYBACK_START =
      MemberEvent.builder()
          .setSourceTopic(SourceTopic.PLAYBACK)
          .setEventId("e1")
          .setEventTime(T0)
          .setAccountId("a1")
          .setProfileId("p1")
          .setDeviceId("d1")
          .setDeviceType("tv")
          .setTest(true)
          .setAction("START")
          .setTitleId("t1")
          .setPositionMs(-5L)
          .build();

  @Parameters(name = "{0}")
  public static List<Row<?>> rows() {
    return List.of(
        new Row<>(
            "graphUpdate.node",
            ModelCoder.of(GraphUpdate.class),
            GRAPH_UPDATE_TAG,
            GraphUpdate.create(
                GraphUpdate.Element.NODE,
                "Title",
                "Title:t1",
                null,
                null,
                Map.of("genre", "thriller", "name", "Émilie ☂"),
                Map.of("genre", T0, "name", T0.plus(5_000)),
                T0,
                T0.plus(7_000),
                "member.playback")),
        new Row<>(
            "graphUpdate.nodeWithoutProperties",
            ModelCoder.of(GraphUpdate.class),
            GRAPH_UPDATE_TAG,
            // Its bytes hold the id Account:a1 and the topic member.login, as node() derives them.
            GraphUpdate.node(NodeType.ACCOUNT, "a1", T0, SourceTopic.LOGIN, Map.of())),
        new Row<>(
            "graphUpdate.edge",
            ModelCoder.of(GraphUpdate.class),
            GRAPH_UPDATE_TAG,
            GraphUpdate.create(
                GraphUpdate.Element.EDGE,
                "PLAYS",
                "PLAYS:Profile:p1->Game:g1",
                "Profile:p1",
                "Game:g1",
                Map.of("gameName", "Dark Puzzles", "platform", "console"),
                Map.of("gameName", T0.plus(1_000), "platform", T0.plus(2_000)),
                T0.plus(1_000),
                T0.plus(9_000),
                "member.gameplay")),
        new Row<>(
            "catalogs.version0",
            ModelCoder.of(Catalogs.class),
            CATALOGS_TAG,
            Catalogs.of(
                0,
                Map.of("t1", TitleInfo.of("t1", "Dark", "SHOW", "thriller")),
                Map.of("g1", GameInfo.of("g1", "Dark Puzzles", null, "t1")),
                Map.of("l1", LiveEventInfo.of("l1", "Finale")))),
        // Its first byte is that of the tagged formats too (CoderFormatsTest pins it).
        new Row<>(
            "catalogs.wallClockVersion",
            ModelCoder.of(Catalogs.class),
            CATALOGS_TAG,
            Catalogs.of(
                1764237600000L,
                Map.of("t2", TitleInfo.of("t2", null, null, null)),
                Map.of(),
                Map.of("l2", LiveEventInfo.of("l2", null)))),
        // The combine accumulator before any load: version Long.MIN_VALUE, ten varint bytes.
        new Row<>(
            "catalogs.nothingLoaded",
            ModelCoder.of(Catalogs.class),
            CATALOGS_TAG,
            Catalogs.of(Long.MIN_VALUE, Map.of(), Map.of(), Map.of())),
        new Row<>(
            "memberEvent.playback",
            ModelCoder.of(MemberEvent.class),
            MEMBER_EVENT_TAG,
            PLAYBACK_START),
        new Row<>(
            "memberEvent.live",
            ModelCoder.of(MemberEvent.class),
            MEMBER_EVENT_TAG,
            MemberEvent.builder()
                .setSourceTopic(SourceTopic.LIVE)
                .setEventId("e2")
                .setEventTime(T0.plus(1_000))
                .setAccountId("a2")
                .setDeviceId("d2")
                .setAction("JOIN")
                .setLiveEventId("l1")
                .setCountry("NL")
                .build()));
  }

  /** A fixture's name, its coder, the tag its tagged format starts with, and its value. */
  record Row<T>(String fixture, Coder<T> coder, byte[] tag, T value) {
    /** The fixture's name is its test's name. */
    @Override
    public String toString() {
      return fixture;
    }
  }

  @Parameter public Row<?> row;

  @Test
  public void format1IsReadWholeAsTheValue() throws Exception {
    assertReadWhole(row);
  }

  @Test
  public void theValueIsWrittenAsItsTagThenFormat1() throws Exception {
    assertWrittenTagged(row);
  }

  private static <T> void assertReadWhole(Row<T> row) throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(Format1Fixtures.bytes(row.fixture()));
    T value = row.coder().decode(in);
    assertThat(row.fixture() + " is read to its end", in.available(), equalTo(0));
    assertThat(value, equalTo(row.value()));
  }

  private static <T> void assertWrittenTagged(Row<T> row) throws Exception {
    byte[] format1 = Format1Fixtures.bytes(row.fixture());
    byte[] expected = new byte[row.tag().length + format1.length];
    System.arraycopy(row.tag(), 0, expected, 0, row.tag().length);
    System.arraycopy(format1, 0, expected, row.tag().length, format1.length);
    assertThat(CoderUtils.encodeToByteArray(row.coder(), row.value()), equalTo(expected));
  }
}
