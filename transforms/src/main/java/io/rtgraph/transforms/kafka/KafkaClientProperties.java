package io.rtgraph.transforms.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Kafka client settings file given by {@code --kafkaClientProperties} (SASL/SSL settings,
 * typically), applied to every consumer, producer and admin client.
 *
 * <p>Only the file's path travels with the pipeline: the file is read where a client is created, so
 * its secrets never enter the pipeline's options, display data, serialized graph or logs. The file
 * must therefore be readable at that path on every worker, as mounted secrets are. The settings the
 * pipeline depends on ({@link #PROTECTED}) cannot be overridden by the file.
 */
public final class KafkaClientProperties implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The broker every client reaches when none is named: the local one of the README's quick start.
   */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  /** Settings the pipeline's correctness rests on; the file may not change them. */
  static final Set<String> PROTECTED =
      Set.of(
          "key.deserializer",
          "value.deserializer",
          "key.serializer",
          "value.serializer",
          "enable.auto.commit",
          "group.id",
          "enable.idempotence",
          "acks",
          // The dead-letter size bound leaves room for lz4's growth on incompressible data, not
          // for snappy's, which can be several times larger.
          "compression.type");

  private final @Nullable String path;

  private KafkaClientProperties(@Nullable String path) {
    this.path = path;
  }

  /** Settings from this file; null or empty means none. */
  public static KafkaClientProperties fromFile(@Nullable String path) {
    return new KafkaClientProperties(path == null || path.isBlank() ? null : path);
  }

  public static KafkaClientProperties none() {
    return new KafkaClientProperties(null);
  }

  /** The path, for messages; never the contents. */
  public @Nullable String path() {
    return path;
  }

  /**
   * The given client config with the file's settings added on top, except the protected ones.
   *
   * @throws UncheckedIOException naming the file when it is missing or unreadable
   */
  public Map<String, Object> applyTo(Map<String, Object> config) {
    Map<String, Object> merged = new HashMap<>(config);
    if (path == null) {
      return merged;
    }
    Properties file = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      file.load(in);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("--kafkaClientProperties file " + path + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the --kafkaClientProperties file " + path, e);
    }
    for (String key : file.stringPropertyNames()) {
      if (!PROTECTED.contains(key)) {
        merged.put(key, file.getProperty(key));
      }
    }
    return merged;
  }

  /** Fails fast, at launch, when the file cannot be read. */
  public void check() {
    applyTo(Map.of());
  }

  @Override
  public String toString() {
    return path == null ? "no client properties file" : "client properties from " + path;
  }
}
