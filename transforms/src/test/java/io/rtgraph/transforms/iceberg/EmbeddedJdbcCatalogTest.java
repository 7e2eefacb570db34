package io.rtgraph.transforms.iceberg;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Two catalogs on one SQLite file, as two pipeline processes have: their commits interleave. */
public class EmbeddedJdbcCatalogTest {
  private static final TableIdentifier TABLE = TableIdentifier.of("rtgraph", "t");

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private EmbeddedJdbcCatalog open(String uri) {
    Map<String, String> properties = new HashMap<>();
    properties.put("uri", uri);
    properties.put("warehouse", folder.getRoot().toURI().toString());
    properties.put(EmbeddedJdbcCatalog.DRIVER_PROPERTY, "org.sqlite.JDBC");
    EmbeddedJdbcCatalog catalog = new EmbeddedJdbcCatalog();
    catalog.setConf(new Configuration());
    catalog.initialize("rtgraph", properties);
    return catalog;
  }

  @Test
  public void aCatalogOpenedBeforeAnotherOnesCommitsStillCommits() throws Exception {
    String uri = GraphWarehouse.embeddedCatalogUri(folder.getRoot().getPath());
    try (EmbeddedJdbcCatalog first = open(uri);
        EmbeddedJdbcCatalog second = open(uri)) {
      first.createTable(TABLE, GraphUpdateTables.NODE_SCHEMA);
      Table fromSecond = second.loadTable(TABLE);

      first.loadTable(TABLE).updateProperties().set("by", "first").commit();
      fromSecond.refresh();
      fromSecond.updateProperties().set("by", "second").commit();
      first.loadTable(TABLE).updateProperties().set("again", "first").commit();

      assertThat(second.loadTable(TABLE).properties(), hasEntry("again", "first"));
      assertThat(first.loadTable(TABLE).properties(), hasEntry("by", "second"));
    }
  }

  @Test
  public void catalogsOpeningANewDatabaseAtOnceAllOpen() throws Exception {
    String uri = GraphWarehouse.embeddedCatalogUri(folder.getRoot().getPath());
    int catalogs = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(catalogs);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<Boolean>> opened = new java.util.ArrayList<>();
    for (int i = 0; i < catalogs; i++) {
      opened.add(
          pool.submit(
              () -> {
                start.await();
                try (EmbeddedJdbcCatalog catalog = open(uri)) {
                  catalog.listNamespaces();
                  return true;
                }
              }));
    }
    start.countDown();
    for (java.util.concurrent.Future<Boolean> catalog : opened) {
      assertThat(catalog.get(), equalTo(true));
    }
    pool.shutdown();
  }

  @Test
  public void aBusyDatabaseIsACommitConflictThatIsRetried() throws Exception {
    String file = folder.getRoot().toPath().resolve("catalog.db").toString();
    String uri = "jdbc:sqlite:" + file + "?busy_timeout=50&journal_mode=WAL";
    try (EmbeddedJdbcCatalog catalog = open(uri)) {
      catalog.createTable(
          TABLE,
          GraphUpdateTables.NODE_SCHEMA,
          null,
          Map.of(
              TableProperties.COMMIT_NUM_RETRIES,
              "1",
              TableProperties.COMMIT_MIN_RETRY_WAIT_MS,
              "10"));
      Table table = catalog.loadTable(TABLE);
      try (Connection other = DriverManager.getConnection(uri)) {
        other.createStatement().execute("BEGIN IMMEDIATE");

        assertThrows(
            CommitFailedException.class,
            () -> table.updateProperties().set("k", "blocked").commit());

        other.createStatement().execute("ROLLBACK");
      }
      table.refresh();
      table.updateProperties().set("k", "free").commit();
      assertThat(catalog.loadTable(TABLE).properties().get("k"), equalTo("free"));
    }
  }

  /**
   * Everything but a busy commit is the JDBC catalog's own: the same answers as Iceberg's plain
   * {@code JdbcCatalog} gives on the same table, and its exceptions as thrown, not wrapped.
   */
  @Test
  public void tableOperationsOtherwiseAnswerAsTheJdbcCatalogs() throws Exception {
    String uri = GraphWarehouse.embeddedCatalogUri(folder.getRoot().getPath());
    try (EmbeddedJdbcCatalog catalog = open(uri);
        JdbcCatalog plain = new JdbcCatalog()) {
      catalog.createTable(TABLE, GraphUpdateTables.NODE_SCHEMA);
      plain.setConf(new Configuration());
      plain.initialize(
          "rtgraph", Map.of("uri", uri, "warehouse", folder.getRoot().toURI().toString()));
      TableOperations ops = ((HasTableOperations) catalog.loadTable(TABLE)).operations();
      TableOperations jdbc = ((HasTableOperations) plain.loadTable(TABLE)).operations();

      assertThat(
          ops.current().metadataFileLocation(), equalTo(jdbc.current().metadataFileLocation()));
      assertThat(ops.refresh().uuid(), equalTo(jdbc.refresh().uuid()));
      assertThat(ops.metadataFileLocation("m.json"), equalTo(jdbc.metadataFileLocation("m.json")));
      assertThat(
          ops.locationProvider().newDataLocation("d.parquet"),
          equalTo(jdbc.locationProvider().newDataLocation("d.parquet")));
      assertThat(ops.io().getClass(), equalTo(jdbc.io().getClass()));
      assertThat(ops.encryption().getClass(), equalTo(jdbc.encryption().getClass()));
      assertThat(ops.requireStrictCleanup(), equalTo(jdbc.requireStrictCleanup()));
      assertThat(ops.temp(ops.current()).getClass(), equalTo(jdbc.temp(jdbc.current()).getClass()));
      assertThat(ops.newSnapshotId(), not(equalTo(ops.newSnapshotId())));
      assertThat(ops, equalTo(ops));
      assertThat(ops, not(equalTo(jdbc)));

      TableMetadata stale = ops.current();
      plain.loadTable(TABLE).updateProperties().set("by", "plain").commit();
      CommitFailedException conflict =
          assertThrows(
              CommitFailedException.class,
              () ->
                  ops.commit(
                      stale,
                      TableMetadata.buildFrom(stale).setProperties(Map.of("k", "v")).build()));
      assertThat(conflict.getMessage(), containsString("has changed from"));

      plain.dropTable(TABLE, false);
      assertThrows(NoSuchTableException.class, ops::refresh);
    }
  }
}
