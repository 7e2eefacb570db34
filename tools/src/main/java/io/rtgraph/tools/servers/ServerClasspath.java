package io.rtgraph.tools.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a local server's class path, which Maven resolves into {@code
 * servers/<server>/target/classpath.txt}.
 *
 * <p>The servers run from their own class paths, not ours: they need other versions of libraries
 * (Jackson, logging, Scala or Pekko) than the tools and pipelines use.
 */
final class ServerClasspath {
  static final ServerClasspath KAFKA =
      new ServerClasspath("Kafka broker", "rtgraph.kafka.classpath", "servers/kafka");

  static final ServerClasspath FLINK =
      new ServerClasspath("Flink cluster", "rtgraph.flink.classpath", "servers/flink");

  /** In messages: "the Kafka broker class path". */
  private final String server;

  /** System property naming a classpath.txt file, for runs outside the source tree. */
  private final String property;

  private final String relativeFile;
  private final String buildHint;

  private ServerClasspath(String server, String property, String module) {
    this.server = server;
    this.property = property;
    this.relativeFile = module + "/target/classpath.txt";
    this.buildHint = "build it with: mvn -q install -pl " + module + " -am -DskipTests";
  }

  String property() {
    return property;
  }

  String relativeFile() {
    return relativeFile;
  }

  /** From the system property if set, else from the nearest source tree above the working dir. */
  String locate() {
    String value = System.getProperty(property);
    if (value != null && !value.isBlank()) {
      Path file = Path.of(value);
      if (!Files.isRegularFile(file)) {
        throw new LocalServerException(
            "-D" + property + " names " + file + ", which does not exist; " + buildHint, null);
      }
      return read(file);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(relativeFile);
      if (Files.isRegularFile(file)) {
        return read(file);
      }
    }
    throw new LocalServerException(
        "the "
            + server
            + " class path ("
            + relativeFile
            + ") was not found in "
            + start
            + " or above; "
            + buildHint
            + " (or point -D"
            + property
            + " at a classpath.txt)",
        null);
  }

  /** The class path in the file, checked so that a cleaned Maven repository fails here, clearly. */
  String read(Path file) {
    String classpath;
    try {
      classpath = Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + server + " class path file " + file, e);
    }
    if (classpath.isEmpty()) {
      throw new LocalServerException(
          "the " + server + " class path file " + file + " is empty; " + buildHint, null);
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!Files.exists(Path.of(entry))) {
        throw new LocalServerException(
            "the "
                + server
                + " class path in "
                + file
                + " names "
                + entry
                + ", which does not exist; "
                + buildHint,
            null);
      }
    }
    return classpath;
  }
}
