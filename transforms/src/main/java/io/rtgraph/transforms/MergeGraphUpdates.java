package io.rtgraph.transforms;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.GraphUpdateCoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Merges the updates of each element in keyed state and emits one merged update per element and
 * dedup window: the write reduction of the graph.
 *
 * <p>The first update of an element opens a buffer and sets an event-time timer at its event time
 * plus the dedup window; every further update is merged into the buffer with the CRDT merge; when
 * the watermark passes the timer, the merged update is emitted and the state is cleared. The
 * collection stays in the global window, so no update is ever dropped as late: an update for an
 * element whose buffer was already flushed simply opens a new one and yields a further update, and
 * because updates are CRDTs the materialized graph is the same either way.
 *
 * <p>State is bounded by the elements updated within one dedup window (plus the watermark delay):
 * each key holds one merged update, never a list, and nothing survives its flush. The timer's
 * output timestamp is its firing time, so it holds the output watermark no further back than the
 * input watermark already is: the flush adds no watermark delay of its own.
 */
public final class MergeGraphUpdates
    extends PTransform<PCollection<GraphUpdate>, PCollection<GraphUpdate>> {
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.standardSeconds(10);

  private final Duration dedupWindow;

  private MergeGraphUpdates(Duration dedupWindow) {
    this.dedupWindow = dedupWindow;
  }

  public static MergeGraphUpdates create() {
    return new MergeGraphUpdates(DEFAULT_DEDUP_WINDOW);
  }

  /** Merges within this much event time after a buffer's first update. */
  public static MergeGraphUpdates withDedupWindow(Duration dedupWindow) {
    if (dedupWindow.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("the dedup window must not be negative: " + dedupWindow);
    }
    return new MergeGraphUpdates(dedupWindow);
  }

  public Duration dedupWindow() {
    return dedupWindow;
  }

  @Override
  public PCollection<GraphUpdate> expand(PCollection<GraphUpdate> updates) {
    return updates
        .apply("MergeWithinBundle", ParDo.of(new MergeWithinBundleFn()))
        .setCoder(GraphUpdateCoder.of())
        .apply(
            "KeyByElementId",
            WithKeys.of((GraphUpdate update) -> update.id()).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), GraphUpdateCoder.of()))
        .apply("BufferAndFlush", ParDo.of(new BufferAndFlushFn(dedupWindow)))
        .setCoder(GraphUpdateCoder.of());
  }

  /**
   * Merges the updates of one element that meet in a bundle before they cross the shuffle: the
   * combiner lifting of this merge. The merge is associative and commutative, so merging early
   * changes nothing downstream; it only saves the coding, the network hop and the state read and
   * write of every update it absorbs.
   *
   * <p>Memory: at most {@link #MAX_PENDING_ELEMENTS} merged updates. On Flink streaming a bundle
   * holds 1,000 elements by default ({@code --maxBundleSize}), so the map rarely gets near the
   * bound; on Flink batch a bundle is a whole partition (a backfill's day of archive), so only the
   * bound keeps the map from holding every element of the partition. Once the map holds that many
   * elements it is emitted and emptied mid-bundle: the merge then spans less than a bundle, which
   * costs some write reduction and nothing else.
   *
   * <p>A merged update leaves with the earliest timestamp among those it absorbed, so its flush
   * is never later than that of the first of them. Emitting it mid-bundle, from
   * {@code @ProcessElement}, therefore outputs timestamps earlier than the current element's,
   * which Beam only permits to a DoFn that declares the skew (as its own {@code GroupIntoBatches}
   * does for the same reason). Those outputs are no later than the same outputs at the bundle's
   * end would be, which is where they leave without the bound.
   */
  static final class MergeWithinBundleFn extends DoFn<GraphUpdate, GraphUpdate> {
    /**
     * Far above the distinct elements of a 1,000-element streaming bundle (at most seven updates
     * an event), so streaming merges as before; on batch it caps the map's share of the heap.
     */
    static final int MAX_PENDING_ELEMENTS = 50_000;

    private final int maxPendingElements;
    private final Counter earlyFlushes = GraphMetrics.counter(GraphMetrics.BUNDLE_MERGE_EARLY_FLUSHES);
    private transient Map<PendingKey, Pending> pending;

    /** One element in one window. */
    private record PendingKey(String id, BoundedWindow window) {}

    /** The merge so far and the earliest timestamp among its parts. */
    private static final class Pending {
      GraphUpdate merged;
      Instant timestamp;

      Pending(GraphUpdate merged, Instant timestamp) {
        this.merged = merged;
        this.timestamp = timestamp;
      }
    }

    MergeWithinBundleFn() {
      this(MAX_PENDING_ELEMENTS);
    }

    MergeWithinBundleFn(int maxPendingElements) {
      if (maxPendingElements < 1) {
        throw new IllegalArgumentException("the bundle merge needs room for one element, not " + maxPendingElements);
      }
      this.maxPendingElements = maxPendingElements;
    }

    /** A merged update may be as old as the first update of the bundle: see the class comment. */
    @Override
    @SuppressWarnings("deprecation") // deprecated for users; GroupIntoBatches overrides it for this case
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }

    @StartBundle
    public void startBundle() {
      pending = new HashMap<>();
    }

    @ProcessElement
    public void processElement(
        @Element GraphUpdate update,
        @Timestamp Instant timestamp,
        BoundedWindow window,
        OutputReceiver<GraphUpdate> out) {
      PendingKey key = new PendingKey(update.id(), window);
      Pending seen = pending.get(key);
      if (seen == null) {
        pending.put(key, new Pending(update, timestamp));
        if (pending.size() >= maxPendingElements) {
          earlyFlushes.inc();
          for (Map.Entry<PendingKey, Pending> entry : pending.entrySet()) {
            Pending merged = entry.getValue();
            out.outputWindowedValue(
                merged.merged, merged.timestamp, List.of(entry.getKey().window()), PaneInfo.NO_FIRING);
          }
          pending.clear();
        }
      } else {
        seen.merged = seen.merged.mergeWith(update);
        if (timestamp.isBefore(seen.timestamp)) {
          seen.timestamp = timestamp;
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<PendingKey, Pending> entry : pending.entrySet()) {
        Pending merged = entry.getValue();
        context.output(merged.merged, merged.timestamp, entry.getKey().window());
      }
      pending = null;
    }
  }

  /**
   * Holds the merged update of each element until its flush timer fires. State is needed because
   * the updates of one element arrive spread over time and over bundles; it is one value and one
   * timer per element with an open buffer.
   */
  static final class BufferAndFlushFn extends DoFn<KV<String, GraphUpdate>, GraphUpdate> {
    static final String BUFFER = "buffer";
    static final String FLUSH = "flush";

    @StateId(BUFFER)
    private final StateSpec<ValueState<GraphUpdate>> bufferSpec =
        StateSpecs.value(GraphUpdateCoder.of());

    @TimerId(FLUSH)
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final Duration dedupWindow;
    private final Counter emitted = GraphMetrics.counter(GraphMetrics.EMITTED_UPDATES);
    private final Counter opened = GraphMetrics.counter(GraphMetrics.BUFFERS_OPENED);
    private final Counter flushed = GraphMetrics.counter(GraphMetrics.BUFFERS_FLUSHED);
    private final Gauge bufferedKeys = Metrics.gauge(GraphMetrics.NAMESPACE, GraphMetrics.BUFFERED_KEYS);

    /**
     * Buffers opened minus flushed by this instance: the gauge of buffered keys. A restored
     * instance starts from 0 while its restored buffers flush, so it is clamped at 0 until the
     * count is right again.
     */
    private transient long openBuffers;

    BufferAndFlushFn(Duration dedupWindow) {
      this.dedupWindow = dedupWindow;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, GraphUpdate> element,
        @Timestamp Instant timestamp,
        @StateId(BUFFER) ValueState<GraphUpdate> buffer,
        @TimerId(FLUSH) Timer flush) {
      GraphUpdate update = element.getValue();
      GraphUpdate buffered = buffer.read();
      if (buffered == null) {
        // A timer may not fire before the element that set it; for a source whose element
        // timestamps lag the event time, the flush waits for the element instead.
        Instant flushAt = update.firstSeen().plus(dedupWindow);
        flush.set(flushAt.isBefore(timestamp) ? timestamp : flushAt);
        opened.inc();
        bufferedKeys.set(++openBuffers);
        buffer.write(update);
      } else {
        buffer.write(buffered.mergeWith(update));
      }
    }

    @OnTimer(FLUSH)
    public void onFlush(
        @StateId(BUFFER) ValueState<GraphUpdate> buffer, OutputReceiver<GraphUpdate> out) {
      GraphUpdate merged = buffer.read();
      if (merged != null) {
        out.output(merged);
        emitted.inc();
        flushed.inc();
        openBuffers = Math.max(0, openBuffers - 1);
        bufferedKeys.set(openBuffers);
      }
      buffer.clear();
    }
  }
}
