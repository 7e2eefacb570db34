package io.rtgraph.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Binary coder for {@link MemberEvent}: fields in declaration order, a presence byte for nullables.
 *
 * <p><b>Formats.</b> Besides the shuffle, Flink checkpoints hold these values: events that wait for
 * the catalog side input after a restore are pushed back into operator state. So every value starts
 * with a one-byte format tag, and the decoder reads every format it has ever written:
 *
 * <ul>
 *   <li>format 1 had no tag: its first byte is the source topic's ordinal, 0 to 3, which is why the
 *       tags start at 4;
 *   <li>{@value #FORMAT_2}: the tag, then format 1's layout.
 * </ul>
 *
 * <p>To change the layout, add the next tag, let {@link #encode} write only that one, and keep a
 * decoder for every older tag. A tag this release does not know fails with an error that names it.
 * {@link SourceTopic} constants are written by ordinal: add new ones at the end. {@link
 * #serialVersionUID} stays fixed: Flink keeps this coder Java-serialized in its state snapshots,
 * and a changed id fails a restore.
 */
public final class MemberEventCoder extends AtomicCoder<MemberEvent> {
  /** The id computed for the first, untagged release; savepoints already hold it. */
  private static final long serialVersionUID = 1334017459997135316L;

  /** Format 1 wrote the ordinals of the four topics it knew, 0 to 3, where the tag is now. */
  private static final int FORMAT_1_TOPICS = 4;

  /** The format {@link #encode} writes. */
  static final int FORMAT_2 = 4;

  private static final MemberEventCoder INSTANCE = new MemberEventCoder();
  private static final SourceTopic[] TOPICS = SourceTopic.values();

  private MemberEventCoder() {}

  public static MemberEventCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(MemberEvent.class), INSTANCE);
  }

  @Override
  public void encode(MemberEvent event, OutputStream out) throws IOException {
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
    Long positionMs = event.positionMs();
    out.write(positionMs == null ? 0 : 1);
    if (positionMs != null) {
      Wire.writeLong(positionMs, out);
    }
    Wire.writeNullableString(event.country(), out);
  }

  @Override
  public MemberEvent decode(InputStream in) throws IOException {
    int tag = in.read();
    if (tag < 0) {
      throw new EOFException("MemberEventCoder: no bytes left where an event starts");
    }
    if (tag < FORMAT_1_TOPICS) {
      return decodeBody(TOPICS[tag], in); // format 1, untagged: its first byte is the topic
    }
    if (tag == FORMAT_2) {
      return decodeBody(topic(in.read()), in);
    }
    throw new CoderException(
        "MemberEventCoder cannot read format tag "
            + tag
            + ": this release reads formats 1 and 2, so the value was written by a newer one");
  }

  private static SourceTopic topic(int ordinal) throws IOException {
    if (ordinal < 0) {
      throw new EOFException("MemberEventCoder: no bytes left where the source topic is");
    }
    if (ordinal >= TOPICS.length) {
      throw new CoderException("MemberEventCoder: unknown source topic " + ordinal);
    }
    return TOPICS[ordinal];
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
        .setPositionMs(Wire.readPresence(in) ? Wire.readLong(in) : null)
        .setCountry(Wire.readNullableString(in))
        .build();
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
