package io.rtgraph.model.coders;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.TitleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Binary coder for {@link MappedEvent}: a format tag, the event time, then each value and each
 * joined catalog entry behind a one-byte kind.
 *
 * <p><b>Formats.</b> Flink checkpoints hold these values (events waiting for the catalog side input
 * after a restore), so every value starts with a format tag and the decoder keeps reading every
 * format it has written. Its tags start at {@value #FORMAT_1}, apart from {@link
 * MemberEventCoder}'s 0 to 4, so that a state written with that coder fails with a message naming
 * it instead of decoding garbage.
 */
public final class MappedEventCoder extends ModelCoder<MappedEvent> {
  private static final long serialVersionUID = 1L;

  static final int FORMAT_1 = 16;

  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int LONG = 2;
  private static final int TRUE = 3;
  private static final int FALSE = 4;
  private static final int INSTANT = 5;
  private static final int TITLE = 6;
  private static final int GAME = 7;
  private static final int LIVE_EVENT = 8;

  private static final MappedEventCoder INSTANCE = new MappedEventCoder();

  public static MappedEventCoder of() {
    return INSTANCE;
  }

  @Override
  void encodeValue(MappedEvent event, OutputStream out) throws IOException {
    out.write(FORMAT_1);
    Wire.writeInstant(event.eventTime(), out);
    int values = event.valueCount();
    out.write(values);
    for (int i = 0; i < values; i++) {
      writeValue(event.value(i), out);
    }
    int joined = event.joinedCount();
    out.write(joined);
    for (int i = 0; i < joined; i++) {
      writeValue(event.joined(i), out);
    }
  }

  private static void writeValue(@Nullable Object value, OutputStream out) throws IOException {
    if (value == null) {
      out.write(NULL);
    } else if (value instanceof String) {
      out.write(STRING);
      Wire.writeString((String) value, out);
    } else if (value instanceof Long) {
      out.write(LONG);
      Wire.writeLong((Long) value, out);
    } else if (value instanceof Boolean) {
      out.write((Boolean) value ? TRUE : FALSE);
    } else if (value instanceof org.joda.time.Instant) {
      out.write(INSTANT);
      Wire.writeInstant((org.joda.time.Instant) value, out);
    } else if (value instanceof TitleInfo) {
      out.write(TITLE);
      CatalogEntryWire.writeTitle((TitleInfo) value, out);
    } else if (value instanceof GameInfo) {
      out.write(GAME);
      CatalogEntryWire.writeGame((GameInfo) value, out);
    } else if (value instanceof LiveEventInfo) {
      out.write(LIVE_EVENT);
      CatalogEntryWire.writeLiveEvent((LiveEventInfo) value, out);
    } else {
      throw new CoderException("MappedEventCoder cannot write a " + value.getClass().getName());
    }
  }

  @Override
  public MappedEvent decode(InputStream in) throws IOException {
    int tag = readByte(in, "an event starts");
    if (tag <= 4) {
      throw new CoderException(
          "MappedEventCoder cannot read format tag "
              + tag
              + ": a MemberEventCoder value, written before topics were mapped; drain that job before upgrading");
    }
    if (tag != FORMAT_1) {
      throw unknownFormat(tag, "format " + FORMAT_1);
    }
    org.joda.time.Instant eventTime = Wire.readInstant(in);
    Object[] values = new Object[readByte(in, "a count is")];
    for (int i = 0; i < values.length; i++) {
      values[i] = readValue(in);
    }
    Object[] joined = new Object[readByte(in, "a count is")];
    for (int i = 0; i < joined.length; i++) {
      joined[i] = readValue(in);
    }
    return MappedEvent.of(eventTime, values).withJoined(joined);
  }

  private @Nullable Object readValue(InputStream in) throws IOException {
    int kind = readByte(in, "a value is");
    switch (kind) {
      case NULL:
        return null;
      case STRING:
        return Wire.readString(in);
      case LONG:
        return Wire.readLong(in);
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case INSTANT:
        return Wire.readInstant(in);
      case TITLE:
        return CatalogEntryWire.readTitle(in);
      case GAME:
        return CatalogEntryWire.readGame(in);
      case LIVE_EVENT:
        return CatalogEntryWire.readLiveEvent(in);
      default:
        throw new CoderException(name() + ": unknown value kind " + kind);
    }
  }
}
