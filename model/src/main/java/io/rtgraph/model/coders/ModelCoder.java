package io.rtgraph.model.coders;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.Catalogs;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.RawRecord;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * What the hand-written coders of the model share: a refused null, a deterministic encoding of
 * values equal by {@code equals}, end-of-input and format-tag errors that name the coder, and the
 * provider {@code @DefaultCoder} looks for.
 *
 * <p><b>Savepoints.</b> Flink keeps coders Java-serialized in its state snapshots, so each subclass
 * fixes its {@code serialVersionUID}. This class has no fields: a snapshot written before it
 * existed still deserializes, as Java serialization lets a class gain a field-less superclass.
 *
 * <p><b>Instances.</b> {@link #of} hands out the coder of a model value type, as {@code
 * AvroCoder.of(Class)} does for Avro types; it and the {@code @DefaultCoder} provider answer from
 * one table that holds a single instance of each coder. That is for economy only: a subclass is
 * stateless and, as an {@link AtomicCoder}, equal to every other instance of its class. The
 * constructors of this class and of its subclasses are package-private, so only this package
 * defines and builds model coders.
 *
 * <p><b>Formats.</b> A coder whose values Flink state holds starts each value with a format tag and
 * keeps a decoder for every tag it has written: to change a layout, add the next tag, let {@link
 * #encode} write only that one and keep the older decoders. A tag a release does not know (state
 * from a newer release) fails with {@link #unknownFormat}.
 */
public abstract class ModelCoder<T> extends AtomicCoder<T> {
  private static final long serialVersionUID = 1L;

  /**
   * What {@code @DefaultCoder} calls on the coder class a model value names: one provider for all
   * of them, which answers with the coder of the value type asked for.
   */
  public static CoderProvider getCoderProvider() {
    return ByValueType.PROVIDER;
  }

  /**
   * The coder of {@code valueType}, one shared instance per type.
   *
   * @throws IllegalArgumentException if {@code valueType} is not a model value with a coder here
   */
  public static <T> ModelCoder<T> of(Class<T> valueType) {
    @SuppressWarnings("unchecked") // the table pairs each value type with a coder of that type
    ModelCoder<T> coder = (ModelCoder<T>) ByValueType.CODERS.get(valueType);
    if (coder == null) {
      throw new IllegalArgumentException(valueType.getName() + " has no hand-written model coder");
    }
    return coder;
  }

  ModelCoder() {}

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

  /** A constant written as its index in {@code constants}, in one byte; {@code what} names it. */
  final <E> E readOrdinal(InputStream in, E[] constants, String what) throws IOException {
    return constant(constants, readByte(in, "the " + what + " is"), what);
  }

  /** The constant at {@code ordinal} in {@code constants}; {@code what} names it. */
  final <E> E constant(E[] constants, int ordinal, String what) throws CoderException {
    if (ordinal >= constants.length) {
      throw new CoderException(name() + ": unknown " + what + " " + ordinal);
    }
    return constants[ordinal];
  }

  /**
   * The first byte of a value in a coder whose format 2 is the tag {@code format2} followed by the
   * layout of format 1, which had no tag: a format-1 value starts with a byte below that tag, which
   * tells the two apart. Any other tag is a format this release does not read.
   */
  final int readFormat1Lead(InputStream in, int format2, String where) throws IOException {
    int tag = readByte(in, where);
    if (tag < format2) {
      return tag; // format 1, untagged: this byte is its first
    }
    if (tag == format2) {
      return readByte(in, "its format tag ends");
    }
    throw unknownFormat(tag, "formats 1 and 2");
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

  /** The coders by the type they encode, one instance of each, built on first use. */
  private static final class ByValueType {
    static final Map<Class<?>, ModelCoder<?>> CODERS =
        Map.of(
            ArchivedRecord.class, new ArchivedRecordCoder(),
            Catalogs.class, new CatalogsCoder(),
            DeadLetter.class, new DeadLetterCoder(),
            GraphUpdate.class, new GraphUpdateCoder(),
            MappedEvent.class, new MappedEventCoder(),
            MemberEvent.class, new MemberEventCoder(),
            RawRecord.class, new RawRecordCoder());

    static final CoderProvider PROVIDER =
        new CoderProvider() {
          @Override
          public <T> Coder<T> coderFor(
              TypeDescriptor<T> type, List<? extends Coder<?>> componentCoders)
              throws CannotProvideCoderException {
            // An AutoValue value arrives as its generated subclass.
            for (Class<?> c = type.getRawType(); c != null; c = c.getSuperclass()) {
              @SuppressWarnings("unchecked")
              Coder<T> coder = (Coder<T>) CODERS.get(c);
              if (coder != null) {
                return coder;
              }
            }
            throw new CannotProvideCoderException(type + " has no hand-written model coder");
          }
        };
  }
}
