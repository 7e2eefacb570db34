package io.rtgraph.model.coders;

import io.rtgraph.model.Catalogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;

/**
 * Binary coder for {@link Catalogs}, the side-input value; it is also the coder of the last good
 * version that {@code LoadCatalogs} keeps in keyed state and of its combine accumulator.
 *
 * <p><b>Formats.</b> A savepoint holds values this coder wrote, so the decoder reads every format
 * it has ever written (format 2 is deterministic: it sorts each catalog's entries by id):
 *
 * <ul>
 *   <li>format 1 had no tag: it starts with the version as a varint, and a varint's first byte can
 *       be any of the 256 values (0x80 starts both {@code Long.MIN_VALUE} and a wall-clock tick);
 *   <li>later formats start with the two bytes {@code 0x80 0x00}, an over-long varint that no
 *       varint encoder writes, then a one-byte format tag. Format {@value #FORMAT_2} is format 1's
 *       layout with the entries of each catalog sorted by id, so equal catalogs encode to equal
 *       bytes.
 * </ul>
 */
public final class CatalogsCoder extends ModelCoder<Catalogs> {
  /** The id computed for the first, untagged release; savepoints already hold it. */
  private static final long serialVersionUID = -397556138694359699L;

  /** The first byte of a tagged value; alone it also starts many format-1 versions. */
  private static final int TAGGED_FIRST = 0x80;

  /** After {@link #TAGGED_FIRST}, the byte that no format-1 value has there. */
  private static final int TAGGED_SECOND = 0x00;

  /** The format {@link #encode} writes. */
  static final int FORMAT_2 = 2;

  CatalogsCoder() {}

  @Override
  void encodeValue(Catalogs catalogs, OutputStream out) throws IOException {
    out.write(TAGGED_FIRST);
    out.write(TAGGED_SECOND);
    out.write(FORMAT_2);
    Wire.writeLong(catalogs.version(), out);
    CatalogEntryWire.TITLE.writeAll(catalogs.titles(), out);
    CatalogEntryWire.GAME.writeAll(catalogs.games(), out);
    CatalogEntryWire.LIVE_EVENT.writeAll(catalogs.liveEvents(), out);
  }

  @Override
  public Catalogs decode(InputStream in) throws IOException {
    int first = readByte(in, "the value continues");
    if (first != TAGGED_FIRST) {
      return decodeEntries(format1Version(first, in), in);
    }
    int second = readByte(in, "the value continues");
    if (second != TAGGED_SECOND) {
      return decodeEntries(format1Version(first, second, in), in);
    }
    int tag = readByte(in, "the value continues");
    if (tag == FORMAT_2) {
      return decodeEntries(Wire.readLong(in), in);
    }
    throw unknownFormat(tag, "formats 1 and 2");
  }

  /** The rest of a format-1 version whose first byte is read. */
  private long format1Version(int first, InputStream in) throws IOException {
    return (first & 0x80) == 0 ? first : continueVarLong(first & 0x7F, 7, in);
  }

  /** The rest of a format-1 version whose first two bytes are read; the first was 0x80. */
  private long format1Version(int first, int second, InputStream in) throws IOException {
    long value = (first & 0x7F) | ((long) (second & 0x7F) << 7);
    return (second & 0x80) == 0 ? value : continueVarLong(value, 14, in);
  }

  /** Reads the remaining bytes of a varint the way {@code VarInt.decodeLong} does. */
  private long continueVarLong(long value, int shift, InputStream in) throws IOException {
    int b;
    do {
      if (shift >= 64) {
        throw new CoderException("CatalogsCoder: the version varint is too long");
      }
      b = readByte(in, "the value continues");
      value |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return value;
  }

  private static Catalogs decodeEntries(long version, InputStream in) throws IOException {
    return Catalogs.of(
        version,
        CatalogEntryWire.TITLE.readAll(in),
        CatalogEntryWire.GAME.readAll(in),
        CatalogEntryWire.LIVE_EVENT.readAll(in));
  }
}
