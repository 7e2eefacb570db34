package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;

/**
 * Binary coder for {@link GraphUpdate}; it is also the coder of the merge buffer held in keyed
 * state, so it is compact: each property is written as key, value and time together.
 */
public final class GraphUpdateCoder extends AtomicCoder<GraphUpdate> {
  private static final GraphUpdateCoder INSTANCE = new GraphUpdateCoder();
  private static final GraphUpdate.Element[] ELEMENTS = GraphUpdate.Element.values();

  private GraphUpdateCoder() {}

  public static GraphUpdateCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(GraphUpdate.class), INSTANCE);
  }

  @Override
  public void encode(GraphUpdate update, OutputStream out) throws IOException {
    out.write(update.element().ordinal());
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
    GraphUpdate.Element element = ELEMENTS[in.read()];
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

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
