package io.rtgraph.tools.servers;

import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * Waits until the broker answers a real client request, rather than for a log line or an open port:
 * {@code describeCluster} succeeds only once the broker has joined the cluster and serves clients
 * with the configured security.
 */
final class BrokerReadiness {
  /** How long one describeCluster call may take before the broker's liveness is checked again. */
  private static final Duration ATTEMPT = Duration.ofSeconds(5);

  /** Pause between failed attempts, spent waiting on the process's exit: a crash ends it early. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private BrokerReadiness() {}

  /**
   * Returns once the broker serves clients.
   *
   * @throws LocalServerException if the process exits or the deadline passes first; the caller
   *     kills the process and reports its log
   */
  static void await(
      ProcessHandle broker, String bootstrapServers, Properties security, Duration timeout) {
    Properties config = new Properties();
    config.putAll(security);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-readiness");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastError = "no answer";
    Admin admin = Admin.create(config);
    try {
      while (true) {
        if (!broker.isAlive()) {
          throw new LocalServerException(
              "the broker process " + broker.pid() + " exited during startup");
        }
        try {
          Collection<Node> nodes =
              admin.describeCluster().nodes().get(ATTEMPT.toMillis(), TimeUnit.MILLISECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
          lastError = "the cluster has no live broker yet";
        } catch (ExecutionException e) {
          lastError = e.getCause().toString();
        } catch (TimeoutException e) {
          lastError = "describeCluster took longer than " + ATTEMPT.toSeconds() + " s";
        }
        if (System.nanoTime() > deadline) {
          throw new LocalServerException(
              "the broker at "
                  + bootstrapServers
                  + " did not answer within "
                  + timeout.toSeconds()
                  + " s (last error: "
                  + lastError
                  + ")");
        }
        BrokerProcess.awaitExit(broker, RETRY_PAUSE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalServerException(
          "interrupted while waiting for the broker at " + bootstrapServers, e);
    } finally {
      admin.close(ATTEMPT);
    }
  }
}
