package io.rtgraph.tools.generator;

import com.google.auto.value.AutoValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The knobs of one generation run. The defaults give realistic traffic with a little of every kind
 * of trouble; every share is a fraction of the topic's base events.
 */
@AutoValue
public abstract class GeneratorConfig {
  /**
   * The defaults of the settings {@code scripts/generate-events.sh} has a flag for: the builder
   * starts from them and the flags show them, so the two cannot drift apart.
   */
  public static final long DEFAULT_SEED = 42;

  public static final int DEFAULT_ACCOUNTS = 500;
  public static final double DEFAULT_ACCOUNT_SKEW = 1.1;
  public static final int DEFAULT_EVENTS_PER_TOPIC = 5_000;
  public static final long DEFAULT_SPAN_SECONDS = 10 * 60;

  /** One byte over the pipelines' default {@code --maxRecordBytes}. */
  public static final int DEFAULT_OVERSIZED_BYTES = 1024 * 1024 + 1;

  public static final boolean DEFAULT_CROSS_DEVICE_EXAMPLE = true;

  public abstract long seed();

  public abstract int accounts();

  /**
   * The exponent of the Zipf law the accounts' activity follows: the default 1.1 makes a few
   * accounts produce most events (20,000 accounts and 2,000,000 events touch nearly all of them,
   * but 2,000,000 accounts only about 260,000); 0 makes every account equally likely.
   */
  public abstract double accountSkew();

  public abstract int eventsPerTopic();

  /**
   * The latest event time (by default the builder's creation, to the second); events spread over
   * {@link #span()} before it.
   */
  public abstract Instant end();

  public abstract Duration span();

  public abstract double heartbeatShare();

  public abstract double testTrafficShare();

  /** The share of logins that fail (and are filtered). */
  public abstract double failedLoginShare();

  /** Records delivered a second time, later in the topic. */
  public abstract double redeliveryShare();

  /** Records whose event time lies up to {@link #maxDisorder()} before their neighbours'. */
  public abstract double outOfOrderShare();

  public abstract Duration maxDisorder();

  /**
   * Records that arrive {@link #lateness()} (to twice that) after their event time's neighbours.
   */
  public abstract double lateShare();

  public abstract Duration lateness();

  /** Records that break an input rule, cycling through every dead-letter reason. */
  public abstract double malformedShare();

  /** The size of the oversized malformed records; 0 leaves them out. */
  public abstract int oversizedBytes();

  /** Events that name a title, game or live event absent from the catalogs. */
  public abstract double catalogMissShare();

  /** Whether to include the member who watches on a phone, then a TV, then plays the game. */
  public abstract boolean crossDeviceExample();

  public abstract Builder toBuilder();

  public static Builder builder() {
    return new AutoValue_GeneratorConfig.Builder()
        .setSeed(DEFAULT_SEED)
        .setAccounts(DEFAULT_ACCOUNTS)
        .setAccountSkew(DEFAULT_ACCOUNT_SKEW)
        .setEventsPerTopic(DEFAULT_EVENTS_PER_TOPIC)
        .setEnd(new Instant((System.currentTimeMillis() / 1000) * 1000))
        .setSpan(Duration.standardSeconds(DEFAULT_SPAN_SECONDS))
        .setHeartbeatShare(0.15)
        .setTestTrafficShare(0.02)
        .setFailedLoginShare(0.10)
        .setRedeliveryShare(0.03)
        .setOutOfOrderShare(0.10)
        .setMaxDisorder(Duration.standardSeconds(5))
        .setLateShare(0.01)
        .setLateness(Duration.standardMinutes(2))
        .setMalformedShare(0.02)
        .setOversizedBytes(DEFAULT_OVERSIZED_BYTES)
        .setCatalogMissShare(0.03)
        .setCrossDeviceExample(DEFAULT_CROSS_DEVICE_EXAMPLE);
  }

  /**
   * Refuses a population without accounts; the message names the setting or flag {@code name}. The
   * bench checks its own {@code --accounts} with it.
   */
  public static int checkAccounts(String name, int accounts) {
    if (accounts < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + accounts);
    }
    return accounts;
  }

  /** Refuses a negative (or NaN) Zipf exponent; the message names {@code name}. */
  public static double checkAccountSkew(String name, double skew) {
    if (!(skew >= 0)) {
      throw new IllegalArgumentException(name + " must be 0 (uniform) or more, not " + skew);
    }
    return skew;
  }

  /** Builds a configuration; shares are fractions between 0 and 1. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setSeed(long seed);

    public abstract Builder setAccounts(int accounts);

    public abstract Builder setAccountSkew(double skew);

    public abstract Builder setEventsPerTopic(int events);

    public abstract Builder setEnd(Instant end);

    public abstract Builder setSpan(Duration span);

    public abstract Builder setHeartbeatShare(double share);

    public abstract Builder setTestTrafficShare(double share);

    public abstract Builder setFailedLoginShare(double share);

    public abstract Builder setRedeliveryShare(double share);

    public abstract Builder setOutOfOrderShare(double share);

    public abstract Builder setMaxDisorder(Duration maxDisorder);

    public abstract Builder setLateShare(double share);

    public abstract Builder setLateness(Duration lateness);

    public abstract Builder setMalformedShare(double share);

    public abstract Builder setOversizedBytes(int bytes);

    public abstract Builder setCatalogMissShare(double share);

    public abstract Builder setCrossDeviceExample(boolean include);

    abstract GeneratorConfig autoBuild();

    public GeneratorConfig build() {
      GeneratorConfig config = autoBuild();
      check("heartbeatShare", config.heartbeatShare());
      check("testTrafficShare", config.testTrafficShare());
      check("failedLoginShare", config.failedLoginShare());
      check("redeliveryShare", config.redeliveryShare());
      check("outOfOrderShare", config.outOfOrderShare());
      check("lateShare", config.lateShare());
      check("malformedShare", config.malformedShare());
      check("catalogMissShare", config.catalogMissShare());
      checkAccountSkew("accountSkew", config.accountSkew());
      checkAccounts("accounts", config.accounts());
      if (config.eventsPerTopic() < 0) {
        throw new IllegalArgumentException(
            "eventsPerTopic must not be negative, not " + config.eventsPerTopic());
      }
      return config;
    }

    private static void check(String name, double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(name + " must be between 0 and 1, not " + share);
      }
    }
  }
}
