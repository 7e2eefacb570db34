package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link MemberEvent}: fields in declaration order, a presence byte for nullables. */
public final class MemberEventCoder extends AtomicCoder<MemberEvent> {
  /**
   * Fixed at the id computed for the first release: Flink keeps coders Java-serialized in its state
   * snapshots (this one's values can sit in a buffered output), and a changed id fails a restore.
   */
  private static final long serialVersionUID = 1334017459997135316L;

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
    return MemberEvent.builder()
        .setSourceTopic(TOPICS[in.read()])
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
