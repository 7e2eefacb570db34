package io.rtgraph.pipelines.it;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Fails a test class that leaves Kafka clients open in the test JVM, as a job it did not stop does:
 * its consumers would poll for the rest of the JVM, into the next classes' output, once the class's
 * broker has stopped. Kafka registers an {@code app-info} MBean for every consumer, producer and
 * admin client until it is closed; those that appeared during the tests must be gone once they
 * ended (after a grace for the asynchronous cancellation of a Flink job), or the class fails naming
 * them and the threads that run Kafka clients. Before checking, it cancels the {@link
 * ClosingDirectRunner} jobs the tests left running, which a failed test does. {@link KafkaBroker}
 * checks its class this way before it stops.
 */
final class KafkaClientsClosed {
  private static final Duration GRACE = Duration.ofMinutes(1);

  private KafkaClientsClosed() {}

  /** {@code tests}, then the check. */
  static Statement after(Statement tests, Description description) {
    return new Statement() {
      @Override
      public void evaluate() throws Throwable {
        Set<String> before = openClients();
        Throwable failure = null;
        try {
          tests.evaluate();
        } catch (Throwable t) {
          failure = t;
        }
        int leftRunning = ClosingDirectRunner.cancelRunning();
        Set<String> left = awaitClosed(before);
        List<String> leaks = new ArrayList<>();
        if (leftRunning > 0) {
          leaks.add(leftRunning + " DirectRunner job(s) still running");
        }
        if (!left.isEmpty()) {
          leaks.add(
              "Kafka clients still open "
                  + GRACE.toSeconds()
                  + " s after the tests: "
                  + left
                  + "; threads in Kafka client code:\n"
                  + kafkaThreads());
        }
        AssertionError leak =
            leaks.isEmpty()
                ? null
                : new AssertionError(
                    description.getDisplayName() + " left " + String.join("; ", leaks));
        if (failure != null) {
          if (leak != null) {
            failure.addSuppressed(leak);
          }
          throw failure;
        }
        if (leak != null) {
          throw leak;
        }
      }
    };
  }

  private static Set<String> awaitClosed(Set<String> before) {
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (true) {
      Set<String> left = openClients();
      left.removeAll(before);
      if (left.isEmpty() || System.nanoTime() > deadline) {
        return left;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /** "consumer client-id", "producer client-id", "admin client-id" of the open clients. */
  static Set<String> openClients() {
    Set<String> clients = new TreeSet<>();
    try {
      for (ObjectName name :
          ManagementFactory.getPlatformMBeanServer()
              .queryNames(new ObjectName("kafka.*:type=app-info,*"), null)) {
        String kind = name.getDomain().substring("kafka.".length());
        String id = name.getKeyProperty("id");
        clients.add(kind + " " + (id == null ? name.getKeyPropertyListString() : id));
      }
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
    return clients;
  }

  private static String kafkaThreads() {
    StringBuilder threads = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : thread.getValue()) {
        if (frame.getClassName().startsWith("org.apache.kafka.clients.")
            || frame.getClassName().startsWith("org.apache.beam.sdk.io.kafka.")) {
          threads
              .append("  \"")
              .append(thread.getKey().getName())
              .append("\" at ")
              .append(frame)
              .append('\n');
          break;
        }
      }
    }
    return threads.toString();
  }
}
