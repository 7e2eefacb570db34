package io.rtgraph.model.coders;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.GameInfo;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.TitleInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The coders of values that Flink state holds read what their first, untagged format wrote
 * (fixtures produced by the coders of that release), write the tagged format, and refuse a format
 * they do not know by name.
 */
public class CoderFormatsTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");
  private static final Properties FORMAT_1 = new Properties();

  /** The member event of the fixture {@code memberEvent.live}. */
  private static final MemberEvent LIVE_JOIN =
      MemberEvent.builder()
          .setSourceTopic(SourceTopic.LIVE)
          .setEventId("e2")
          .setEventTime(T0.plus(1_000))
          .setAccountId("a2")
          .setDeviceId("d2")
          .setAction("JOIN")
          .setLiveEventId("l1")
          .setCountry("NL")
          .build();

  /** The node update of the fixture {@code graphUpdate.nodeWithoutProperties}. */
  private static final GraphUpdate ACCOUNT_LOGIN =
      GraphUpdate.create(
          GraphUpdate.Element.NODE,
          "Account",
          "Account:a1",
          null,
          null,
          Map.of(),
          Map.of(),
          T0,
          T0,
          "member.login");

  /** The catalogs of the fixture {@code catalogs.version0}. */
  private static final Catalogs CATALOGS_VERSION_0 =
      Catalogs.of(
          0,
          Map.of("t1", TitleInfo.of("t1", "Dark", "SHOW", "thriller")),
          Map.of("g1", GameInfo.of("g1", "Dark Puzzles", null, "t1")),
          Map.of("l1", LiveEventInfo.of("l1", "Finale")));

  /** The member event of the fixture {@code memberEvent.playback}. */
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

  @BeforeClass
  public static void loadFixtures() throws IOException {
    try (InputStream in =
        CoderFormatsTest.class.getResourceAsStream("format1-coder-fixtures.properties")) {
      FORMAT_1.load(in);
    }
  }

  @Test
  public void format1NodeUpdateWithPropertiesDecodes() throws Exception {
    GraphUpdate expected =
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
            "member.playback");
    assertThat(decode(GraphUpdateCoder.of(), "graphUpdate.node"), equalTo(expected));
  }

  @Test
  public void format1NodeUpdateWithoutPropertiesDecodes() throws Exception {
    GraphUpdate expected = ACCOUNT_LOGIN;
    assertThat(
        decode(GraphUpdateCoder.of(), "graphUpdate.nodeWithoutProperties"), equalTo(expected));
  }

  @Test
  public void format1EdgeUpdateWithPropertiesDecodes() throws Exception {
    GraphUpdate expected =
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
            "member.gameplay");
    assertThat(decode(GraphUpdateCoder.of(), "graphUpdate.edge"), equalTo(expected));
  }

  @Test
  public void format1CatalogsOfVersion0Decode() throws Exception {
    Catalogs expected = CATALOGS_VERSION_0;
    assertThat(decode(CatalogsCoder.of(), "catalogs.version0"), equalTo(expected));
  }

  /** A wall-clock version's varint starts with 0x80, the first byte of the tagged formats too. */
  @Test
  public void format1CatalogsOfAWallClockVersionDecode() throws Exception {
    Catalogs expected =
        Catalogs.of(
            1764237600000L,
            Map.of("t2", TitleInfo.of("t2", null, null, null)),
            Map.of(),
            Map.of("l2", LiveEventInfo.of("l2", null)));
    assertThat(fixture("catalogs.wallClockVersion")[0], equalTo((byte) 0x80));
    assertThat(decode(CatalogsCoder.of(), "catalogs.wallClockVersion"), equalTo(expected));
  }

  /** The combine accumulator before any load: version Long.MIN_VALUE, ten varint bytes. */
  @Test
  public void format1CatalogsOfTheSmallestVersionDecode() throws Exception {
    Catalogs expected = Catalogs.of(Long.MIN_VALUE, Map.of(), Map.of(), Map.of());
    assertThat(decode(CatalogsCoder.of(), "catalogs.nothingLoaded"), equalTo(expected));
  }

  @Test
  public void format1MemberEventsDecode() throws Exception {
    MemberEvent playback = PLAYBACK_START;
    assertThat(decode(MemberEventCoder.of(), "memberEvent.playback"), equalTo(playback));
    assertThat(decode(MemberEventCoder.of(), "memberEvent.live"), equalTo(LIVE_JOIN));
  }

  /**
   * Flink's serializer snapshot holds the coder Java-serialized; the release's coder must read it.
   */
  @Test
  public void theJavaSerializedFormat1CodersStillDeserialize() throws Exception {
    Object graphUpdateCoder = javaDeserialize(fixture("graphUpdateCoder.javaSerialized"));
    Object catalogsCoder = javaDeserialize(fixture("catalogsCoder.javaSerialized"));
    Object memberEventCoder = javaDeserialize(fixture("memberEventCoder.javaSerialized"));
    assertThat(graphUpdateCoder, instanceOf(GraphUpdateCoder.class));
    assertThat(graphUpdateCoder, equalTo(GraphUpdateCoder.of()));
    assertThat(catalogsCoder, instanceOf(CatalogsCoder.class));
    assertThat(catalogsCoder, equalTo(CatalogsCoder.of()));
    assertThat(memberEventCoder, equalTo(MemberEventCoder.of()));
  }

  /** Format 2 is the tag 2, then format 1's layout. */
  @Test
  public void graphUpdatesAreWrittenInFormat2() throws Exception {
    GraphUpdate update = ACCOUNT_LOGIN;
    assertThat(
        CoderUtils.encodeToByteArray(GraphUpdateCoder.of(), update),
        equalTo(prefixed(new byte[] {2}, fixture("graphUpdate.nodeWithoutProperties"))));
  }

  /** Format 2 of a member event is the tag 4, then format 1's layout. */
  @Test
  public void memberEventsAreWrittenInFormat2() throws Exception {
    assertThat(
        CoderUtils.encodeToByteArray(MemberEventCoder.of(), LIVE_JOIN),
        equalTo(prefixed(new byte[] {4}, fixture("memberEvent.live"))));
  }

  /**
   * A mapped event is the tag 16, the event time as a varint, the value count, each value behind
   * its kind (0 absent, 1 string, 2 integer, 3 true, 4 false, 5 instant), then the same for the
   * joined catalog entries.
   */
  @Test
  public void mappedEventsAreWrittenInFormat16() throws Exception {
    MappedEvent event =
        MappedEvent.of(new Instant(300), new Object[] {"e1", null, 5L, Boolean.TRUE});
    byte[] expected = {16, (byte) 0xAC, 0x02, 4, 1, 2, 'e', '1', 0, 2, 5, 3, 0};
    assertThat(CoderUtils.encodeToByteArray(MappedEventCoder.of(), event), equalTo(expected));
    assertThat(CoderUtils.decodeFromByteArray(MappedEventCoder.of(), expected), equalTo(event));
  }

  /** A value of a type the mapped-event format has no kind for, or a kind it does not know. */
  @Test
  public void mappedEventsRefuseWhatTheFormatHasNoKindFor() {
    CoderException unwritable =
        assertThrows(
            CoderException.class,
            () ->
                CoderUtils.encodeToByteArray(
                    MappedEventCoder.of(), MappedEvent.of(new Instant(300), new Object[] {7})));
    assertThat(
        unwritable.getMessage(), equalTo("MappedEventCoder cannot write a java.lang.Integer"));
    CoderException unknownKind =
        assertThrows(
            CoderException.class,
            () ->
                CoderUtils.decodeFromByteArray(
                    MappedEventCoder.of(), new byte[] {16, (byte) 0xAC, 0x02, 1, 9}));
    assertThat(unknownKind.getMessage(), equalTo("MappedEventCoder: unknown value kind 9"));
  }

  /** A value the typed event coder wrote is refused with a message that names that coder. */
  @Test
  public void aMemberEventIsNotReadAsAMappedEvent() throws Exception {
    CoderException e =
        assertThrows(
            CoderException.class,
            () ->
                CoderUtils.decodeFromByteArray(MappedEventCoder.of(), fixture("memberEvent.live")));
    assertThat(e.getMessage(), containsString("a MemberEventCoder value"));
  }

  /** Format 2 is the marker 0x80 0x00, the tag 2, then format 1's layout with sorted entries. */
  @Test
  public void catalogsAreWrittenInFormat2() throws Exception {
    Catalogs catalogs = CATALOGS_VERSION_0;
    assertThat(
        CoderUtils.encodeToByteArray(CatalogsCoder.of(), catalogs),
        equalTo(prefixed(new byte[] {(byte) 0x80, 0x00, 2}, fixture("catalogs.version0"))));
  }

  /** Graph updates round-trip in CodersTest; here the version varint of every width. */
  @Test
  public void format2RoundTrips() throws Exception {
    for (long version :
        new long[] {0, 1, 127, 128, 1764237600000L, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      CoderProperties.coderDecodeEncodeEqual(
          CatalogsCoder.of(),
          Catalogs.of(
              version, Map.of("t1", TitleInfo.of("t1", "Dark", null, null)), Map.of(), Map.of()));
    }
  }

  /** Equal catalogs built in different orders encode to the same bytes. */
  @Test
  public void catalogsEncodeDeterministically() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add("t" + i);
    }
    Catalogs inOrder = catalogsOfTitles(ids);
    Collections.shuffle(ids, new Random(7));
    Catalogs shuffled = catalogsOfTitles(ids);
    CatalogsCoder.of().verifyDeterministic();
    GraphUpdateCoder.of().verifyDeterministic();
    CoderProperties.coderDeterministic(CatalogsCoder.of(), inOrder, shuffled);
  }

  @Test
  public void anUnknownFormatTagIsRefusedByName() {
    CoderException graphUpdate =
        assertThrows(
            CoderException.class, () -> decode(GraphUpdateCoder.of(), new byte[] {9, 0, 0}));
    assertThat(
        graphUpdate.getMessage(), containsString("GraphUpdateCoder cannot read format tag 9"));
    CoderException catalogs =
        assertThrows(
            CoderException.class,
            () -> decode(CatalogsCoder.of(), new byte[] {(byte) 0x80, 0x00, 9, 0, 0, 0, 0}));
    assertThat(catalogs.getMessage(), containsString("CatalogsCoder cannot read format tag 9"));
    CoderException memberEvent =
        assertThrows(
            CoderException.class, () -> decode(MemberEventCoder.of(), new byte[] {9, 0, 0}));
    assertThat(
        memberEvent.getMessage(), containsString("MemberEventCoder cannot read format tag 9"));
  }

  @Test
  public void anEmptyInputIsAnEndOfInputNotACrash() {
    assertThrows(IOException.class, () -> decode(GraphUpdateCoder.of(), new byte[0]));
    assertThrows(IOException.class, () -> decode(CatalogsCoder.of(), new byte[0]));
    assertThrows(IOException.class, () -> decode(CatalogsCoder.of(), new byte[] {(byte) 0x80}));
    assertThrows(IOException.class, () -> decode(MemberEventCoder.of(), new byte[0]));
  }

  private static Catalogs catalogsOfTitles(List<String> ids) {
    Map<String, TitleInfo> titles = new LinkedHashMap<>();
    for (String id : ids) {
      titles.put(id, TitleInfo.of(id, "name of " + id, null, null));
    }
    return Catalogs.of(3, titles, Map.of(), Map.of());
  }

  private static <T> T decode(Coder<T> coder, String fixtureName) throws IOException {
    byte[] bytes = fixture(fixtureName);
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    T value = coder.decode(in);
    assertThat(fixtureName + " is read to its end", in.available(), equalTo(0));
    return value;
  }

  private static <T> T decode(Coder<T> coder, byte[] bytes) throws IOException {
    return coder.decode(new ByteArrayInputStream(bytes));
  }

  private static byte[] fixture(String name) {
    String base64 = FORMAT_1.getProperty(name);
    if (base64 == null) {
      throw new IllegalStateException("no fixture " + name);
    }
    return Base64.getDecoder().decode(base64);
  }

  private static byte[] prefixed(byte[] prefix, byte[] rest) {
    byte[] all = new byte[prefix.length + rest.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(rest, 0, all, prefix.length, rest.length);
    return all;
  }

  private static Object javaDeserialize(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }
}
