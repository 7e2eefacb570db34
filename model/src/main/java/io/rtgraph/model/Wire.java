package io.rtgraph.model;

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

  static void writeNullableString(@Nullable String value, OutputStream out) throws IOException {
    out.write(value == null ? 0 : 1);
    if (value != null) {
      STRING.encode(value, out);
    }
  }

  static @Nullable String readNullableString(InputStream in) throws IOException {
    return readPresence(in) ? STRING.decode(in) : null;
  }

  static void writeNullableBytes(byte @Nullable [] value, OutputStream out) throws IOException {
    out.write(value == null ? 0 : 1);
    if (value != null) {
      BYTES.encode(value, out);
    }
  }

  static byte @Nullable [] readNullableBytes(InputStream in) throws IOException {
    return readPresence(in) ? BYTES.decode(in) : null;
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
      throw new java.io.EOFException("unexpected end of an encoded value");
    }
    return flag != 0;
  }
}
