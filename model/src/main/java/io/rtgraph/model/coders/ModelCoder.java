package io.rtgraph.model.coders;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * What the hand-written coders of the model share: a refused null, a deterministic encoding of
 * values equal by {@code equals}, end-of-input and format-tag errors that name the coder, and the
 * provider {@code @DefaultCoder} looks for.
 *
 * <p><b>Savepoints.</b> Flink keeps coders Java-serialized in its state snapshots, so each subclass
 * fixes its {@code serialVersionUID} and is a stateless singleton. This class has no fields: a
 * snapshot written before it existed still deserializes, as Java serialization lets a class gain a
 * field-less superclass.
 *
 * <p><b>Formats.</b> A coder whose values Flink state holds starts each value with a format tag and
 * keeps a decoder for every tag it has written: to change a layout, add the next tag, let {@link
 * #encode} write only that one and keep the older decoders. A tag a release does not know (state
 * from a newer release) fails with {@link #unknownFormat}.
 */
public abstract class ModelCoder<T> extends AtomicCoder<T> {
  private static final long serialVersionUID = 1L;

  /** The provider a coder's static {@code getCoderProvider()} returns for {@code @DefaultCoder}. */
  static <T> CoderProvider provider(Class<T> type, ModelCoder<T> coder) {
    return CoderProviders.forCoder(TypeDescriptor.of(type), coder);
  }

  @Override
  public final void encode(T value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException(name() + " cannot encode null");
    }
    encodeValue(value, out);
  }

  /** Writes a value that is not null. */
  abstract void encodeValue(T value, OutputStream out) throws IOException;

  /** One byte, or an {@link EOFException} naming what the value lacks. */
  final int readByte(InputStream in, String where) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException(name() + ": no bytes left where " + where);
    }
    return b;
  }

  /**
   * The error for a format tag this release does not read; {@code known} lists the ones it does.
   */
  final CoderException unknownFormat(int tag, String known) {
    return new CoderException(
        name()
            + " cannot read format tag "
            + tag
            + ": this release reads "
            + known
            + ", so the value was written by a newer one");
  }

  final String name() {
    return getClass().getSimpleName();
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
