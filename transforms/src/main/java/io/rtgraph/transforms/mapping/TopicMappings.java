package io.rtgraph.transforms.mapping;

import io.rtgraph.model.SourceTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Finds a topic's mapping: the file a flag names, else the one shipped in the jar for that topic (a
 * copy of {@code runner-configs/topics/<topic>.mapping.yaml}, made at build time).
 */
public final class TopicMappings {
  /** Where the jar holds the shipped mapping files. */
  public static final String RESOURCE_DIRECTORY = "/io/rtgraph/topics/";

  private static final Map<String, CompiledMapping> SHIPPED = new ConcurrentHashMap<>();

  private TopicMappings() {}

  /** The mapping shipped for this topic, read and compiled once per JVM. */
  public static CompiledMapping shipped(SourceTopic topic) {
    return SHIPPED.computeIfAbsent(topic.topicName(), TopicMappings::loadShipped);
  }

  /**
   * The mapping in {@code file} when given, else the shipped one of {@code topic}; when both are
   * given they must agree on the topic.
   */
  public static CompiledMapping resolve(@Nullable SourceTopic topic, @Nullable String file) {
    if (file == null || file.isEmpty()) {
      if (topic == null) {
        throw new IllegalArgumentException(
            "--topicMapping: no mapping file given and no topic to find a shipped one for");
      }
      return shipped(topic);
    }
    CompiledMapping mapping = CompiledMapping.of(MappingLoader.load(Path.of(file)));
    if (topic != null && !mapping.topic().equals(topic.topicName())) {
      throw new IllegalArgumentException(
          "--topicMapping="
              + file
              + " maps topic '"
              + mapping.topic()
              + "', not "
              + topic.topicName());
    }
    return mapping;
  }

  private static CompiledMapping loadShipped(String topic) {
    String resource = RESOURCE_DIRECTORY + topic + ".mapping.yaml";
    try (InputStream in = TopicMappings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no mapping shipped for topic '"
                + topic
                + "' (looked for "
                + resource
                + "): add runner-configs/topics/"
                + topic
                + ".mapping.yaml, or name a file with --topicMapping");
      }
      TopicMapping mapping =
          MappingLoader.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!mapping.topic().equals(topic)) {
        throw new IllegalArgumentException(
            resource + " maps topic '" + mapping.topic() + "', not " + topic);
      }
      return CompiledMapping.of(mapping);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
