package io.rtgraph.bench;

import io.rtgraph.transforms.iceberg.ArchiveTable;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The raw archive a throughput run writes with {@code --archive-warehouse}: the input of the
 * backfill measurement. The streaming job commits the archive on a timer, so the run waits until
 * the table's last snapshot counts every produced record.
 */
final class BenchArchive {
  private BenchArchive() {}

  static void awaitEveryRecord(
      String warehouse, String topic, long records, Instant end, int events) {
    GraphWarehouse catalog = GraphWarehouse.inFolder(warehouse, GraphWarehouse.DEFAULT_NAMESPACE);
    String name = ArchiveTable.defaultName(topic);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long archived = 0;
    while (archived < records) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the archive "
                + name
                + " holds "
                + archived
                + " of "
                + records
                + " records after 5 minutes");
      }
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
      archived = totalRecords(catalog.catalog().loadTable(catalog.table(name)));
    }
    // The generator spreads the events over one millisecond each before `end`, plus some lateness.
    Instant from = end.minus(Duration.millis(events)).minus(Duration.standardHours(1));
    Instant to = end.plus(Duration.standardHours(1));
    Bench.progress(
        "the archive %s in %s holds all %d records; backfill it with:%n"
            + "  RTGRAPH_PIPELINE_HEAP=1g scripts/run-pipeline.sh member.playback-backfill flink-batch --inputTopic=%s"
            + " --icebergWarehouse=%s --sinks=graph-tables --from=%s --to=%s",
        name, warehouse, archived, topic, warehouse, from, to);
  }

  private static long totalRecords(Table table) {
    Snapshot current = table.currentSnapshot();
    return current == null
        ? 0
        : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
  }
}
