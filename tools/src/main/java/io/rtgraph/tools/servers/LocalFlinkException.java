package io.rtgraph.tools.servers;

/**
 * A local Flink cluster could not be started, reached or stopped. Unchecked so that test rules and
 * {@code finally} blocks can stop clusters without declaring exceptions; the message says what to
 * do about it and, for a process that failed, carries the tail of its logs.
 */
public final class LocalFlinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LocalFlinkException(String message) {
    super(message);
  }

  public LocalFlinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
