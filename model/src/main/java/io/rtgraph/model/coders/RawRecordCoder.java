package io.rtgraph.model.coders;

import io.rtgraph.model.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Binary coder for {@link RawRecord}. */
public final class RawRecordCoder extends ModelCoder<RawRecord> {
  /** The id computed for the first release; savepoints already hold it. */
  private static final long serialVersionUID = -7671280689875148179L;

  RawRecordCoder() {}

  @Override
  void encodeValue(RawRecord record, OutputStream out) throws IOException {
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
}
