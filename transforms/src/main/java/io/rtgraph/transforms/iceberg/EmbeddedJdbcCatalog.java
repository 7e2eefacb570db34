package io.rtgraph.transforms.iceberg;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.UncheckedSQLException;

/**
 * Iceberg's JDBC catalog over an embedded database file that several processes open at once (the
 * warehouse folder's SQLite {@code catalog.db}). The database layout and the commit protocol are
 * Iceberg's own, so any engine reads the tables with a plain JDBC catalog; three things differ:
 *
 * <ul>
 *   <li><b>The driver is loaded through the job's class loader.</b> {@code DriverManager} hands a
 *       caller only drivers its own class loader can see, and registers the class path's drivers
 *       once per JVM. On a Flink TaskManager each job's jar has a class loader of its own: without
 *       this, a submitted job fails with "No suitable driver found for jdbc:sqlite:...".
 *   <li><b>The catalog's own tables are created on a connection that is then closed</b>, again if
 *       another process was creating them at the same moment. Iceberg 1.6 checks for them with a
 *       metadata query whose result set it never closes; on SQLite that keeps a read transaction
 *       open on a pooled connection, which then sees a frozen snapshot and fails every later commit
 *       with SQLITE_BUSY once another process has committed.
 *   <li><b>A busy database is a commit conflict.</b> A commit is one conditional row update; when
 *       SQLite reports the database busy (another process held the write lock longer than the busy
 *       timeout), the update was not applied. It is reported as a {@link CommitFailedException},
 *       which Iceberg retries on fresh metadata, instead of failing the writer.
 * </ul>
 */
public class EmbeddedJdbcCatalog extends JdbcCatalog {
  /** The catalog property naming the driver class, e.g. {@code org.sqlite.JDBC}. */
  public static final String DRIVER_PROPERTY = "rtgraph.jdbc-driver";

  private static final String INIT_CATALOG_TABLES = "jdbc.init-catalog-tables";
  private static final int SQLITE_BUSY = 5;
  private static final int SETUP_ATTEMPTS = 5;

  private Object conf;

  @Override
  public void setConf(Object conf) {
    this.conf = conf;
    super.setConf(conf);
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    String driver = properties.get(DRIVER_PROPERTY);
    if (driver != null) {
      try {
        Class.forName(driver, true, EmbeddedJdbcCatalog.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            "the JDBC driver " + driver + " of the Iceberg catalog is not on the class path", e);
      }
    }
    createCatalogTables(name, properties);
    Map<String, String> withTables = new HashMap<>(properties);
    withTables.put(INIT_CATALOG_TABLES, "false");
    super.initialize(name, withTables);
  }

  /**
   * Several processes opening a new database at once race to create the catalog's tables; the
   * losers' CREATE TABLE fails, and a second look finds the tables there.
   */
  private void createCatalogTables(String name, Map<String, String> properties) {
    for (int attempt = 1; ; attempt++) {
      try (JdbcCatalog setup = new JdbcCatalog()) {
        setup.setConf(conf);
        setup.initialize(name, properties);
        return;
      } catch (UncheckedSQLException e) {
        if (attempt == SETUP_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  protected TableOperations newTableOps(TableIdentifier tableIdentifier) {
    return busyIsConflict(super.newTableOps(tableIdentifier));
  }

  static boolean busy(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException
          && (((SQLException) cause).getErrorCode() & 0xff) == SQLITE_BUSY) {
        return true;
      }
    }
    return false;
  }

  /**
   * The JDBC table operations, with a busy database on commit reported as a conflict; every other
   * call, the interface's default methods included, goes to the JDBC operations unchanged. Like any
   * wrapper this hides their class, which Iceberg never asks for: it reaches a table's operations
   * through {@code HasTableOperations} and the {@link TableOperations} interface alone.
   */
  private static TableOperations busyIsConflict(TableOperations jdbc) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          // equal to itself alone, as the wrapper class was (the JDBC operations are not the proxy)
          if (method.getName().equals("equals") && method.getParameterCount() == 1) {
            return proxy == args[0];
          }
          try {
            return method.invoke(jdbc, args);
          } catch (InvocationTargetException e) {
            Throwable error = e.getCause();
            if (method.getName().equals("commit")
                && error instanceof RuntimeException
                && !(error instanceof CommitFailedException)
                && busy(error)) {
              throw new CommitFailedException(
                  error, "the catalog database was busy; the commit was not applied");
            }
            throw error;
          }
        };
    return (TableOperations)
        Proxy.newProxyInstance(
            TableOperations.class.getClassLoader(),
            new Class<?>[] {TableOperations.class},
            handler);
  }
}
