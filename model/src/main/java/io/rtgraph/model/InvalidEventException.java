package io.rtgraph.model;

/**
 * A source record that breaks one of the input rules. It is expected on bad input, so it carries no
 * stack trace: a flood of malformed records must not cost a stack walk each.
 */
public final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DeadLetterReason reason;

  public InvalidEventException(DeadLetterReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
