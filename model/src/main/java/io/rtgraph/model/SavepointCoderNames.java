package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * The names the coders had in this package before they moved to {@code io.rtgraph.model.coders}.
 *
 * <p>Flink keeps coders Java-serialized in its state snapshots, under their class names, so a
 * savepoint taken before the move names, for example, {@code io.rtgraph.model.GraphUpdateCoder}.
 * Each class below carries such a name and its coder's {@code serialVersionUID}, and reads back as
 * the coder that replaced it. Nothing refers to them; they share this file because they are one
 * thing, the old names.
 */
abstract class SavepointCoderNames<T> extends AtomicCoder<T> {
  private static final long serialVersionUID = 1L;

  /** The coder that has this name now. */
  abstract Coder<T> replacement();

  /** Java serialization returns the replacement in place of the deserialized old-named coder. */
  Object readResolve() throws ObjectStreamException {
    return replacement();
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    replacement().encode(value, out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    return replacement().decode(in);
  }
}

final class ArchivedRecordCoder extends SavepointCoderNames<ArchivedRecord> {
  private static final long serialVersionUID = -7742789712614472659L;

  @Override
  Coder<ArchivedRecord> replacement() {
    return io.rtgraph.model.coders.ArchivedRecordCoder.of();
  }
}

final class CatalogsCoder extends SavepointCoderNames<Catalogs> {
  private static final long serialVersionUID = -397556138694359699L;

  @Override
  Coder<Catalogs> replacement() {
    return io.rtgraph.model.coders.CatalogsCoder.of();
  }
}

final class DeadLetterCoder extends SavepointCoderNames<DeadLetter> {
  private static final long serialVersionUID = 8752962466663706276L;

  @Override
  Coder<DeadLetter> replacement() {
    return io.rtgraph.model.coders.DeadLetterCoder.of();
  }
}

final class GraphUpdateCoder extends SavepointCoderNames<GraphUpdate> {
  private static final long serialVersionUID = -121542358967691609L;

  @Override
  Coder<GraphUpdate> replacement() {
    return io.rtgraph.model.coders.GraphUpdateCoder.of();
  }
}

final class MappedEventCoder extends SavepointCoderNames<MappedEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  Coder<MappedEvent> replacement() {
    return io.rtgraph.model.coders.MappedEventCoder.of();
  }
}

final class MemberEventCoder extends SavepointCoderNames<MemberEvent> {
  private static final long serialVersionUID = 1334017459997135316L;

  @Override
  Coder<MemberEvent> replacement() {
    return io.rtgraph.model.coders.MemberEventCoder.of();
  }
}

final class RawRecordCoder extends SavepointCoderNames<RawRecord> {
  private static final long serialVersionUID = -7671280689875148179L;

  @Override
  Coder<RawRecord> replacement() {
    return io.rtgraph.model.coders.RawRecordCoder.of();
  }
}
