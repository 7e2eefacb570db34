package io.rtgraph.tools.oracle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What PRODUCT.md says becomes of one source record: it goes to the graph (with its event and event
 * time), to the filter counter, or to the dead-letter topic (with the rule it breaks).
 *
 * @param event the record's JSON object; null for a dead letter
 * @param eventTimeMillis the event time in epoch milliseconds; meaningless for a dead letter
 * @param broken the input rule a dead letter breaks; null otherwise
 */
public record Verdict(Fate fate, JsonNode event, long eventTimeMillis, BrokenRule broken) {

  /** Where a record ends: every record ends in exactly one of these. */
  public enum Fate {
    GRAPH,
    FILTERED,
    DEAD_LETTER
  }

  /** The sentences of PRODUCT.md's "Bad input" section, one constant each. */
  public enum BrokenRule {
    TOO_LARGE,
    NOT_UTF8,
    NOT_A_JSON_OBJECT,
    MISSING_FIELD,
    WRONG_FIELD_TYPE,
    UNPARSEABLE_EVENT_TIME,
    VALUE_NOT_ALLOWED,
    EVENT_TIME_IN_FUTURE
  }

  static Verdict graph(JsonNode event, long eventTimeMillis) {
    return new Verdict(Fate.GRAPH, event, eventTimeMillis, null);
  }

  static Verdict filtered(JsonNode event, long eventTimeMillis) {
    return new Verdict(Fate.FILTERED, event, eventTimeMillis, null);
  }

  static Verdict deadLetter(BrokenRule broken) {
    return new Verdict(Fate.DEAD_LETTER, null, 0, broken);
  }
}
