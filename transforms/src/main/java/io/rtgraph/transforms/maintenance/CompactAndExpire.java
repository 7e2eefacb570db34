package io.rtgraph.transforms.maintenance;

import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Compacts and expires each table of a list ({@link MaintainTable}), one table per element so that
 * several tables are kept up in parallel, after the given signals are complete (the folds, which
 * must record what they read before the update tables' snapshots can expire).
 *
 * <p>Output: one line per table, saying what was done.
 */
public final class CompactAndExpire extends PTransform<PBegin, PCollection<String>> {
  private final GraphWarehouse warehouse;
  private final List<MaintainTable> tables;
  private final List<PCollection<?>> after;

  private CompactAndExpire(
      GraphWarehouse warehouse, List<MaintainTable> tables, List<PCollection<?>> after) {
    this.warehouse = warehouse;
    this.tables = tables;
    this.after = after;
  }

  public static CompactAndExpire of(GraphWarehouse warehouse, List<MaintainTable> tables) {
    return new CompactAndExpire(warehouse, List.copyOf(tables), List.of());
  }

  /** Starts only once these collections are complete. */
  public CompactAndExpire after(List<PCollection<?>> signals) {
    return new CompactAndExpire(warehouse, tables, List.copyOf(signals));
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    PCollection<MaintainTable> list =
        begin.apply(
            "ListTables", Create.of(tables).withCoder(SerializableCoder.of(MaintainTable.class)));
    if (!after.isEmpty()) {
      list = list.apply("WaitForFolds", Wait.on(after));
    }
    return list.apply("SpreadTables", Reshuffle.viaRandomKey())
        .apply("MaintainTables", ParDo.of(new MaintainTableFn(warehouse)));
  }

  /** Runs one table's upkeep. */
  static final class MaintainTableFn extends DoFn<MaintainTable, String> {
    private final GraphWarehouse warehouse;

    MaintainTableFn(GraphWarehouse warehouse) {
      this.warehouse = warehouse;
    }

    @ProcessElement
    public void processElement(@Element MaintainTable table, OutputReceiver<String> out) {
      out.output(table.run(warehouse, Instant.now().getMillis()));
    }
  }
}
