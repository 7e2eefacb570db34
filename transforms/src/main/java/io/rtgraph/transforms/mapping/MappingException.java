package io.rtgraph.transforms.mapping;

import java.util.List;

/**
 * A mapping file that cannot run, with every fault found as {@code file:line: what is wrong}. It is
 * an {@link IllegalArgumentException} so that a launcher refuses to start and prints the message,
 * as it does for a bad flag.
 */
public final class MappingException extends IllegalArgumentException {
  private final List<String> problems;

  MappingException(String source, List<String> problems) {
    super("bad topic mapping " + source + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each fault as {@code file:line: message}. */
  public List<String> problems() {
    return problems;
  }
}
