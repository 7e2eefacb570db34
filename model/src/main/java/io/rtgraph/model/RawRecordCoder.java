package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link RawRecord}. */
public final class RawRecordCoder extends AtomicCoder<RawRecord> {
  /**
   * Fixed at the id computed for the first release: Flink keeps coders Java-serialized in its state
   * snapshots (this one's values can sit in a buffered output), and a changed id fails a restore.
   */
  private static final long serialVersionUID = -7671280689875148179L;

  private static final RawRecordCoder INSTANCE = new RawRecordCoder();

  private RawRecordCoder() {}

  public static RawRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(RawRecord.class), INSTANCE);
  }

  @Override
  public void encode(RawRecord record, OutputStream out) throws IOException {
    Wire.writeString(record.topic(), out);
    Wire.writeInt(record.partition(), out);
    Wire.writeLong(record.offset(), out);
    Wire.writeInstant(record.kafkaTimestamp(), out);
    Wire.writeInstant(record.ingestionTime(), out);
    Wire.writeNullableBytes(record.value(), out);
  }

  @Override
  public RawRecord decode(InputStream in) throws IOException {
    return RawRecord.of(
        Wire.readString(in),
        Wire.readInt(in),
        Wire.readLong(in),
        Wire.readInstant(in),
        Wire.readInstant(in),
        Wire.readNullableBytes(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
