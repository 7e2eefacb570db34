package io.rtgraph.transforms.iceberg;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Where the default catalog keeps the tables, and the settings its concurrent writers rely on. */
public class GraphWarehouseTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void defaultCatalogIsAnSqliteFileInsideTheWarehouseFolderWithTheHadoopLayout() {
    File warehouse = new File(folder.getRoot(), "not-yet/warehouse");
    GraphWarehouse tables =
        GraphWarehouse.inFolder(warehouse.getPath(), GraphWarehouse.DEFAULT_NAMESPACE);

    tables.ensureTable(
        GraphUpdateTables.DEFAULT_NODE_TABLE,
        GraphUpdateTables.NODE_SCHEMA,
        GraphUpdateTables.NODE_SPEC);

    assertThat(new File(warehouse, "catalog.db").isFile(), equalTo(true));
    Table table = tables.catalog().loadTable(tables.table(GraphUpdateTables.DEFAULT_NODE_TABLE));
    assertThat(
        table.location(),
        equalTo(warehouse.getAbsoluteFile().toURI() + "rtgraph/graph_node_updates"));
    assertThat(tables.unsafeForConcurrentWriters(), equalTo(false));
  }

  @Test
  public void catalogDatabaseWaitsForOtherWritersAndLetsReadersRunBesideThem() throws Exception {
    String warehouse = folder.getRoot().getPath();
    GraphWarehouse tables = GraphWarehouse.inFolder(warehouse, GraphWarehouse.DEFAULT_NAMESPACE);
    tables.ensureTable(
        GraphUpdateTables.DEFAULT_EDGE_TABLE,
        GraphUpdateTables.EDGE_SCHEMA,
        GraphUpdateTables.EDGE_SPEC);

    try (Connection connection =
        DriverManager.getConnection(GraphWarehouse.embeddedCatalogUri(warehouse))) {
      assertThat(pragma(connection, "busy_timeout"), equalTo("60000"));
      assertThat(pragma(connection, "journal_mode"), equalTo("wal"));
    }
  }

  @Test
  public void tablesGetCommitRetriesWhenCreatedAndWhenOpenedAgain() {
    GraphWarehouse tables =
        GraphWarehouse.inFolder(folder.getRoot().getPath(), GraphWarehouse.DEFAULT_NAMESPACE);
    tables.ensureTable(
        GraphUpdateTables.DEFAULT_NODE_TABLE,
        GraphUpdateTables.NODE_SCHEMA,
        GraphUpdateTables.NODE_SPEC);
    // A table from before the retry settings: created bare, as older versions did.
    tables
        .catalog()
        .createTable(
            tables.table("older"), GraphUpdateTables.NODE_SCHEMA, GraphUpdateTables.NODE_SPEC);

    tables.ensureTable("older", GraphUpdateTables.NODE_SCHEMA, GraphUpdateTables.NODE_SPEC);
    Table older = tables.catalog().loadTable(tables.table("older"));
    String metadata = ((HasTableOperations) older).operations().current().metadataFileLocation();
    tables.ensureTable("older", GraphUpdateTables.NODE_SCHEMA, GraphUpdateTables.NODE_SPEC);

    Table created = tables.catalog().loadTable(tables.table(GraphUpdateTables.DEFAULT_NODE_TABLE));
    for (Map.Entry<String, String> property : GraphWarehouse.COMMIT_RETRY_PROPERTIES.entrySet()) {
      assertThat(created.properties(), hasEntry(property.getKey(), property.getValue()));
      assertThat(older.properties(), hasEntry(property.getKey(), property.getValue()));
    }
    Table again = tables.catalog().loadTable(tables.table("older"));
    assertThat(
        "a table that has the settings is left alone",
        ((HasTableOperations) again).operations().current().metadataFileLocation(),
        equalTo(metadata));
  }

  @Test
  public void hadoopCatalogKeepsTheFolderAloneAndIsFlaggedUnsafe() {
    File warehouse = folder.getRoot();
    GraphWarehouse tables =
        GraphWarehouse.of(
            GraphWarehouse.DEFAULT_CATALOG_NAME,
            GraphWarehouse.HADOOP_CATALOG,
            warehouse.getPath(),
            Map.of(),
            GraphWarehouse.DEFAULT_NAMESPACE);

    tables.ensureTable(
        GraphUpdateTables.DEFAULT_NODE_TABLE,
        GraphUpdateTables.NODE_SCHEMA,
        GraphUpdateTables.NODE_SPEC);

    assertThat(new File(warehouse, "catalog.db").exists(), equalTo(false));
    assertThat(
        new File(warehouse, "rtgraph/graph_node_updates/metadata").isDirectory(), equalTo(true));
    assertThat(tables.unsafeForConcurrentWriters(), equalTo(true));
  }

  private static String pragma(Connection connection, String name) throws Exception {
    try (ResultSet result = connection.createStatement().executeQuery("PRAGMA " + name)) {
      result.next();
      return result.getString(1);
    }
  }
}
