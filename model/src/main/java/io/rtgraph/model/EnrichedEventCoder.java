package io.rtgraph.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Binary coder for {@link EnrichedEvent}: the event, then each catalog entry or its absence. It
 * starts with the event's {@link MemberEventCoder} encoding, whose format tag versions this layout
 * too: it reads every format that coder reads.
 */
public final class EnrichedEventCoder extends AtomicCoder<EnrichedEvent> {
  /**
   * Fixed at the id computed for the first release: Flink keeps coders Java-serialized in its state
   * snapshots (this one's values can sit in a buffered output), and a changed id fails a restore.
   */
  private static final long serialVersionUID = 8123449921720446950L;

  private static final EnrichedEventCoder INSTANCE = new EnrichedEventCoder();

  private EnrichedEventCoder() {}

  public static EnrichedEventCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(EnrichedEvent.class), INSTANCE);
  }

  @Override
  public void encode(EnrichedEvent enriched, OutputStream out) throws IOException {
    MemberEventCoder.of().encode(enriched.event(), out);
    CatalogEntryWire.writeTitle(enriched.title(), out);
    CatalogEntryWire.writeGame(enriched.game(), out);
    CatalogEntryWire.writeTitle(enriched.basedOnTitle(), out);
    CatalogEntryWire.writeLiveEvent(enriched.liveEvent(), out);
  }

  @Override
  public EnrichedEvent decode(InputStream in) throws IOException {
    return EnrichedEvent.of(
        MemberEventCoder.of().decode(in),
        CatalogEntryWire.readTitle(in),
        CatalogEntryWire.readGame(in),
        CatalogEntryWire.readTitle(in),
        CatalogEntryWire.readLiveEvent(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
