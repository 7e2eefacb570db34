package io.rtgraph.model;

import io.rtgraph.model.coders.ModelCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The names the coders had in this package before they moved to {@code io.rtgraph.model.coders}.
 *
 * <p>Flink keeps coders Java-serialized in its state snapshots, under their class names, so a
 * savepoint taken before the move names, for example, {@code io.rtgraph.model.GraphUpdateCoder}.
 * Java serialization finds a class by that name and checks the {@code serialVersionUID} it
 * declares, so each old name stays a class of its own that declares its coder's id, and nothing
 * else: it reads back as the model coder of its value type, the coder that replaced it. Nothing
 * refers to them; they share this file because they are one thing, the old names.
 */
abstract class SavepointCoderNames<T> extends AtomicCoder<T> {
  private static final long serialVersionUID = 1L;

  /** The coder that has this name now: the model coder of {@code T}. */
  Coder<T> replacement() {
    try {
      return ModelCoder.getCoderProvider()
          .coderFor(new TypeDescriptor<T>(getClass()) {}, List.of());
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException(getClass().getName() + " names no model coder", e);
    }
  }

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
}

final class CatalogsCoder extends SavepointCoderNames<Catalogs> {
  private static final long serialVersionUID = -397556138694359699L;
}

final class DeadLetterCoder extends SavepointCoderNames<DeadLetter> {
  private static final long serialVersionUID = 8752962466663706276L;
}

final class GraphUpdateCoder extends SavepointCoderNames<GraphUpdate> {
  private static final long serialVersionUID = -121542358967691609L;
}

final class MappedEventCoder extends SavepointCoderNames<MappedEvent> {
  private static final long serialVersionUID = 1L;
}

final class MemberEventCoder extends SavepointCoderNames<MemberEvent> {
  private static final long serialVersionUID = 1334017459997135316L;
}

final class RawRecordCoder extends SavepointCoderNames<RawRecord> {
  private static final long serialVersionUID = -7671280689875148179L;
}
