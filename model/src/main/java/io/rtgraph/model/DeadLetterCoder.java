package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link DeadLetter}. */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  /**
   * Fixed at the id computed for the first release: Flink keeps coders Java-serialized in its state
   * snapshots (this one's values can sit in a buffered output), and a changed id fails a restore.
   */
  private static final long serialVersionUID = 8752962466663706276L;

  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final DeadLetterReason[] REASONS = DeadLetterReason.values();

  private DeadLetterCoder() {}

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(DeadLetter.class), INSTANCE);
  }

  @Override
  public void encode(DeadLetter deadLetter, OutputStream out) throws IOException {
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
        REASONS[in.read()],
        Wire.readString(in),
        Wire.readNullableBytes(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
