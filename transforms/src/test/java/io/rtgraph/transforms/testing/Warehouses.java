package io.rtgraph.transforms.testing;

import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;

/** Test warehouses in a local folder, as the topic jobs leave them. */
public final class Warehouses {
  private Warehouses() {}

  /** A warehouse in the folder with the two graph update tables, under their default names. */
  public static GraphWarehouse withUpdateTables(String folder) {
    GraphWarehouse warehouse = GraphWarehouse.inFolder(folder, GraphWarehouse.DEFAULT_NAMESPACE);
    warehouse.ensureTable(
        GraphUpdateTables.DEFAULT_NODE_TABLE,
        GraphUpdateTables.NODE_SCHEMA,
        GraphUpdateTables.NODE_SPEC);
    warehouse.ensureTable(
        GraphUpdateTables.DEFAULT_EDGE_TABLE,
        GraphUpdateTables.EDGE_SCHEMA,
        GraphUpdateTables.EDGE_SPEC);
    return warehouse;
  }
}
