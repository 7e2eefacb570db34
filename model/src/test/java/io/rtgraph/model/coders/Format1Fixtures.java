package io.rtgraph.model.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Properties;

/**
 * The bytes of format1-coder-fixtures.properties by name: what the coders of a release before
 * format tags wrote, as savepoints of that release hold it.
 */
final class Format1Fixtures {
  private static final Properties FIXTURES = load();

  private Format1Fixtures() {}

  static byte[] bytes(String name) {
    String base64 = FIXTURES.getProperty(name);
    if (base64 == null) {
      throw new IllegalStateException("no fixture " + name);
    }
    return Base64.getDecoder().decode(base64);
  }

  private static Properties load() {
    Properties fixtures = new Properties();
    try (InputStream in =
        Format1Fixtures.class.getResourceAsStream("format1-coder-fixtures.properties")) {
      fixtures.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fixtures;
  }
}
