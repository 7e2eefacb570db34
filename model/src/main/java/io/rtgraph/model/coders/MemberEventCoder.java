package io.rtgraph.model.coders;

import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Binary coder for {@link MemberEvent}: fields in declaration order, a presence byte for nullables.
 *
 * <p><b>Formats.</b> Until topics were mapped by their mapping files, Flink checkpoints held these
 * values (events waiting for the catalog side input), so the decoder reads every format written:
 *
 * <ul>
 *   <li>format 1 had no tag: its first byte is the source topic's ordinal, 0 to 3, which is why the
 *       tags start at 4;
 *   <li>{@value #FORMAT_2}: the tag, then format 1's layout.
 * </ul>
 *
 * <p>{@link SourceTopic} constants are written by ordinal: add new ones at the end.
 */
public final class MemberEventCoder extends ModelCoder<MemberEvent> {
  /** The id computed for the first, untagged release; savepoints already hold it. */
  private static final long serialVersionUID = 1334017459997135316L;

  /** The format {@link #encode} writes. */
  static final int FORMAT_2 = 4;

  private static final SourceTopic[] TOPICS = SourceTopic.values();

  MemberEventCoder() {}

  @Override
  void encodeValue(MemberEvent event, OutputStream out) throws IOException {
    out.write(FORMAT_2);
    out.write(event.sourceTopic().ordinal());
    Wire.writeString(event.eventId(), out);
    Wire.writeInstant(event.eventTime(), out);
    Wire.writeString(event.accountId(), out);
    Wire.writeNullableString(event.profileId(), out);
    Wire.writeString(event.deviceId(), out);
    Wire.writeNullableString(event.deviceType(), out);
    out.write(event.test() ? 1 : 0);
    Wire.writeString(event.action(), out);
    Wire.writeNullableString(event.titleId(), out);
    Wire.writeNullableString(event.gameId(), out);
    Wire.writeNullableString(event.liveEventId(), out);
    Wire.writeNullable(event.positionMs(), Wire::writeLong, out);
    Wire.writeNullableString(event.country(), out);
  }

  @Override
  public MemberEvent decode(InputStream in) throws IOException {
    int topic = readFormat1Lead(in, FORMAT_2, "an event starts");
    return decodeBody(constant(TOPICS, topic, "source topic"), in);
  }

  private static MemberEvent decodeBody(SourceTopic topic, InputStream in) throws IOException {
    return MemberEvent.builder()
        .setSourceTopic(topic)
        .setEventId(Wire.readString(in))
        .setEventTime(Wire.readInstant(in))
        .setAccountId(Wire.readString(in))
        .setProfileId(Wire.readNullableString(in))
        .setDeviceId(Wire.readString(in))
        .setDeviceType(Wire.readNullableString(in))
        .setTest(Wire.readPresence(in))
        .setAction(Wire.readString(in))
        .setTitleId(Wire.readNullableString(in))
        .setGameId(Wire.readNullableString(in))
        .setLiveEventId(Wire.readNullableString(in))
        .setPositionMs(Wire.readNullable(in, Wire::readLong))
        .setCountry(Wire.readNullableString(in))
        .build();
  }
}
