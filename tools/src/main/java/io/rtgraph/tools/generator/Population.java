package io.rtgraph.tools.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The members behind the events: accounts with several profiles and devices each, and a skewed
 * (Zipf-like) activity, so that a few accounts produce most events as on a real service.
 */
final class Population {
  static final String[] DEVICE_TYPES = {"phone", "tablet", "smart_tv", "browser", "console"};
  private static final String[] COUNTRIES = {
    "US", "BR", "GB", "NL", "DE", "JP", "IN", "MX", "KR", "FR"
  };
  private static final double ZIPF_EXPONENT = 1.1;

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

  private final List<Account> accounts = new ArrayList<>();
  private final double[] cumulativeWeights;

  Population(int size, Random random) {
    cumulativeWeights = new double[size];
    double total = 0;
    for (int i = 0; i < size; i++) {
      Account account =
          new Account(
              String.format("acct-%05d", i + 1), COUNTRIES[random.nextInt(COUNTRIES.length)]);
      int profiles = 1 + random.nextInt(4);
      for (int p = 1; p <= profiles; p++) {
        account.profileIds.add(String.format("prof-%05d-%d", i + 1, p));
      }
      int devices = 1 + random.nextInt(4);
      for (int d = 1; d <= devices; d++) {
        account.deviceIds.add(String.format("dev-%05d-%d", i + 1, d));
        account.deviceTypes.add(DEVICE_TYPES[random.nextInt(DEVICE_TYPES.length)]);
      }
      accounts.add(account);
      total += 1.0 / Math.pow(i + 1, ZIPF_EXPONENT);
      cumulativeWeights[i] = total;
    }
    for (int i = 0; i < size; i++) {
      cumulativeWeights[i] /= total;
    }
  }

  private Population(Account only) {
    accounts.add(only);
    cumulativeWeights = new double[] {1.0};
  }

  /** One account with one profile and one device: the example member on one of its devices. */
  static Population single(String accountId, String profileId, String deviceId, String deviceType) {
    Account account = new Account(accountId, "US");
    account.profileIds.add(profileId);
    account.deviceIds.add(deviceId);
    account.deviceTypes.add(deviceType);
    return new Population(account);
  }

  /** An account drawn with Zipf-skewed activity: low numbers are the busiest members. */
  Account pick(Random random) {
    double u = random.nextDouble();
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
    return accounts.get(low);
  }
}
