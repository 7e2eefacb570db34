package io.rtgraph.transforms.iceberg;

import com.google.auto.value.AutoValue;
import java.io.File;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.io.iceberg.IcebergCatalogConfig;
import org.apache.beam.sdk.io.iceberg.IcebergIO;
import org.apache.beam.sdk.io.iceberg.IcebergWriterTableCache;
import org.apache.beam.sdk.values.PCollection;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the project's Iceberg tables live: an Iceberg catalog and a namespace.
 *
 * <p>By default the catalog is embedded in the warehouse folder, so that nothing else has to run:
 * Iceberg's JDBC catalog over an SQLite file, {@code <warehouse>/catalog.db}. The four topic
 * pipelines write the same graph tables from separate JVMs, and the JDBC catalog commits with a
 * conditional update of the table's metadata pointer: a writer that lost the race gets a {@code
 * CommitFailedException}, and Iceberg re-applies its append on the new snapshot. The Hadoop catalog
 * ({@code hadoop}) keeps the same folder layout without the database, but its commit is a file
 * rename that is locked only inside one JVM: concurrent writers in several processes overwrite each
 * other's snapshots and rows are lost. REST, JDBC servers and other catalogs are reached through
 * their catalog properties.
 *
 * <p>Tables are created at launch with their partition specs and commit-retry properties, before
 * any writer runs, so that IcebergIO only ever appends to them.
 */
