package io.rtgraph.tools.servers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.rules.ExternalResource;

/** The servers a test started, stopped after it whether it passed or not. */
final class StartedServers extends ExternalResource {
  private final List<LocalServer> servers = new ArrayList<>();

  /** Runs a builder's {@code start}, keeping the server to stop; a failed start keeps nothing. */
  <S extends LocalServer> S start(Supplier<S> start) {
    S server = start.get();
    servers.add(server);
    return server;
  }

  @Override
  protected void after() {
    servers.forEach(LocalServer::stop);
  }
}
