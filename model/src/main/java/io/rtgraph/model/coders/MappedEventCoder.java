package io.rtgraph.model.coders;

import io.rtgraph.model.GameInfo;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.TitleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.beam.sdk.coders.CoderException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

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

  /** The kinds that are the kind byte alone. */
  private static final int NULL = 0;

  private static final int TRUE = 3;
  private static final int FALSE = 4;

  /** The kinds whose byte a body follows: the code, the class of the value, its wire form. */
  private static final List<Kind<?>> KINDS =
      List.of(
          new Kind<>(1, String.class, Wire::writeString, Wire::readString),
          new Kind<>(2, Long.class, Wire::writeLong, Wire::readLong),
          new Kind<>(5, Instant.class, Wire::writeInstant, Wire::readInstant),
          new Kind<>(
              6, TitleInfo.class, CatalogEntryWire.TITLE::write, CatalogEntryWire.TITLE::read),
          new Kind<>(7, GameInfo.class, CatalogEntryWire.GAME::write, CatalogEntryWire.GAME::read),
          new Kind<>(
              8,
              LiveEventInfo.class,
              CatalogEntryWire.LIVE_EVENT::write,
              CatalogEntryWire.LIVE_EVENT::read));

  MappedEventCoder() {}

  @Override
  void encodeValue(MappedEvent event, OutputStream out) throws IOException {
    out.write(FORMAT_1);
    Wire.writeInstant(event.eventTime(), out);
    writeValues(event.valueCount(), event::value, out);
    writeValues(event.joinedCount(), event::joined, out);
  }

  /** A one-byte count, then each value. */
  private static void writeValues(int count, IntFunction<@Nullable Object> value, OutputStream out)
      throws IOException {
    out.write(count);
    for (int i = 0; i < count; i++) {
      writeValue(value.apply(i), out);
    }
  }

  private static void writeValue(@Nullable Object value, OutputStream out) throws IOException {
    if (value == null) {
      out.write(NULL);
    } else if (value instanceof Boolean) {
      out.write((Boolean) value ? TRUE : FALSE);
    } else {
      kindOf(value).write(value, out);
    }
  }

  private static Kind<?> kindOf(Object value) throws CoderException {
    for (Kind<?> kind : KINDS) {
      if (kind.type.isInstance(value)) {
        return kind;
      }
    }
    throw new CoderException("MappedEventCoder cannot write a " + value.getClass().getName());
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
    Instant eventTime = Wire.readInstant(in);
    Object[] values = readValues(in);
    return MappedEvent.of(eventTime, values).withJoined(readValues(in));
  }

  private @Nullable Object[] readValues(InputStream in) throws IOException {
    @Nullable Object[] values = new Object[readByte(in, "a count is")];
    for (int i = 0; i < values.length; i++) {
      values[i] = readValue(in);
    }
    return values;
  }

  private @Nullable Object readValue(InputStream in) throws IOException {
    int code = readByte(in, "a value is");
    switch (code) {
      case NULL:
        return null;
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      default:
        for (Kind<?> kind : KINDS) {
          if (kind.code == code) {
            return kind.reader.read(in);
          }
        }
        throw new CoderException(name() + ": unknown value kind " + code);
    }
  }

  /** One kind of value with a body. */
  private static final class Kind<V> {
    final int code;
    final Class<V> type;
    final Wire.Writer<V> writer;
    final Wire.Reader<? extends V> reader;

    Kind(int code, Class<V> type, Wire.Writer<V> writer, Wire.Reader<? extends V> reader) {
      this.code = code;
      this.type = type;
      this.writer = writer;
      this.reader = reader;
    }

    void write(Object value, OutputStream out) throws IOException {
      out.write(code);
      writer.write(type.cast(value), out);
    }
  }
}
