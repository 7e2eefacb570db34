package io.rtgraph.model.coders;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.TitleInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * The coders of values that Flink state holds deserialize as the first release Java-serialized
 * them, write mapped events in their own format, and refuse a format they do not know by name. What
 * each reads of the first, untagged format and writes in the tagged one is a row of {@link
 * Format1ValuesTest}.
 */
public class CoderFormatsTest {

  /**
   * A wall-clock version's varint starts with 0x80, the first byte of the tagged catalogs formats
   * too: the fixture's row in {@link Format1ValuesTest} checks that the coder tells them apart.
   */
  @Test
  public void aWallClockVersionStartsWithTheTaggedFormatsFirstByte() {
    assertThat(Format1Fixtures.bytes("catalogs.wallClockVersion")[0], equalTo((byte) 0x80));
  }

  /**
   * Flink's serializer snapshot holds the coder Java-serialized; the release's coder must read it.
   */
  @Test
  public void theJavaSerializedFormat1CodersStillDeserialize() throws Exception {
    Object graphUpdateCoder =
        javaDeserialize(Format1Fixtures.bytes("graphUpdateCoder.javaSerialized"));
    Object catalogsCoder = javaDeserialize(Format1Fixtures.bytes("catalogsCoder.javaSerialized"));
    Object memberEventCoder =
        javaDeserialize(Format1Fixtures.bytes("memberEventCoder.javaSerialized"));
    assertThat(graphUpdateCoder, instanceOf(GraphUpdateCoder.class));
    assertThat(graphUpdateCoder, equalTo(ModelCoder.of(GraphUpdate.class)));
    assertThat(catalogsCoder, instanceOf(CatalogsCoder.class));
    assertThat(catalogsCoder, equalTo(ModelCoder.of(Catalogs.class)));
    assertThat(memberEventCoder, equalTo(ModelCoder.of(MemberEvent.class)));
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
    Coder<MappedEvent> coder = ModelCoder.of(MappedEvent.class);
    assertThat(CoderUtils.encodeToByteArray(coder, event), equalTo(expected));
    assertThat(CoderUtils.decodeFromByteArray(coder, expected), equalTo(event));
  }

  /** A value of a type the mapped-event format has no kind for, or a kind it does not know. */
  @Test
  public void mappedEventsRefuseWhatTheFormatHasNoKindFor() {
    Coder<MappedEvent> coder = ModelCoder.of(MappedEvent.class);
    CoderException unwritable =
        assertThrows(
            CoderException.class,
            () ->
                CoderUtils.encodeToByteArray(
                    coder, MappedEvent.of(new Instant(300), new Object[] {7})));
    assertThat(
        unwritable.getMessage(), equalTo("MappedEventCoder cannot write a java.lang.Integer"));
    CoderException unknownKind =
        assertThrows(
            CoderException.class,
            () -> CoderUtils.decodeFromByteArray(coder, new byte[] {16, (byte) 0xAC, 0x02, 1, 9}));
    assertThat(unknownKind.getMessage(), equalTo("MappedEventCoder: unknown value kind 9"));
  }

  /** A value the typed event coder wrote is refused with a message that names that coder. */
  @Test
  public void aMemberEventIsNotReadAsAMappedEvent() throws Exception {
    CoderException e =
        assertThrows(
            CoderException.class,
            () ->
                CoderUtils.decodeFromByteArray(
                    ModelCoder.of(MappedEvent.class), Format1Fixtures.bytes("memberEvent.live")));
    assertThat(e.getMessage(), containsString("a MemberEventCoder value"));
  }

  /** Graph updates round-trip in CodersTest; here the version varint of every width. */
  @Test
  public void format2RoundTrips() throws Exception {
    for (long version :
        new long[] {0, 1, 127, 128, 1764237600000L, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      CoderProperties.coderDecodeEncodeEqual(
          ModelCoder.of(Catalogs.class),
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
    ModelCoder.of(Catalogs.class).verifyDeterministic();
    ModelCoder.of(GraphUpdate.class).verifyDeterministic();
    CoderProperties.coderDeterministic(ModelCoder.of(Catalogs.class), inOrder, shuffled);
  }

  @Test
  public void anUnknownFormatTagIsRefusedByName() {
    assertDecodingFails(
        ModelCoder.of(GraphUpdate.class),
        new byte[] {9, 0, 0},
        "GraphUpdateCoder cannot read format tag 9");
    assertDecodingFails(
        ModelCoder.of(Catalogs.class),
        new byte[] {(byte) 0x80, 0x00, 9, 0, 0, 0, 0},
        "CatalogsCoder cannot read format tag 9");
    assertDecodingFails(
        ModelCoder.of(MemberEvent.class),
        new byte[] {9, 0, 0},
        "MemberEventCoder cannot read format tag 9");
  }

  @Test
  public void anEmptyInputIsAnEndOfInputNotACrash() {
    assertThrows(IOException.class, () -> decode(ModelCoder.of(GraphUpdate.class), new byte[0]));
    assertThrows(IOException.class, () -> decode(ModelCoder.of(Catalogs.class), new byte[0]));
    assertThrows(
        IOException.class, () -> decode(ModelCoder.of(Catalogs.class), new byte[] {(byte) 0x80}));
    assertThrows(IOException.class, () -> decode(ModelCoder.of(MemberEvent.class), new byte[0]));
  }

  private static Catalogs catalogsOfTitles(List<String> ids) {
    Map<String, TitleInfo> titles = new LinkedHashMap<>();
    for (String id : ids) {
      titles.put(id, TitleInfo.of(id, "name of " + id, null, null));
    }
    return Catalogs.of(3, titles, Map.of(), Map.of());
  }

  /**
   * Decoding {@code bytes} fails with a {@link CoderException} whose message holds {@code message}.
   */
  private static void assertDecodingFails(Coder<?> coder, byte[] bytes, String message) {
    CoderException e = assertThrows(CoderException.class, () -> decode(coder, bytes));
    assertThat(e.getMessage(), containsString(message));
  }

  private static <T> T decode(Coder<T> coder, byte[] bytes) throws IOException {
    return coder.decode(new ByteArrayInputStream(bytes));
  }

  private static Object javaDeserialize(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }
}
