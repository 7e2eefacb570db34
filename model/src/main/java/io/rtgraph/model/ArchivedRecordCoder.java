package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link ArchivedRecord}: the raw record, then the event time if any. */
public final class ArchivedRecordCoder extends AtomicCoder<ArchivedRecord> {
  /**
   * Fixed at the id computed for the first release: Flink keeps coders Java-serialized in its state
   * snapshots (this one's values can sit in a buffered output), and a changed id fails a restore.
   */
  private static final long serialVersionUID = -7742789712614472659L;

  private static final ArchivedRecordCoder INSTANCE = new ArchivedRecordCoder();

  private ArchivedRecordCoder() {}

  public static ArchivedRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ArchivedRecord.class), INSTANCE);
  }

  @Override
  public void encode(ArchivedRecord archived, OutputStream out) throws IOException {
    RawRecordCoder.of().encode(archived.record(), out);
    out.write(archived.eventTime() == null ? 0 : 1);
    if (archived.eventTime() != null) {
      Wire.writeInstant(archived.eventTime(), out);
    }
  }

  @Override
  public ArchivedRecord decode(InputStream in) throws IOException {
    RawRecord record = RawRecordCoder.of().decode(in);
    return ArchivedRecord.of(record, Wire.readPresence(in) ? Wire.readInstant(in) : null);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
