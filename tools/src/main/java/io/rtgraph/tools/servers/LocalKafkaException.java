package io.rtgraph.tools.servers;

/**
 * A local broker could not be started, reached or stopped. Unchecked so that test rules and
 * {@code finally} blocks can stop brokers without declaring exceptions; the message says what to
 * do about it and, for a broker that failed, carries the tail of its log.
 */
public final class LocalKafkaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LocalKafkaException(String message) {
    super(message);
  }

  public LocalKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
