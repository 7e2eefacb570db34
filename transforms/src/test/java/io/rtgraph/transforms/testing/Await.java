package io.rtgraph.transforms.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling; tests never sleep for a fixed time. */
public final class Await {
  private static final long POLL_NANOS = 100_000_000L;

  private Await() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** Waits until the condition holds, reporting the last observed state on timeout. */
  public static <T> T until(
      String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting until " + what + "; last seen: " + last);
      }
      LockSupport.parkNanos(POLL_NANOS);
      last = probe.get();
    }
    return last;
  }
}
