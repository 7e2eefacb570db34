package org.apache.beam.sdk.io.iceberg;

import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The one door into IcebergIO's package that this project needs, so that it lives here and not in
 * our own packages.
 *
 * <p>IcebergIO 2.67's writers keep the tables they write in a JVM-wide cache keyed by the table
 * name alone ({@code RecordWriterManager.TABLE_CACHE}, ten minutes after the last access). A second
 * pipeline in the same JVM that writes a table of the same name in another catalog gets the first
 * catalog's table: it writes its data files into the first warehouse and refreshes metadata from
 * it, and once that warehouse is gone every commit fails with "Failed to open input stream for
 * .../metadata/00001-....metadata.json". Beam later keyed the cache by catalog too
 * (apache/beam#38882); 2.67 is the newest IcebergIO served here. Pipelines in one JVM therefore
 * forget the cached table before they start; a running writer of the same catalog simply loads it
 * again.
 */
public final class IcebergWriterTableCache {
  private IcebergWriterTableCache() {}

  public static void forget(TableIdentifier table) {
    RecordWriterManager.TABLE_CACHE.invalidate(table);
  }
}
