package io.rtgraph.transforms.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

/**
 * Reads and writes single Parquet data files of a table with Iceberg's generic records: what the
 * fold and the compaction need, one file at a time, where a table scan reads whole snapshots.
 * IcebergIO writes Parquet, and so does this class; another format is refused with its file name.
 */
public final class DataFileIO {
  private DataFileIO() {}

  /** Every row of one data file, in the table's current schema. */
  public static CloseableIterable<Record> read(Table table, String path, FileFormat format) {
    if (format != FileFormat.PARQUET) {
      throw new IllegalStateException(
          "data file "
              + path
              + " of table "
              + table.name()
              + " is "
              + format
              + "; maintenance reads Parquet only");
    }
    return Parquet.read(table.io().newInputFile(path))
        .project(table.schema())
        .createReaderFunc(
            fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
        .build();
  }

  /**
   * Every row of one data file of the table, as read by {@link #read(Table, String, FileFormat)}.
   */
  public static CloseableIterable<Record> read(Table table, ContentFile<?> file) {
    return read(table, file.path().toString(), file.format());
  }

  /**
   * Writes rows of one partition into new data files of about {@code targetSizeBytes} each (a file
   * is closed once its written size reaches the target), and returns them, not yet committed.
   */
  public static List<DataFile> write(
      Table table,
      PartitionSpec spec,
      StructLike partition,
      Iterable<Record> rows,
      long targetSizeBytes) {
    List<DataFile> files = new ArrayList<>();
    DataWriter<Record> writer = null;
    try {
      for (Record row : rows) {
        if (writer == null) {
          writer = open(table, spec, partition);
        }
        writer.write(row);
        if (writer.length() >= targetSizeBytes) {
          writer.close();
          files.add(writer.toDataFile());
          writer = null;
        }
      }
      if (writer != null) {
        writer.close();
        files.add(writer.toDataFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a data file of table " + table.name(), e);
    }
    return files;
  }

  private static DataWriter<Record> open(Table table, PartitionSpec spec, StructLike partition)
      throws IOException {
    String name = FileFormat.PARQUET.addExtension(UUID.randomUUID().toString());
    OutputFile file =
        table.io().newOutputFile(table.locationProvider().newDataLocation(spec, partition, name));
    return Parquet.writeData(file)
        .forTable(table)
        .withSpec(spec)
        .withPartition(partition)
        .createWriterFunc(GenericParquetWriter::buildWriter)
        .overwrite()
        .build();
  }
}
