package io.rtgraph.transforms;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.InvalidEventException;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.transforms.mapping.CompiledMapping;
import io.rtgraph.transforms.mapping.TopicMappings;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses and validates raw source records by the topic's mapping: each becomes either a {@link
 * MappedEvent} ({@link #EVENTS}) or a {@link DeadLetter} carrying the original payload and a
 * precise reason ({@link #DEAD_LETTERS}). Nothing is dropped and nothing throws, whatever the
 * input.
 *
 * <p>Beyond the rules of the mapping's fields ({@link CompiledMapping#parse}), two limits are
 * configuration: the record size ({@link #withMaxRecordBytes}) and how far {@code eventTime} may
 * run ahead of the time the record was ingested ({@link #withMaxFutureSkew}); a timestamp far in
 * the future would drag the watermark and pin merge state.
 */
@AutoValue
public abstract class ParseEvents extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  public static final long DEFAULT_MAX_RECORD_BYTES = 1024L * 1024L;

  /** The default as a flag spells it: the pipelines' option names it as its default. */
  public static final String DEFAULT_MAX_FUTURE_SKEW_FLAG = "1h";

  public static final Duration DEFAULT_MAX_FUTURE_SKEW =
      FlagDurations.parse("maxFutureSkew", DEFAULT_MAX_FUTURE_SKEW_FLAG);

  public static final TupleTag<MappedEvent> EVENTS = new TupleTag<MappedEvent>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<DeadLetter>() {};

  /** Every record with its event time when valid: the raw archive's input, when asked for. */
  public static final TupleTag<ArchivedRecord> ARCHIVE = new TupleTag<ArchivedRecord>() {};

  abstract CompiledMapping mapping();

  abstract long maxRecordBytes();

  abstract Duration maxFutureSkew();

  abstract boolean archive();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setMapping(CompiledMapping mapping);

    abstract Builder setMaxRecordBytes(long maxRecordBytes);

    abstract Builder setMaxFutureSkew(Duration maxFutureSkew);

    abstract Builder setArchive(boolean archive);

    abstract ParseEvents build();
  }

  /**
   * Parses records of one of the shipped topics by its shipped mapping, with the default limits.
   */
  public static ParseEvents of(SourceTopic topic) {
    return of(TopicMappings.shipped(topic));
  }

  /** Parses records by this mapping, with the default limits. */
  public static ParseEvents of(CompiledMapping mapping) {
    return new AutoValue_ParseEvents.Builder()
        .setMapping(mapping)
        .setMaxRecordBytes(DEFAULT_MAX_RECORD_BYTES)
        .setMaxFutureSkew(DEFAULT_MAX_FUTURE_SKEW)
        .setArchive(false)
        .build();
  }

  /**
   * Also emits every record, annotated with its event time when valid, to {@link #ARCHIVE}: what
   * the raw archive stores, known without parsing the record a second time.
   */
  public ParseEvents withArchiveOutput() {
    return toBuilder().setArchive(true).build();
  }

  public ParseEvents withMaxRecordBytes(long maxRecordBytes) {
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, not " + maxRecordBytes);
    }
    return toBuilder().setMaxRecordBytes(maxRecordBytes).build();
  }

  public ParseEvents withMaxFutureSkew(Duration maxFutureSkew) {
    if (maxFutureSkew.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          "maxFutureSkew must not be negative, not " + maxFutureSkew);
    }
    return toBuilder().setMaxFutureSkew(maxFutureSkew).build();
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> records) {
    PCollectionTuple parsed =
        records.apply(
            "ValidateRecords",
            ParDo.of(new ParseFn(mapping(), maxRecordBytes(), maxFutureSkew(), archive()))
                .withOutputTags(EVENTS, TupleTagList.of(DEAD_LETTERS).and(ARCHIVE)));
    parsed.get(EVENTS).setCoder(ModelCoder.of(MappedEvent.class));
    parsed.get(DEAD_LETTERS).setCoder(ModelCoder.of(DeadLetter.class));
    parsed.get(ARCHIVE).setCoder(ModelCoder.of(ArchivedRecord.class));
    return parsed;
  }

  /** Routes each record to the events or the dead-letter output, counting both. */
  static final class ParseFn extends DoFn<RawRecord, MappedEvent> {
    private final CompiledMapping mapping;
    private final long maxRecordBytes;
    private final Duration maxFutureSkew;
    private final boolean archive;
    private final Counter recordsIn = GraphMetric.RECORDS_IN.counter();
    private final Counter deadLettered = GraphMetric.DEAD_LETTERED.counter();
    private final Map<DeadLetterReason, Counter> deadLettersByReason =
        new EnumMap<>(DeadLetterReason.class);

    ParseFn(CompiledMapping mapping, long maxRecordBytes, Duration maxFutureSkew, boolean archive) {
      this.mapping = mapping;
      this.maxRecordBytes = maxRecordBytes;
      this.maxFutureSkew = maxFutureSkew;
      this.archive = archive;
      for (DeadLetterReason reason : DeadLetterReason.values()) {
        deadLettersByReason.put(reason, GraphMetric.counterNamed(reason.counterName()));
      }
    }

    @ProcessElement
    public void processElement(@Element RawRecord record, MultiOutputReceiver out) {
      recordsIn.inc();
      Instant validEventTime = null;
      try {
        MappedEvent event = parse(record);
        validEventTime = event.eventTime();
        out.get(EVENTS).output(event);
      } catch (InvalidEventException e) {
        deadLettered.inc();
        deadLettersByReason.get(e.reason()).inc();
        out.get(DEAD_LETTERS).output(DeadLetter.of(record, e));
      }
      if (archive) {
        out.get(ARCHIVE).output(ArchivedRecord.of(record, validEventTime));
      }
    }

    private MappedEvent parse(RawRecord record) throws InvalidEventException {
      if (record.sizeBytes() > maxRecordBytes) {
        throw new InvalidEventException(
            DeadLetterReason.RECORD_TOO_LARGE,
            "record is "
                + record.sizeBytes()
                + " bytes, larger than --maxRecordBytes="
                + maxRecordBytes);
      }
      MappedEvent event = mapping.parse(record.value());
      Instant latestAllowed = record.ingestionTime().plus(maxFutureSkew);
      if (event.eventTime().isAfter(latestAllowed)) {
        throw new InvalidEventException(
            DeadLetterReason.EVENT_TIME_TOO_FAR_IN_FUTURE,
            "eventTime "
                + event.eventTime()
                + " is more than --maxFutureSkew="
                + maxFutureSkew
                + " ahead of the ingestion time "
                + record.ingestionTime());
      }
      return event;
    }
  }
}
