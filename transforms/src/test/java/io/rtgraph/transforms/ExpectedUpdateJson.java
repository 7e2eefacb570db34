package io.rtgraph.transforms;

/**
 * Graph updates written out by hand as the wire JSON of PRODUCT.md, so that a test's expectation
 * reads like the contract and does not come from the code that writes updates.
 */
final class ExpectedUpdateJson {
  private ExpectedUpdateJson() {}

  static String node(
      String type,
      String id,
      String properties,
      String times,
      String firstSeen,
      String lastSeen,
      String topic) {
    return "{\"element\":\"node\",\"type\":\""
        + type
        + "\",\"id\":\""
        + id
        + "\""
        + rest(properties, times, firstSeen, lastSeen, topic);
  }

  static String edge(
      String type,
      String src,
      String dst,
      String properties,
      String times,
      String firstSeen,
      String lastSeen,
      String topic) {
    return "{\"element\":\"edge\",\"type\":\""
        + type
        + "\",\"id\":\""
        + type
        + ":"
        + src
        + "->"
        + dst
        + "\",\"src\":\""
        + src
        + "\",\"dst\":\""
        + dst
        + "\""
        + rest(properties, times, firstSeen, lastSeen, topic);
  }

  private static String rest(
      String properties, String times, String firstSeen, String lastSeen, String topic) {
    return ",\"properties\":"
        + properties
        + ",\"propertyTimes\":"
        + times
        + ",\"firstSeen\":\""
        + firstSeen
        + "\",\"lastSeen\":\""
        + lastSeen
        + "\",\"sourceTopic\":\""
        + topic
        + "\"}";
  }
}
