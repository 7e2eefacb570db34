package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports for the local servers (Kafka listeners, Flink RPC and REST), chosen by the OS rather than
 * fixed, so that several servers (tests, a demo, another engineer's run) can share a machine.
 */
final class FreePorts {
  private FreePorts() {}

  /**
   * Distinct ports the OS reports free on 127.0.0.1 at the time of the call; each socket stays
   * bound until all are chosen, so the OS cannot hand out the same port twice.
   */
  static int[] pick(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      for (ServerSocket socket : sockets) {
        socket.close();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }

  /** Whether the port can be bound on 127.0.0.1 right now. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
