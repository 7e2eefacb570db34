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
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        closeQuietly(socket);
      }
    }
  }

  /** Whether the port can be bound on 127.0.0.1 right now. */
  static boolean isFree(int port) {
    try {
      new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Only probed; nothing was sent through it.
      }
    }
  }
}
