package io.rtgraph.model.coders;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Binary coder for {@link ArchivedRecord}: the raw record, then the event time if any. */
public final class ArchivedRecordCoder extends ModelCoder<ArchivedRecord> {
  /** The id computed for the first release; savepoints already hold it. */
  private static final long serialVersionUID = -7742789712614472659L;

  /**
   * Its own instance, not the table's: the table builds this coder, so reading it from here would
   * be a class-initialisation cycle. Static, so the Java-serialized form is unchanged.
   */
  private static final RawRecordCoder RECORD = new RawRecordCoder();

  ArchivedRecordCoder() {}

  @Override
  void encodeValue(ArchivedRecord archived, OutputStream out) throws IOException {
    RECORD.encode(archived.record(), out);
    Wire.writeNullableInstant(archived.eventTime(), out);
  }

  @Override
  public ArchivedRecord decode(InputStream in) throws IOException {
    RawRecord record = RECORD.decode(in);
    return ArchivedRecord.of(record, Wire.readNullableInstant(in));
  }
}
