package io.rtgraph.tools.generator;

import org.joda.time.Instant;

/**
 * The generator settings the tests share: a fixed end instead of now, so that the same seed makes
 * the same records in every run.
 */
public final class PinnedConfigs {
  public static final Instant END = Instant.parse("2026-11-27T10:00:00Z");

  private PinnedConfigs() {}

  /**
   * {@code eventsPerTopic} base events per topic from {@code accounts} accounts, up to {@link
   * #END}.
   */
  public static GeneratorConfig.Builder of(int eventsPerTopic, int accounts) {
    return GeneratorConfig.builder()
        .setEnd(END)
        .setEventsPerTopic(eventsPerTopic)
        .setAccounts(accounts);
  }

  /** The same with one record in twenty malformed, the oversized ones of {@code oversizedBytes}. */
  public static GeneratorConfig withMalformed(
      int eventsPerTopic, int accounts, int oversizedBytes) {
    return of(eventsPerTopic, accounts)
        .setMalformedShare(0.05)
        .setOversizedBytes(oversizedBytes)
        .build();
  }
}
