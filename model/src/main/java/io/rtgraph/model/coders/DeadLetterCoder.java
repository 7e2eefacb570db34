package io.rtgraph.model.coders;

import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Binary coder for {@link DeadLetter}. */
public final class DeadLetterCoder extends ModelCoder<DeadLetter> {
  /** The id computed for the first release; savepoints already hold it. */
  private static final long serialVersionUID = 8752962466663706276L;

  private static final DeadLetterReason[] REASONS = DeadLetterReason.values();

  DeadLetterCoder() {}

  @Override
  void encodeValue(DeadLetter deadLetter, OutputStream out) throws IOException {
    Wire.writeString(deadLetter.sourceTopic(), out);
    Wire.writeInt(deadLetter.partition(), out);
    Wire.writeLong(deadLetter.offset(), out);
    out.write(deadLetter.reason().ordinal());
    Wire.writeString(deadLetter.error(), out);
    Wire.writeNullableBytes(deadLetter.payload(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    return DeadLetter.of(
        Wire.readString(in),
        Wire.readInt(in),
        Wire.readLong(in),
        readOrdinal(in, REASONS, "dead-letter reason"),
        Wire.readString(in),
        Wire.readNullableBytes(in));
  }
}