@AutoValue
public abstract class GraphWarehouse implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(GraphWarehouse.class);
  public static final String DEFAULT_NAMESPACE = "rtgraph";
  public static final String DEFAULT_CATALOG_NAME = "rtgraph";
  public static final String DEFAULT_WAREHOUSE = ".local/warehouse";

  /** Iceberg's JDBC catalog; without a {@code uri}, over the warehouse folder's own SQLite file. */
  public static final String JDBC_CATALOG = "jdbc";

  /** Iceberg's Hadoop catalog: safe for one writing JVM only. */
  public static final String HADOOP_CATALOG = "hadoop";

  public static final String DEFAULT_CATALOG_TYPE = JDBC_CATALOG;

  /** The embedded catalog's database, inside the warehouse folder. */
  public static final String CATALOG_DATABASE = "catalog.db";

  private static final String SQLITE_URI_PREFIX = "jdbc:sqlite:";
  private static final String SQLITE_DRIVER = "org.sqlite.JDBC";

  /**
   * How long a connection waits for another process's write lock on the catalog database before
   * SQLite reports it busy. A commit holds the lock for one row update, so this is generous.
   */
  public static final int CATALOG_BUSY_TIMEOUT_MILLIS = 60_000;

  /**
   * Set on every table so that the writers of all four topic pipelines, each committing every few
   * seconds, never exhaust Iceberg's retries (4 by default) on a commit conflict. A conflict costs
   * one re-applied append; giving up would fail the bundle and replay it.
   */
  public static final Map<String, String> COMMIT_RETRY_PROPERTIES =
      Map.of(
          TableProperties.COMMIT_NUM_RETRIES, "100",
          TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "50",
          TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "5000",
          TableProperties.COMMIT_TOTAL_RETRY_TIME_MS, String.valueOf(30 * 60 * 1000));

  public abstract IcebergCatalogConfig catalogConfig();

  public abstract String namespace();

  /** A catalog given by all its properties, {@code type} or {@code catalog-impl} among them. */
  public static GraphWarehouse of(
      String catalogName, Map<String, String> catalogProperties, String namespace) {
    return new AutoValue_GraphWarehouse(
        IcebergCatalogConfig.builder()
            .setCatalogName(catalogName)
            .setCatalogProperties(Map.copyOf(catalogProperties))
            .build(),
        namespace);
  }

  /**
   * The default catalog of a warehouse folder: what the pipelines write when given only the folder.
   */
  public static GraphWarehouse inFolder(String warehouse, String namespace) {
    return of(DEFAULT_CATALOG_NAME, DEFAULT_CATALOG_TYPE, warehouse, Map.of(), namespace);
  }

  /**
   * A catalog of the given type over a warehouse location, with more catalog properties that win
   * over the derived ones. For {@code jdbc} without a {@code uri}, the catalog is the SQLite file
   * {@link #CATALOG_DATABASE} inside the warehouse folder; for {@code hadoop}, the folder itself.
   */
  public static GraphWarehouse of(
      String catalogName,
      String type,
      String warehouse,
      Map<String, String> moreProperties,
      String namespace) {
    Map<String, String> properties = new HashMap<>();
    properties.put("type", type);
    if (HADOOP_CATALOG.equals(type)) {
      properties.put("warehouse", location(warehouse));
    } else if (JDBC_CATALOG.equals(type) && !moreProperties.containsKey("uri")) {
      // Iceberg's JDBC catalog, adapted to a database file that several processes open (see the
      // class).
      properties.remove("type");
      properties.put("catalog-impl", EmbeddedJdbcCatalog.class.getName());
      properties.put(EmbeddedJdbcCatalog.DRIVER_PROPERTY, SQLITE_DRIVER);
      properties.put("warehouse", location(warehouse));
      properties.put("uri", embeddedCatalogUri(warehouse));
    } else {
      properties.put("warehouse", warehouse);
    }
    properties.putAll(moreProperties);
    return of(catalogName, properties, namespace);
  }

  /**
   * The JDBC URI of the SQLite catalog inside a local warehouse folder. The busy timeout makes a
   * writer wait for another process's lock instead of failing; WAL lets readers and the one writer
   * at a time work side by side.
   */
  public static String embeddedCatalogUri(String warehouse) {
    return SQLITE_URI_PREFIX
        + embeddedCatalogFile(warehouse)
        + "?busy_timeout="
        + CATALOG_BUSY_TIMEOUT_MILLIS
        + "&journal_mode=WAL";
  }

  /** The SQLite file of the embedded catalog of a local warehouse folder. */
  public static Path embeddedCatalogFile(String warehouse) {
    String location = location(warehouse);
    if (!location.startsWith("file:")) {
      throw new IllegalArgumentException(
          "the embedded jdbc catalog needs a local warehouse folder, not "
              + warehouse
              + "; give the catalog's uri=... in the catalog properties, or another catalog type");
    }
    return Paths.get(URI.create(location)).resolve(CATALOG_DATABASE);
  }

  /**
   * A URI as given, or a local path made absolute, so that every worker resolves the same place.
   */
  public static String location(String warehouse) {
    return warehouse.contains(":/")
        ? warehouse
        : new File(warehouse).getAbsoluteFile().toURI().toString();
  }

  public TableIdentifier table(String name) {
    return TableIdentifier.of(Namespace.of(namespace()), name);
  }

  public Catalog catalog() {
    return catalogConfig().catalog();
  }

  /**
   * IcebergIO's append of rows to one of the tables: a snapshot every {@code commitInterval} when
   * the rows are unbounded, one when a bounded input ends.
   */
  IcebergIO.WriteRows appendRows(String name, PCollection<?> rows, Duration commitInterval) {
    IcebergIO.WriteRows write = IcebergIO.writeRows(catalogConfig()).to(table(name));
    return rows.isBounded() == PCollection.IsBounded.UNBOUNDED
        ? write.withTriggeringFrequency(commitInterval)
        : write;
  }

  /** The catalog type, or the implementation class of a catalog given by its class. */
  public String catalogType() {
    Map<String, String> properties = catalogConfig().getCatalogProperties();
    return properties.containsKey("type") ? properties.get("type") : properties.get("catalog-impl");
  }

  /** True for the Hadoop catalog, whose commits race between processes. */
  public boolean unsafeForConcurrentWriters() {
    return HADOOP_CATALOG.equals(catalogType());
  }

  /**
   * Creates the namespace and the table, with its partition spec and {@link
   * #COMMIT_RETRY_PROPERTIES}, when they are missing; gives an existing table those properties.
   * Makes IcebergIO's writers in this JVM load the table afresh from this catalog ({@link
   * IcebergWriterTableCache}).
   */
  public void ensureTable(String name, Schema schema, PartitionSpec spec) {
    IcebergWriterTableCache.forget(table(name));
    createEmbeddedCatalogFolder();
    Catalog catalog = catalog();
    Namespace namespace = Namespace.of(namespace());
    if (catalog instanceof SupportsNamespaces
        && !((SupportsNamespaces) catalog).namespaceExists(namespace)) {
      try {
        ((SupportsNamespaces) catalog).createNamespace(namespace);
      } catch (RuntimeException e) {
        // Another pipeline created it first: an AlreadyExistsException, or from the JDBC catalog
        // the database's unique-key violation. Anything else leaves the namespace missing.
        if (!((SupportsNamespaces) catalog).namespaceExists(namespace)) {
          throw e;
        }
      }
    }
    TableIdentifier identifier = table(name);
    if (!catalog.tableExists(identifier)) {
      try {
        catalog.createTable(identifier, schema, spec, COMMIT_RETRY_PROPERTIES);
        LOG.info("Created Iceberg table {} partitioned by {}", identifier, spec.fields());
        return;
      } catch (RuntimeException e) {
        // another pipeline created it first, reported as for the namespace
        if (!catalog.tableExists(identifier)) {
          throw e;
        }
      }
    }
    setCommitRetries(catalog.loadTable(identifier));
  }

  /**
   * Tables created before these properties existed get them too; a table that has them is left
   * alone.
   */
  private static void setCommitRetries(Table table) {
    Map<String, String> current = table.properties();
    UpdateProperties update = table.updateProperties();
    boolean changed = false;
    for (Map.Entry<String, String> property : COMMIT_RETRY_PROPERTIES.entrySet()) {
      if (!property.getValue().equals(current.get(property.getKey()))) {
        update.set(property.getKey(), property.getValue());
        changed = true;
      }
    }
    if (changed) {
      update.commit();
      LOG.info(
          "Set the commit retries of Iceberg table {}: {}", table.name(), COMMIT_RETRY_PROPERTIES);
    }
  }

  /** SQLite creates its file but not the folder around it. */
  private void createEmbeddedCatalogFolder() {
    Path database = sqliteCatalogFile();
    if (database != null) {
      File folder = database.toFile().getParentFile();
      if (!folder.isDirectory() && !folder.mkdirs() && !folder.isDirectory()) {
        throw new IllegalStateException("cannot create the Iceberg warehouse folder " + folder);
      }
    }
  }

  /**
   * Where a local catalog keeps its state, which exists once a pipeline has created its tables: the
   * SQLite database of a JDBC catalog, the warehouse folder of a Hadoop one; null otherwise.
   */
  public Path localCatalogPath() {
    Path database = sqliteCatalogFile();
    if (database != null) {
      return database;
    }
    String warehouse = catalogConfig().getCatalogProperties().get("warehouse");
    return HADOOP_CATALOG.equals(catalogType())
            && warehouse != null
            && warehouse.startsWith("file:")
        ? Paths.get(URI.create(warehouse))
        : null;
  }

  private Path sqliteCatalogFile() {
    String uri = catalogConfig().getCatalogProperties().get("uri");
    if (uri == null || !uri.startsWith(SQLITE_URI_PREFIX)) {
      return null;
    }
    String file = uri.substring(SQLITE_URI_PREFIX.length());
    int parameters = file.indexOf('?');
    return Paths.get(parameters < 0 ? file : file.substring(0, parameters)).toAbsolutePath();
  }
}
