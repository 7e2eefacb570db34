package io.rtgraph.tools.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The members behind the events: accounts with several profiles and devices each, and a skewed
 * (Zipf-like) activity, so that a few accounts produce most events as on a real service.
 *
 * <p>Each account is kept as a few bytes (its country, its number of profiles and the types of its
 * devices) and its ids are made when it is picked, so that a population of millions of accounts
 * fits in memory and is built in well under a second.
 */
final class Population {
  static final String[] DEVICE_TYPES = {"phone", "tablet", "smart_tv", "browser", "console"};
  private static final String[] COUNTRIES = {
    "US", "BR", "GB", "NL", "DE", "JP", "IN", "MX", "KR", "FR"
  };
  private static final int MAX_DEVICES = 4;

  /** One account, its profiles and its devices. */
  static final class Account {
    final String accountId;
    final String country;
    final List<String> profileIds = new ArrayList<>();
    final List<String> deviceIds = new ArrayList<>();
    final List<String> deviceTypes = new ArrayList<>();

    Account(String accountId, String country) {
      this.accountId = accountId;
      this.country = country;
    }
  }

  private final Account only;
  private final byte[] countries;
  private final byte[] profileCounts;

  /** Per account, {@link #MAX_DEVICES} slots: a device type index, or -1 past its last device. */
  private final byte[] deviceTypes;

  /** Null for uniform activity (a skew of 0). */
  private final double[] cumulativeWeights;

  private final int size;

  /**
   * {@code size} accounts whose activity follows a Zipf law of exponent {@code skew}: the default
   * 1.1 makes a few accounts produce most events; 0 makes every account equally likely.
   */
  Population(int size, double skew, Random random) {
    this.only = null;
    this.size = size;
    countries = new byte[size];
    profileCounts = new byte[size];
    deviceTypes = new byte[size * MAX_DEVICES];
    java.util.Arrays.fill(deviceTypes, (byte) -1);
    cumulativeWeights = skew == 0 ? null : new double[size];
    double total = 0;
    for (int i = 0; i < size; i++) {
      // The same draws, in the same order, as when every account was built up front: the same
      // seed still gives the same events.
      countries[i] = (byte) random.nextInt(COUNTRIES.length);
      profileCounts[i] = (byte) (1 + random.nextInt(4));
      int devices = 1 + random.nextInt(MAX_DEVICES);
      for (int d = 0; d < devices; d++) {
        deviceTypes[i * MAX_DEVICES + d] = (byte) random.nextInt(DEVICE_TYPES.length);
      }
      if (cumulativeWeights != null) {
        total += 1.0 / Math.pow(i + 1, skew);
        cumulativeWeights[i] = total;
      }
    }
    if (cumulativeWeights != null) {
      for (int i = 0; i < size; i++) {
        cumulativeWeights[i] /= total;
      }
    }
  }

  private Population(Account only) {
    this.only = only;
    this.size = 1;
    countries = null;
    profileCounts = null;
    deviceTypes = null;
    cumulativeWeights = null;
  }

  /** One account with one profile and one device: the example member on one of its devices. */
  static Population single(String accountId, String profileId, String deviceId, String deviceType) {
    Account account = new Account(accountId, "US");
    account.profileIds.add(profileId);
    account.deviceIds.add(deviceId);
    account.deviceTypes.add(deviceType);
    return new Population(account);
  }

  /** An account drawn with the population's activity: with a skew, low numbers are the busiest. */
  Account pick(Random random) {
    double u = random.nextDouble();
    if (only != null) {
      return only;
    }
    if (cumulativeWeights == null) {
      return account(Math.min(size - 1, (int) (u * size)));
    }
    int low = 0;
    int high = cumulativeWeights.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulativeWeights[mid] < u) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return account(low);
  }

  private Account account(int index) {
    int number = index + 1;
    Account account = new Account(String.format("acct-%05d", number), COUNTRIES[countries[index]]);
    for (int p = 1; p <= profileCounts[index]; p++) {
      account.profileIds.add(String.format("prof-%05d-%d", number, p));
    }
    for (int d = 0; d < MAX_DEVICES && deviceTypes[index * MAX_DEVICES + d] >= 0; d++) {
      account.deviceIds.add(String.format("dev-%05d-%d", number, d + 1));
      account.deviceTypes.add(DEVICE_TYPES[deviceTypes[index * MAX_DEVICES + d]]);
    }
    return account;
  }
}
