package io.rtgraph.model;

/**
 * Why a source record went to the dead-letter topic: one constant per rule in PRODUCT.md "Bad
 * input". The constant travels in the dead-letter record as {@code errorCode}, next to the
 * human-readable {@code error}, and names the counter that counts it.
 */
public enum DeadLetterReason {
  RECORD_TOO_LARGE,
  INVALID_UTF8,
  NOT_A_JSON_OBJECT,
  MISSING_FIELD,
  WRONG_FIELD_TYPE,
  INVALID_EVENT_TIME,
  INVALID_ACTION,
  EVENT_TIME_TOO_FAR_IN_FUTURE;

  /** The counter name, for example {@code dead_letter_missing_field}. */
  public String counterName() {
    return "dead_letter_" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
