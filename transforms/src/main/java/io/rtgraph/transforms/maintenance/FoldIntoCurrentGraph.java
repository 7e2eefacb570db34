package io.rtgraph.transforms.maintenance;

import com.google.auto.value.AutoValue;
import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.transforms.iceberg.CurrentGraphTables;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the updates of one update table committed since the last fold ({@link FoldPlan}) into its
 * current table, with the CRDT merge, in one atomic commit.
 *
 * <p>The new updates are merged per element, then grouped by the current table's partition; each
 * touched partition is read, merged with its new updates and written anew; the commit replaces
 * exactly those partitions and records the folded snapshot in the same transaction. So a failed run
 * leaves the table as it was, and a second run over the same snapshots finds nothing to do. Because
 * the merge is associative, commutative and idempotent, folding a day in two runs gives the rows
 * that folding it in one run gives.
 *
 * <p>Memory: the rewrite of a partition holds that partition's elements (a type's elements divided
 * by {@link CurrentGraphTables#BUCKETS}); nothing else is held.
 *
 * <p>Output: one line per commit, saying what was folded; nothing when there was nothing to fold.
 */
@AutoValue
public abstract class FoldIntoCurrentGraph extends PTransform<PBegin, PCollection<String>> {
  abstract GraphWarehouse warehouse();

  abstract FoldPlan plan();

  abstract long targetFileSizeBytes();

  /**
   * Applies a plan made by {@link FoldPlan#plan}; the rewritten partitions aim at files of the
   * given size.
   */
  public static FoldIntoCurrentGraph of(
      GraphWarehouse warehouse, FoldPlan plan, long targetFileSizeBytes) {
    if (targetFileSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "the target file size must be positive, not " + targetFileSizeBytes);
    }
    return new AutoValue_FoldIntoCurrentGraph(warehouse, plan, targetFileSizeBytes);
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    GraphWarehouse warehouse = warehouse();
    FoldPlan plan = plan();
    if (plan.isEmpty()) {
      return begin.apply("NothingToFold", Create.empty(StringUtf8Coder.of()));
    }
    return begin
        .apply(
            "ListUpdateFiles",
            Create.of(plan.updateFiles())
                .withCoder(SerializableCoder.of(FoldPlan.UpdateFile.class)))
        .apply("SpreadUpdateFiles", Reshuffle.viaRandomKey())
        .apply("ReadUpdateFiles", ParDo.of(new ReadUpdatesFn(warehouse, plan.updateTable())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ModelCoder.of(GraphUpdate.class)))
        .apply("MergeByElement", Combine.perKey(new MergeFn()))
        .apply("DropElementIds", Values.create())
        .apply("KeyByPartition", ParDo.of(new KeyByPartitionFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ModelCoder.of(GraphUpdate.class)))
        .apply("GroupByPartition", GroupByKey.create())
        .apply(
            "RewritePartitions",
            ParDo.of(new RewritePartitionFn(warehouse, plan, targetFileSizeBytes())))
        .setCoder(SerializableCoder.of(WrittenFile.class))
        .apply(
            "KeyByTable",
            WithKeys.<String, WrittenFile>of(plan.currentTable())
                .withKeyType(TypeDescriptors.strings()))
        .apply("GatherWrittenFiles", GroupByKey.create())
        .apply("CommitFold", ParDo.of(new CommitFoldFn(warehouse, plan)));
  }

  /** A data file written for the fold, not yet committed. */
  static final class WrittenFile implements Serializable {
    private static final long serialVersionUID = 1L;
    final DataFile file;

    WrittenFile(DataFile file) {
      this.file = file;
    }
  }

  /** The CRDT merge of two updates of one element. */
  static final class MergeFn extends Combine.BinaryCombineFn<GraphUpdate> {
    @Override
    public GraphUpdate apply(GraphUpdate left, GraphUpdate right) {
      return left.mergeWith(right);
    }
  }

  /**
   * A step of the fold that works on one table of the warehouse: the step carries the warehouse's
   * coordinates, and loads the table where it runs.
   */
  abstract static class TableStepFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
    private final GraphWarehouse warehouse;
    private final String tableName;

    TableStepFn(GraphWarehouse warehouse, String tableName) {
      this.warehouse = warehouse;
      this.tableName = tableName;
    }

    /** The table as of its latest commit. */
    Table loadTable() {
      return warehouse.catalog().loadTable(warehouse.table(tableName));
    }
  }

  /** Reads one data file of the update table, keyed by element id. */
  static final class ReadUpdatesFn
      extends TableStepFn<FoldPlan.UpdateFile, KV<String, GraphUpdate>> {
    private final Counter read = Metrics.counter("rtgraph", "fold_updates_read");
    private transient Table table;

    ReadUpdatesFn(GraphWarehouse warehouse, String updateTable) {
      super(warehouse, updateTable);
    }

    @Setup
    public void setup() {
      table = loadTable();
    }

    @ProcessElement
    public void processElement(
        @Element FoldPlan.UpdateFile file, OutputReceiver<KV<String, GraphUpdate>> out) {
      try (CloseableIterable<Record> rows =
          DataFileIO.read(table, file.path(), FileFormat.valueOf(file.format()))) {
        for (Record row : rows) {
          GraphUpdate update = GraphUpdateTables.fromRecord(row);
          read.inc();
          out.output(KV.of(update.id(), update));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read update file " + file.path(), e);
      }
    }
  }

  /** Keys a merged element by the partition of the current table it belongs to. */
  static final class KeyByPartitionFn extends DoFn<GraphUpdate, KV<String, GraphUpdate>> {
    private transient PartitionKey nodeKey;
    private transient PartitionKey edgeKey;

    @Setup
    public void setup() {
      nodeKey = new PartitionKey(CurrentGraphTables.NODE_SPEC, CurrentGraphTables.NODE_SCHEMA);
      edgeKey = new PartitionKey(CurrentGraphTables.EDGE_SPEC, CurrentGraphTables.EDGE_SCHEMA);
    }

    @ProcessElement
    public void processElement(
        @Element GraphUpdate element, OutputReceiver<KV<String, GraphUpdate>> out) {
      out.output(KV.of(partitionPath(element, nodeKey, edgeKey), element));
    }
  }

  static String partitionPath(GraphUpdate element, PartitionKey nodeKey, PartitionKey edgeKey) {
    boolean node = element.element() == GraphUpdate.Element.NODE;
    PartitionKey key = node ? nodeKey : edgeKey;
    key.partition(
        CurrentGraphTables.toRecord(
            element, node ? CurrentGraphTables.NODE_SCHEMA : CurrentGraphTables.EDGE_SCHEMA));
    return key.toPath();
  }

  /**
   * Merges a partition's new elements into its current rows and writes the partition anew. The
   * result holds every element of the partition, so the commit may replace the partition whole.
   */
  static final class RewritePartitionFn
      extends TableStepFn<KV<String, Iterable<GraphUpdate>>, WrittenFile> {
    private final FoldPlan plan;
    private final long targetFileSizeBytes;
    private final Counter written = Metrics.counter("rtgraph", "fold_elements_written");
    private final Counter partitions = Metrics.counter("rtgraph", "fold_partitions_rewritten");
    private transient Table table;

    RewritePartitionFn(GraphWarehouse warehouse, FoldPlan plan, long targetFileSizeBytes) {
      super(warehouse, plan.currentTable());
      this.plan = plan;
      this.targetFileSizeBytes = targetFileSizeBytes;
    }

    @Setup
    public void setup() {
      table = loadTable();
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<GraphUpdate>> partition, OutputReceiver<WrittenFile> out) {
      TreeMap<String, GraphUpdate> elements = new TreeMap<>();
      for (FoldPlan.UpdateFile file : plan.currentFiles(partition.getKey())) {
        try (CloseableIterable<Record> rows =
            DataFileIO.read(table, file.path(), FileFormat.valueOf(file.format()))) {
          for (Record row : rows) {
            GraphUpdate element = GraphUpdateTables.fromRecord(row);
            elements.merge(element.id(), element, GraphUpdate::mergeWith);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read current-graph file " + file.path(), e);
        }
      }
      for (GraphUpdate element : partition.getValue()) {
        elements.merge(element.id(), element, GraphUpdate::mergeWith);
      }
      List<Record> rows = new ArrayList<>(elements.size());
      for (GraphUpdate element : elements.values()) {
        rows.add(CurrentGraphTables.toRecord(element, table.schema()));
      }
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(rows.get(0));
      for (DataFile file : DataFileIO.write(table, table.spec(), key, rows, targetFileSizeBytes)) {
        out.output(new WrittenFile(file));
      }
      written.inc(rows.size());
      partitions.inc();
    }
  }

  /**
   * Replaces the rewritten partitions and records the folded snapshot, in one transaction. The
   * commit fails, and nothing changes, when another commit replaced the same partitions since the
   * plan, or when another fold moved the recorded snapshot; a retry of a commit that went through
   * finds its snapshot recorded and does nothing.
   */
  static final class CommitFoldFn extends TableStepFn<KV<String, Iterable<WrittenFile>>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(CommitFoldFn.class);
    private final FoldPlan plan;

    CommitFoldFn(GraphWarehouse warehouse, FoldPlan plan) {
      super(warehouse, plan.currentTable());
      this.plan = plan;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<WrittenFile>> files, OutputReceiver<String> out) {
      Table table = loadTable();
      Long recorded = CurrentGraphTables.foldedSnapshot(table, plan.updateTable());
      if (Objects.equals(recorded, plan.targetSnapshot())) {
        LOG.info(
            "{} already holds {} up to snapshot {}",
            plan.currentTable(),
            plan.updateTable(),
            recorded);
        return;
      }
      if (!Objects.equals(recorded, plan.foldedSnapshot())) {
        throw new IllegalStateException(
            "another fold moved "
                + plan.currentTable()
                + " to snapshot "
                + recorded
                + " of "
                + plan.updateTable()
                + " while this one folded from "
                + plan.foldedSnapshot()
                + "; nothing was committed, run again");
      }
      Transaction transaction = table.newTransaction();
      ReplacePartitions replace = transaction.newReplacePartitions();
      int count = 0;
      for (WrittenFile file : files.getValue()) {
        replace.addFile(file.file);
        count++;
      }
      if (plan.currentSnapshot() != null) {
        replace.validateFromSnapshot(plan.currentSnapshot());
      }
      replace
          .validateNoConflictingData()
          .validateNoConflictingDeletes()
          .set(
              CurrentGraphTables.foldedSnapshotProperty(plan.updateTable()),
              String.valueOf(plan.targetSnapshot()))
          .commit();
      transaction
          .updateProperties()
          .set(
              CurrentGraphTables.foldedSnapshotProperty(plan.updateTable()),
              String.valueOf(plan.targetSnapshot()))
          .commit();
      transaction.commitTransaction();
      String summary = plan + ": committed " + count + " files";
      LOG.info("Folded {}", summary);
      out.output(summary);
    }
  }
}
