package io.rtgraph.transforms;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.coders.ModelCoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
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
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Merges the updates of each element in keyed state and emits one merged update per element and
 * buffer: the write reduction of the graph.
 *
 * <p>The input is one element per event: its updates under its co-location key. The merge key of
 * each update ({@link MergeKeys}, as the topic mapping's {@code colocate} declares) is that
 * co-location key for the member's own elements and the element's id for shared content, so an
 * event's member-local updates travel, are buffered and are flushed together: one shuffled element,
 * one state access and at most one timer for all of them. The updates are CRDTs, so any choice of
 * keys gives the same materialized graph; the keys only decide how much is merged (the write
 * reduction) and what it costs.
 *
 * <p>The first update under a merge key opens its buffer and sets an event-time timer at that
 * update's event time plus the dedup window, rounded up to the next second; every further update
 * under the key is merged into the buffer with the CRDT merge, one entry per element; when the
 * watermark passes the timer, every buffered element is emitted once and the state is cleared. The
 * collection stays in the global window, so no update is ever dropped as late: an update under a
 * key whose buffer was already flushed simply opens a new one and yields a further update, and
 * because updates are CRDTs the materialized graph is the same either way.
 *
 * <p>State is bounded by the elements updated within one dedup window (plus the watermark delay and
 * the rounding): each key holds one merged update per element, never a list of updates, and nothing
 * survives its flush. The timer's output timestamp is its firing time, so it holds the output
 * watermark no further back than the input watermark already is: the flush adds no watermark delay
 * of its own.
 */
public final class MergeGraphUpdates
    extends PTransform<PCollection<KV<String, List<GraphUpdate>>>, PCollection<GraphUpdate>> {
  /** The default as a flag spells it: the pipelines' option names it as its default. */
  public static final String DEFAULT_DEDUP_WINDOW_FLAG = "10s";

  public static final Duration DEFAULT_DEDUP_WINDOW =
      FlagDurations.parse("dedupWindow", DEFAULT_DEDUP_WINDOW_FLAG);

  private final Duration dedupWindow;
  private final MergeKeys mergeKeys;

  private MergeGraphUpdates(Duration dedupWindow, MergeKeys mergeKeys) {
    this.dedupWindow = dedupWindow;
    this.mergeKeys = mergeKeys;
  }

  /** The default dedup window, every element under its own merge key. */
  public static MergeGraphUpdates create() {
    return new MergeGraphUpdates(DEFAULT_DEDUP_WINDOW, MergeKeys.byElement());
  }

  /** Merges within this much event time after a buffer's first update. */
  public static MergeGraphUpdates withDedupWindow(Duration dedupWindow) {
    return create().dedupingWithin(dedupWindow);
  }

  /** Merges within this much event time after a buffer's first update. */
  public MergeGraphUpdates dedupingWithin(Duration dedupWindow) {
    if (dedupWindow.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("the dedup window must not be negative: " + dedupWindow);
    }
    return new MergeGraphUpdates(dedupWindow, mergeKeys);
  }

  /** Keeps the updates under these merge keys: those of the topic mapping's {@code colocate}. */
  public MergeGraphUpdates keyedBy(MergeKeys mergeKeys) {
    return new MergeGraphUpdates(dedupWindow, mergeKeys);
  }

  public Duration dedupWindow() {
    return dedupWindow;
  }

  /**
   * The step names are new since the merge key became coarser than the element: an older
   * savepoint's {@code MergeWithinBundle} and {@code BufferAndFlush} hold a different shape of
   * state and are not restored into these.
   */
  @Override
  public PCollection<GraphUpdate> expand(PCollection<KV<String, List<GraphUpdate>>> eventUpdates) {
    return eventUpdates
        .apply("MergeByKeyWithinBundle", ParDo.of(new MergeWithinBundleFn(mergeKeys)))
        .setCoder(MapToGraphUpdates.eventUpdatesCoder())
        .apply("BufferAndFlushByMergeKey", ParDo.of(new BufferAndFlushFn(dedupWindow)))
        .setCoder(ModelCoder.of(GraphUpdate.class));
  }

  /**
   * Merges the updates of one element that meet in a bundle, and groups them by merge key, before
   * they cross the shuffle: the combiner lifting of this merge. The merge is associative and
   * commutative, so merging early changes nothing downstream; it only saves the coding, the network
   * hop and the state read and write of every update it absorbs. Each merge key leaves as one
   * element: the merged updates of all its elements in the bundle.
   *
   * <p>Memory: at most {@link #MAX_PENDING_ELEMENTS} merged updates. On Flink streaming a bundle
   * holds 1,000 events by default ({@code --maxBundleSize}), so the map rarely gets near the bound;
   * on Flink batch a bundle is a whole partition (a backfill's day of archive), so only the bound
   * keeps the map from holding every element of the partition. Once the map holds that many
   * elements it is emitted and emptied mid-bundle: the merge then spans less than a bundle, which
   * costs some write reduction and nothing else.
   *
   * <p>A merge key's group leaves with the earliest timestamp among the events it absorbed, so its
   * flush is never later than that of the first of them. Emitting it mid-bundle, from
   * {@code @ProcessElement}, therefore outputs timestamps earlier than the current element's, which
   * Beam only permits to a DoFn that declares the skew (as its own {@code GroupIntoBatches} does
   * for the same reason). Those outputs are no later than the same outputs at the bundle's end
   * would be, which is where they leave without the bound.
   */
  static final class MergeWithinBundleFn
      extends DoFn<KV<String, List<GraphUpdate>>, KV<String, List<GraphUpdate>>> {
    /**
     * Far above the distinct elements of a 1,000-event streaming bundle (at most seven updates an
     * event), so streaming merges as before; on batch it caps the map's share of the heap.
     */
    static final int MAX_PENDING_ELEMENTS = 50_000;

    private final MergeKeys mergeKeys;
    private final int maxPendingElements;
    private final Counter earlyFlushes = GraphMetric.MERGE_WITHIN_BUNDLE_EARLY_FLUSHES.counter();
    private transient Map<PendingKey, Pending> pending;
    private transient int pendingElements;

    /** One merge key in one window. */
    private record PendingKey(String mergeKey, BoundedWindow window) {}

    /**
     * The merge so far of each element under one merge key, and the earliest timestamp among its
     * parts.
     */
    private static final class Pending {
      final Map<String, GraphUpdate> merged = new HashMap<>();
      Instant timestamp;

      Pending(Instant timestamp) {
        this.timestamp = timestamp;
      }
    }

    MergeWithinBundleFn(MergeKeys mergeKeys) {
      this(mergeKeys, MAX_PENDING_ELEMENTS);
    }

    MergeWithinBundleFn(MergeKeys mergeKeys, int maxPendingElements) {
      if (maxPendingElements < 1) {
        throw new IllegalArgumentException(
            "the bundle merge needs room for one element, not " + maxPendingElements);
      }
      this.mergeKeys = mergeKeys;
      this.maxPendingElements = maxPendingElements;
    }

    /** A merged update may be as old as the first update of the bundle: see the class comment. */
    @Override
    @SuppressWarnings(
        "deprecation") // deprecated for users; GroupIntoBatches overrides it for this case
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }

    @StartBundle
    public void startBundle() {
      pending = new HashMap<>();
      pendingElements = 0;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, List<GraphUpdate>> eventUpdates,
        @Timestamp Instant timestamp,
        BoundedWindow window,
        OutputReceiver<KV<String, List<GraphUpdate>>> out) {
      String colocationKey = eventUpdates.getKey();
      for (GraphUpdate update : eventUpdates.getValue()) {
        PendingKey key = new PendingKey(mergeKeys.mergeKey(update, colocationKey), window);
        Pending group = pending.get(key);
        if (group == null) {
          group = new Pending(timestamp);
          pending.put(key, group);
        } else if (timestamp.isBefore(group.timestamp)) {
          group.timestamp = timestamp;
        }
        GraphUpdate seen = group.merged.putIfAbsent(update.id(), update);
        if (seen != null) {
          group.merged.put(update.id(), seen.mergeWith(update));
        } else if (++pendingElements >= maxPendingElements) {
          earlyFlushes.inc();
          for (Map.Entry<PendingKey, Pending> entry : pending.entrySet()) {
            out.outputWindowedValue(
                KV.of(entry.getKey().mergeKey(), List.copyOf(entry.getValue().merged.values())),
                entry.getValue().timestamp,
                List.of(entry.getKey().window()),
                PaneInfo.NO_FIRING);
          }
          pending.clear();
          pendingElements = 0;
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<PendingKey, Pending> entry : pending.entrySet()) {
        context.output(
            KV.of(entry.getKey().mergeKey(), List.copyOf(entry.getValue().merged.values())),
            entry.getValue().timestamp,
            entry.getKey().window());
      }
      pending = null;
    }
  }

  /**
   * Holds the merged update of each element under one merge key until the key's flush timer fires.
   * State is needed because the updates of one key arrive spread over time and over bundles; it is
   * one small map (an element's id to its merged update) and one timer per merge key with an open
   * buffer.
   */
  static final class BufferAndFlushFn extends DoFn<KV<String, List<GraphUpdate>>, GraphUpdate> {
    static final String BUFFER = "buffer";
    static final String FLUSH = "flush";

    @StateId(BUFFER)
    private final StateSpec<ValueState<Map<String, GraphUpdate>>> bufferSpec =
        StateSpecs.value(MapCoder.of(StringUtf8Coder.of(), ModelCoder.of(GraphUpdate.class)));

    @TimerId(FLUSH)
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final Duration dedupWindow;
    private final Counter emitted = GraphMetric.EMITTED_UPDATES.counter();
    private final Counter opened = GraphMetric.MERGE_BUFFERS_OPENED.counter();
    private final Counter flushed = GraphMetric.MERGE_BUFFERS_FLUSHED.counter();
    private final Gauge bufferedKeys = GraphMetric.MERGE_BUFFERED_KEYS.gauge();

    /**
     * The elements in the buffers this instance opened and has not flushed: the gauge of buffered
     * keys, which counts elements, not merge keys. A restored instance starts from 0 while its
     * restored buffers flush, so it is clamped at 0 until the count is right again.
     */
    private transient long bufferedElements;

    BufferAndFlushFn(Duration dedupWindow) {
      this.dedupWindow = dedupWindow;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, List<GraphUpdate>> group,
        @Timestamp Instant timestamp,
        BoundedWindow window,
        @StateId(BUFFER) ValueState<Map<String, GraphUpdate>> buffer,
        @TimerId(FLUSH) Timer flush) {
      List<GraphUpdate> updates = group.getValue();
      Map<String, GraphUpdate> buffered = buffer.read();
      if (buffered == null) {
        Instant firstSeen = updates.get(0).firstSeen();
        for (GraphUpdate update : updates) {
          if (update.firstSeen().isBefore(firstSeen)) {
            firstSeen = update.firstSeen();
          }
        }
        // A timer may not fire before the element that set it; for a source whose element
        // timestamps lag the event time, the flush waits for the element instead.
        Instant flushAt = firstSeen.plus(dedupWindow);
        // Rounding up may pass the end of the window (an element at the global window's last
        // instant, as a batch runner stamps some): the timer then fires at the window's end.
        Instant rounded = roundUpToSecond(flushAt.isBefore(timestamp) ? timestamp : flushAt);
        flush.set(rounded.isAfter(window.maxTimestamp()) ? window.maxTimestamp() : rounded);
        opened.inc();
        buffered = new HashMap<>();
      } else {
        // Never change a value the state backend holds: a heap backend may still be writing it
        // into a checkpoint, unless the runner copies every value it hands out.
        buffered = new HashMap<>(buffered);
      }
      int added = 0;
      for (GraphUpdate update : updates) {
        GraphUpdate seen = buffered.putIfAbsent(update.id(), update);
        if (seen == null) {
          added++;
        } else {
          buffered.put(update.id(), seen.mergeWith(update));
        }
      }
      buffer.write(buffered);
      if (added > 0) {
        bufferedElements += added;
        bufferedKeys.set(bufferedElements);
      }
    }

    @OnTimer(FLUSH)
    public void onFlush(
        @StateId(BUFFER) ValueState<Map<String, GraphUpdate>> buffer,
        OutputReceiver<GraphUpdate> out) {
      Map<String, GraphUpdate> merged = buffer.read();
      if (merged != null) {
        for (GraphUpdate update : merged.values()) {
          out.output(update);
        }
        emitted.inc(merged.size());
        flushed.inc();
        bufferedElements = Math.max(0, bufferedElements - merged.size());
        bufferedKeys.set(bufferedElements);
      }
      buffer.clear();
    }

    /**
     * Flush times on whole seconds: the timers of keys opened within one second fire together, when
     * the watermark passes that second, instead of at every millisecond it moves.
     */
    static Instant roundUpToSecond(Instant time) {
      long millis = time.getMillis();
      long second = Math.floorDiv(millis, 1000L) * 1000L;
      return second == millis ? time : new Instant(second + 1000L);
    }
  }
}
