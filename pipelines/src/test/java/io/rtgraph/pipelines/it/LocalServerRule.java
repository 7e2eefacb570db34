package io.rtgraph.pipelines.it;

import io.rtgraph.tools.servers.LocalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.rules.ExternalResource;

/**
 * A local server in its own JVM for a test class: started in a fresh temporary data directory
 * before the class and stopped after it, even when the start failed half-way.
 */
public abstract class LocalServerRule<S extends LocalServer> extends ExternalResource {
  private final String dataDirPrefix;
  private final Function<Path, S> start;
  private S server;

  /** {@code start} gets the data directory and returns the running server. */
  LocalServerRule(String dataDirPrefix, Function<Path, S> start) {
    this.dataDirPrefix = dataDirPrefix;
    this.start = start;
  }

  @Override
  protected final void before() throws Throwable {
    server = start.apply(Files.createTempDirectory(dataDirPrefix));
  }

  @Override
  protected final void after() {
    if (server != null) {
      server.stop();
    }
  }

  /** The running server; null before the class's tests start. */
  final S server() {
    return server;
  }
}
