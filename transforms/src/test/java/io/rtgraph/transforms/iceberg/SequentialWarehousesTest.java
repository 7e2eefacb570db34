package io.rtgraph.transforms.iceberg;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.iceberg.IcebergIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Pipelines run one after another in one JVM (the tests, a backfill after a run) write each to its
 * own warehouse, although the table names are the same: IcebergIO 2.67 keeps the tables it writes
 * in a JVM-wide cache keyed by the table name alone.
 */
public class SequentialWarehousesTest {
  private static final String TABLE = "words";
  private static final org.apache.iceberg.Schema ICEBERG_SCHEMA =
      new org.apache.iceberg.Schema(Types.NestedField.required(1, "word", Types.StringType.get()));
  private static final Schema BEAM_SCHEMA = Schema.builder().addStringField("word").build();

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void theSecondPipelineWritesItsOwnWarehouseNotTheFirstOne() throws IOException {
    GraphWarehouse first =
        GraphWarehouse.inFolder(
            folder.newFolder("first").getPath(), GraphWarehouse.DEFAULT_NAMESPACE);
    GraphWarehouse second =
        GraphWarehouse.inFolder(
            folder.newFolder("second").getPath(), GraphWarehouse.DEFAULT_NAMESPACE);

    write(first, "alpha", "beta");
    write(second, "gamma", "delta");

    assertThat(words(first), containsInAnyOrder("alpha", "beta"));
    assertThat(words(second), containsInAnyOrder("gamma", "delta"));
    Table secondTable = second.catalog().loadTable(second.table(TABLE));
    assertThat(
        "the second table's data files lie in the second warehouse",
        dataFiles(secondTable),
        everyItem(startsWith(secondTable.location())));
  }

  private static void write(GraphWarehouse warehouse, String... words) {
    warehouse.ensureTable(TABLE, ICEBERG_SCHEMA, PartitionSpec.unpartitioned());
    Pipeline pipeline =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    List<Row> rows = new ArrayList<>();
    for (String word : words) {
      rows.add(Row.withSchema(BEAM_SCHEMA).addValue(word).build());
    }
    pipeline
        .apply("Words", Create.of(rows).withRowSchema(BEAM_SCHEMA))
        .apply(
            "WriteWords",
            IcebergIO.writeRows(warehouse.catalogConfig()).to(warehouse.table(TABLE)));
    pipeline.run().waitUntilFinish();
  }

  private static List<String> words(GraphWarehouse warehouse) throws IOException {
    List<String> words = new ArrayList<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(warehouse.catalog().loadTable(warehouse.table(TABLE))).build()) {
      for (Record record : records) {
        words.add((String) record.getField("word"));
      }
    }
    return words;
  }

  private static List<String> dataFiles(Table table) throws IOException {
    List<String> paths = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        paths.add(task.file().path().toString());
      }
    }
    return paths;
  }
}
