package io.rtgraph.transforms.iceberg;

import java.util.Map;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog, which first loads the JDBC driver of its URI through the class loader of
 * the job's own classes.
 *
 * <p>{@code DriverManager} registers the drivers it finds on the class path once per JVM, and
 * hands a caller only the drivers its own class loader can see. On a Flink TaskManager the job's
 * jar, driver included, lives in a class loader of its own, created for each job: without this
 * step a submitted job's catalog fails with "No suitable driver found for jdbc:sqlite:...".
 * Loading the driver class registers it for that class loader.
 */
public class DriverLoadingJdbcCatalog extends JdbcCatalog {
  /** The catalog property naming the driver class, e.g. {@code org.sqlite.JDBC}. */
  public static final String DRIVER_PROPERTY = "rtgraph.jdbc-driver";

  @Override
  public void initialize(String name, Map<String, String> properties) {
    String driver = properties.get(DRIVER_PROPERTY);
    if (driver != null) {
      try {
        Class.forName(driver, true, DriverLoadingJdbcCatalog.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("the JDBC driver " + driver + " of the Iceberg catalog is not on the class path", e);
      }
    }
    super.initialize(name, properties);
  }
}
