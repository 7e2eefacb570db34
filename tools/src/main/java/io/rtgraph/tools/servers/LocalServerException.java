package io.rtgraph.tools.servers;

import io.rtgraph.tools.cli.Flags;

/**
 * A local server could not be started, reached or stopped. Unchecked, so that test rules and {@code
 * finally} blocks stop servers without declaring it; the message says what to do and, for a server
 * that failed, holds the end of its logs.
 */
public final class LocalServerException extends Flags.ToolException {
  private static final long serialVersionUID = 1L;

  public LocalServerException(String message) {
    super(1, message);
  }

  public LocalServerException(String message, Throwable cause) {
    super(1, message, cause);
  }
}
