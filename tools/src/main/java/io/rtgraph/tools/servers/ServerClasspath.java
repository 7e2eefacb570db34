package io.rtgraph.tools.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local server's class path, which Maven resolves into {@code servers/<server>/target/
 * classpath.txt}, or the file a system property names, for runs outside the source tree.
 *
 * <p>The servers run from their own class paths, not ours: they need other versions of libraries
 * (Jackson, logging, Scala or Pekko) than the tools and pipelines use.
 */
record ServerClasspath(String server, String property, String module) {
  static final ServerClasspath KAFKA =
      new ServerClasspath("Kafka broker", "rtgraph.kafka.classpath", "servers/kafka");
  static final ServerClasspath FLINK =
      new ServerClasspath("Flink cluster", "rtgraph.flink.classpath", "servers/flink");

  String relativeFile() {
    return module + "/target/classpath.txt";
  }

  /** From the system property if set, else from the nearest source tree above the working dir. */
  String locate() {
    String value = System.getProperty(property);
    if (value != null && !value.isBlank()) {
      return read(Path.of(value));
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relativeFile()))) {
        return read(dir.resolve(relativeFile()));
      }
    }
    throw failure(
        "(%s) was not found in %s or above".formatted(relativeFile(), start),
        " (or point -D" + property + " at a classpath.txt)");
  }

  /** The class path in the file, checked so that a cleaned Maven repository fails here, clearly. */
  String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw failure("file " + file + " does not exist", "");
    }
    String classpath;
    try {
      classpath = Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + server + " class path file " + file, e);
    }
    if (classpath.isEmpty()) {
      throw failure("file " + file + " is empty", "");
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!Files.exists(Path.of(entry))) {
        throw failure("in %s names %s, which does not exist".formatted(file, entry), "");
      }
    }
    return classpath;
  }

  private LocalServerException failure(String problem, String alternative) {
    return new LocalServerException(
        "the %s class path %s; build it with: mvn -q install -pl %s -am -DskipTests%s"
            .formatted(server, problem, module, alternative));
  }
}
