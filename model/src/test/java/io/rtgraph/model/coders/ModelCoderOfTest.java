package io.rtgraph.model.coders;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.sameInstance;

import io.rtgraph.model.ArchivedRecord;
import io.rtgraph.model.Catalogs;
import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.LiveEventInfo;
import io.rtgraph.model.MappedEvent;
import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.NodeType;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * {@link ModelCoder#of} answers each model value type with its coder, always the same instance,
 * which is also what inference finds for the type. Each row is a value type, its coder's class
 * written out here, and a value that coder round-trips.
 */
@RunWith(Parameterized.class)
public class ModelCoderOfTest {
  private static final Instant T = Instant.parse("2026-12-06T09:00:00.000Z");
  private static final RawRecord LIVE_RECORD =
      RawRecord.of(
          "member.live",
          3,
          41L,
          T,
          T.plus(2),
          "{\"action\":\"JOIN\"}".getBytes(StandardCharsets.UTF_8));

  @Parameters(name = "{0}")
  public static List<Row<?>> rows() {
    return List.of(
        new Row<>(
            ArchivedRecord.class, ArchivedRecordCoder.class, ArchivedRecord.of(LIVE_RECORD, T)),
        new Row<>(
            Catalogs.class,
            CatalogsCoder.class,
            Catalogs.of(5, Map.of(), Map.of(), Map.of("l1", LiveEventInfo.of("l1", "Finale")))),
        new Row<>(
            DeadLetter.class,
            DeadLetterCoder.class,
            DeadLetter.of(
                "member.live", 3, 42L, DeadLetterReason.MISSING_FIELD, "no action", null)),
        new Row<>(
            GraphUpdate.class,
            GraphUpdateCoder.class,
            GraphUpdate.node(
                NodeType.DEVICE, "d1", T, SourceTopic.LIVE, Map.of("deviceType", "tv"))),
        new Row<>(
            MappedEvent.class,
            MappedEventCoder.class,
            MappedEvent.of(T, new Object[] {"e3", T, 7L, Boolean.TRUE, null})),
        new Row<>(MemberEvent.class, MemberEventCoder.class, Format1ValuesTest.PLAYBACK_START),
        new Row<>(RawRecord.class, RawRecordCoder.class, LIVE_RECORD));
  }

  /** A value type, the class of its coder, and a value of the type. */
  record Row<T>(Class<T> valueType, Class<?> coderClass, T value) {
    @Override
    public String toString() {
      return valueType.getSimpleName();
    }
  }

  @Parameter public Row<?> row;

  @Test
  public void answersWithTheCoderOfTheType() {
    assertThat(ModelCoder.of(row.valueType()), instanceOf(row.coderClass()));
  }

  @Test
  public void answersWithTheSameInstanceEveryTime() {
    assertThat(ModelCoder.of(row.valueType()), sameInstance(ModelCoder.of(row.valueType())));
  }

  @Test
  public void inferenceFindsTheSameInstance() throws Exception {
    assertThat(
        CoderRegistry.createDefault().getCoder(TypeDescriptor.of(row.valueType())),
        sameInstance(ModelCoder.of(row.valueType())));
  }

  @Test
  public void theCoderRoundTripsAValue() throws Exception {
    roundTrip(row);
  }

  private static <T> void roundTrip(Row<T> row) throws Exception {
    CoderProperties.coderDecodeEncodeEqual(ModelCoder.of(row.valueType()), row.value());
  }
}
