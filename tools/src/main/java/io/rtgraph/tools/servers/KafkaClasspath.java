package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the broker's class path, which Maven resolves into {@code
 * servers/kafka/target/classpath.txt}.
 *
 * <p>The broker runs from its own class path, not ours: it needs other versions of libraries
 * (Jackson, logging) than the tools and pipelines use.
 */
final class KafkaClasspath {
  /** System property naming a classpath.txt file, for runs outside the source tree. */
  static final String PROPERTY = "rtgraph.kafka.classpath";

  static final String RELATIVE_FILE = "servers/kafka/target/classpath.txt";

  private static final String BUILD_HINT =
      "build it with: mvn -q install -pl servers/kafka -am -DskipTests";

  private KafkaClasspath() {}

  /** From the system property if set, else from the nearest source tree above the working dir. */
  static String locate() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      Path file = Path.of(property);
      if (!Files.isRegularFile(file)) {
        throw new LocalKafkaException(
            "-D" + PROPERTY + " names " + file + ", which does not exist; " + BUILD_HINT);
      }
      return read(file);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(RELATIVE_FILE);
      if (Files.isRegularFile(file)) {
        return read(file);
      }
    }
    throw new LocalKafkaException(
        "the Kafka broker class path (" + RELATIVE_FILE + ") was not found in " + start
            + " or above; " + BUILD_HINT + " (or point -D" + PROPERTY + " at a classpath.txt)");
  }

  /** The class path in the file, checked so that a cleaned Maven repository fails here, clearly. */
  static String read(Path file) {
    String classpath;
    try {
      classpath = Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kafka broker class path file " + file, e);
    }
    if (classpath.isEmpty()) {
      throw new LocalKafkaException(
          "the Kafka broker class path file " + file + " is empty; " + BUILD_HINT);
    }
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      if (!Files.exists(Path.of(entry))) {
        throw new LocalKafkaException(
            "the Kafka broker class path in " + file + " names " + entry
                + ", which does not exist; " + BUILD_HINT);
      }
    }
    return classpath;
  }
}
