package io.rtgraph.transforms.iceberg;

import com.google.auto.value.AutoValue;
import java.io.File;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.io.iceberg.IcebergCatalogConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the project's Iceberg tables live: an Iceberg catalog (by default a Hadoop catalog over a
 * local warehouse folder, so that nothing else has to run; REST, JDBC and other catalogs through
 * their catalog properties) and a namespace.
 *
 * <p>Tables are created at launch with their partition specs, before any writer runs, so that
 * IcebergIO only ever appends to them.
 */
@AutoValue
public abstract class GraphWarehouse implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(GraphWarehouse.class);
  public static final String DEFAULT_NAMESPACE = "rtgraph";

  public abstract IcebergCatalogConfig catalogConfig();

  public abstract String namespace();

  public static GraphWarehouse of(String catalogName, Map<String, String> catalogProperties, String namespace) {
    return new AutoValue_GraphWarehouse(
        IcebergCatalogConfig.builder()
            .setCatalogName(catalogName)
            .setCatalogProperties(Map.copyOf(catalogProperties))
            .build(),
        namespace);
  }

  /** A Hadoop catalog over a warehouse folder (a local path or a Hadoop file-system URI). */
  public static GraphWarehouse hadoop(String warehouse, String namespace) {
    Map<String, String> properties = new HashMap<>();
    properties.put("type", "hadoop");
    properties.put("warehouse", location(warehouse));
    return of("rtgraph", properties, namespace);
  }

  /** A URI as given, or a local path made absolute, so that every worker resolves the same place. */
  public static String location(String warehouse) {
    return warehouse.contains(":/") ? warehouse : new File(warehouse).getAbsoluteFile().toURI().toString();
  }

  public TableIdentifier table(String name) {
    return TableIdentifier.of(Namespace.of(namespace()), name);
  }

  public Catalog catalog() {
    return catalogConfig().catalog();
  }

  /** Creates the namespace and the table, with its partition spec, when they are missing. */
  public void ensureTable(String name, Schema schema, PartitionSpec spec) {
    Catalog catalog = catalog();
    Namespace namespace = Namespace.of(namespace());
    if (catalog instanceof SupportsNamespaces && !((SupportsNamespaces) catalog).namespaceExists(namespace)) {
      try {
        ((SupportsNamespaces) catalog).createNamespace(namespace);
      } catch (AlreadyExistsException e) {
        // another pipeline created it first
      }
    }
    TableIdentifier identifier = table(name);
    if (!catalog.tableExists(identifier)) {
      try {
        catalog.createTable(identifier, schema, spec);
        LOG.info("Created Iceberg table {} partitioned by {}", identifier, spec.fields());
      } catch (AlreadyExistsException e) {
        // another pipeline created it first
      }
    }
  }
}
