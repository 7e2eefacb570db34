package io.rtgraph.model.coders;

import io.rtgraph.model.GraphUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CoderException;
import org.joda.time.Instant;

/**
 * Binary coder for {@link GraphUpdate}; it is also the coder of the merge buffer held in keyed
 * state, so it is compact: each property is written as key, value and time together.
 *
 * <p><b>Formats.</b> A savepoint holds values this coder wrote, so every value starts with a
 * one-byte format tag and the decoder reads every format it has ever written:
 *
 * <ul>
 *   <li>format 1 had no tag: its first byte is the element's ordinal, 0 (node) or 1 (edge), which
 *       is why tags start at 2;
 *   <li>{@value #FORMAT_2}: the tag, then the format-1 layout.
 * </ul>
 */
public final class GraphUpdateCoder extends ModelCoder<GraphUpdate> {
  /** The id computed for the first, untagged release; savepoints already hold it. */
  private static final long serialVersionUID = -121542358967691609L;

  /** The format {@link #encode} writes. */
  static final int FORMAT_2 = 2;

  /** The element codes, fixed here rather than taken from the enum's order. */
  private static final int NODE = 0;

  private static final int EDGE = 1;

  GraphUpdateCoder() {}

  @Override
  void encodeValue(GraphUpdate update, OutputStream out) throws IOException {
    out.write(FORMAT_2);
    out.write(update.element() == GraphUpdate.Element.NODE ? NODE : EDGE);
    Wire.writeString(update.type(), out);
    Wire.writeString(update.id(), out);
    Wire.writeNullableString(update.src(), out);
    Wire.writeNullableString(update.dst(), out);
    Wire.writeInt(update.properties().size(), out);
    for (Map.Entry<String, String> property : update.properties().entrySet()) {
      Wire.writeString(property.getKey(), out);
      Wire.writeString(property.getValue(), out);
      Wire.writeInstant(update.propertyTimes().get(property.getKey()), out);
    }
    Wire.writeInstant(update.firstSeen(), out);
    Wire.writeInstant(update.lastSeen(), out);
    Wire.writeString(update.sourceTopic(), out);
  }

  @Override
  public GraphUpdate decode(InputStream in) throws IOException {
    return decodeBody(element(readFormat1Lead(in, FORMAT_2, "an update starts")), in);
  }

  private static GraphUpdate.Element element(int code) throws IOException {
    switch (code) {
      case NODE:
        return GraphUpdate.Element.NODE;
      case EDGE:
        return GraphUpdate.Element.EDGE;
      default:
        throw new CoderException("GraphUpdateCoder: unknown element code " + code);
    }
  }

  private static GraphUpdate decodeBody(GraphUpdate.Element element, InputStream in)
      throws IOException {
    String type = Wire.readString(in);
    String id = Wire.readString(in);
    String src = Wire.readNullableString(in);
    String dst = Wire.readNullableString(in);
    int propertyCount = Wire.readInt(in);
    Map<String, String> properties = new TreeMap<>();
    Map<String, Instant> times = new TreeMap<>();
    for (int i = 0; i < propertyCount; i++) {
      String key = Wire.readString(in);
      properties.put(key, Wire.readString(in));
      times.put(key, Wire.readInstant(in));
    }
    Instant firstSeen = Wire.readInstant(in);
    Instant lastSeen = Wire.readInstant(in);
    String sourceTopic = Wire.readString(in);
    return GraphUpdate.create(
        element, type, id, src, dst, properties, times, firstSeen, lastSeen, sourceTopic);
  }
}
