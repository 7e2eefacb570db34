package io.rtgraph.model.coders;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** The primitives the model's binary coders are written in: varints and length-prefixed bytes. */
final class Wire {
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  private Wire() {}

  static void writeString(String value, OutputStream out) throws IOException {
    STRING.encode(value, out);
  }

  static String readString(InputStream in) throws IOException {
    return STRING.decode(in);
  }

  /** Writes one field of a value. */
  interface Writer<T> {
    void write(T value, OutputStream out) throws IOException;
  }

  /** Reads one field of a value. */
  interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  /** A presence byte, then the value if there is one. */
  static <T> void writeNullable(@Nullable T value, Writer<T> writer, OutputStream out)
      throws IOException {
    out.write(value == null ? 0 : 1);
    if (value != null) {
      writer.write(value, out);
    }
  }

  static <T> @Nullable T readNullable(InputStream in, Reader<T> reader) throws IOException {
    return readPresence(in) ? reader.read(in) : null;
  }

  static void writeNullableString(@Nullable String value, OutputStream out) throws IOException {
    writeNullable(value, STRING::encode, out);
  }

  static @Nullable String readNullableString(InputStream in) throws IOException {
    return readNullable(in, STRING::decode);
  }

  static void writeNullableBytes(byte @Nullable [] value, OutputStream out) throws IOException {
    writeNullable(value, BYTES::encode, out);
  }

  static byte @Nullable [] readNullableBytes(InputStream in) throws IOException {
    return readNullable(in, BYTES::decode);
  }

  static void writeNullableInstant(@Nullable Instant value, OutputStream out) throws IOException {
    writeNullable(value, Wire::writeInstant, out);
  }

  static @Nullable Instant readNullableInstant(InputStream in) throws IOException {
    return readNullable(in, Wire::readInstant);
  }

  static void writeInstant(Instant value, OutputStream out) throws IOException {
    VarInt.encode(value.getMillis(), out);
  }

  static Instant readInstant(InputStream in) throws IOException {
    return new Instant(VarInt.decodeLong(in));
  }

  static void writeLong(long value, OutputStream out) throws IOException {
    VarInt.encode(value, out);
  }

  static long readLong(InputStream in) throws IOException {
    return VarInt.decodeLong(in);
  }

  static void writeInt(int value, OutputStream out) throws IOException {
    VarInt.encode(value, out);
  }

  static int readInt(InputStream in) throws IOException {
    return VarInt.decodeInt(in);
  }

  static boolean readPresence(InputStream in) throws IOException {
    int flag = in.read();
    if (flag < 0) {
      throw new EOFException("unexpected end of an encoded value");
    }
    return flag != 0;
  }
}
