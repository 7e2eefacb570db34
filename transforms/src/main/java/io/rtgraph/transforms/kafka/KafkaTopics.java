package io.rtgraph.transforms.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and creates the topics a topic pipeline needs, at launch, before anything runs.
 *
 * <p>The source topic must exist: creating it would hide a misspelt name behind a pipeline that
 * waits forever. The output topics (graph topics and the dead-letter topic) are created when
 * missing, each creation logged, unless creation is turned off, in which case the launch fails
 * naming every missing topic.
 */
public final class KafkaTopics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
  private static final long TIMEOUT_SECONDS = 60;

  private final Admin admin;
  private final String bootstrapServers;

  private KafkaTopics(Admin admin, String bootstrapServers) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
  }

  public static KafkaTopics connect(
      String bootstrapServers, KafkaClientProperties clientProperties) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    return new KafkaTopics(Admin.create(clientProperties.applyTo(config)), bootstrapServers);
  }

  public Set<String> existing() {
    try {
      return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot list the topics of the Kafka cluster at "
              + bootstrapServers
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Fails, naming the topic and the cluster, when the source topic does not exist. */
  public void requireSource(String topic) {
    if (!existing().contains(topic)) {
      throw new IllegalStateException(
          "source topic '"
              + topic
              + "' does not exist on "
              + bootstrapServers
              + "; create it, or point --bootstrapServers/--inputTopic at the right one");
    }
  }

  /**
   * Creates the missing topics with the given partitions and per-topic configs, or, when {@code
   * create} is false, fails naming all of them.
   */
  public void ensure(
      List<String> topics, int partitions, Map<String, String> configs, boolean create) {
    Set<String> existing = existing();
    List<String> missing = new ArrayList<>();
    for (String topic : topics) {
      if (!existing.contains(topic)) {
        missing.add(topic);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    if (!create) {
      throw new IllegalStateException(
          "output topics missing on "
              + bootstrapServers
              + ": "
              + missing
              + "; create them or launch with --createTopics=true");
    }
    List<NewTopic> newTopics = new ArrayList<>();
    for (String topic : missing) {
      newTopics.add(
          new NewTopic(topic, java.util.Optional.of(partitions), java.util.Optional.empty())
              .configs(configs));
    }
    try {
      admin.createTopics(newTopics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) { // another pipeline created it first
        throw new IllegalStateException(
            "cannot create topics " + missing + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topics " + missing, e);
    }
    awaitLeaders(missing);
    LOG.info(
        "Created {} missing Kafka topics on {} with {} partitions: {}",
        missing.size(),
        bootstrapServers,
        partitions,
        missing);
  }

  /**
   * Fails, naming each offending topic, when a topic's effective {@code cleanup.policy} includes
   * {@code compact}. Compaction keeps only the last record per key: right for a full-state
   * changelog, wrong for a topic of deltas, from which a consumer would rebuild a different state.
   */
  public void requireNoCompaction(List<String> topics, String why) {
    List<String> compacted = new ArrayList<>();
    for (Map.Entry<String, Config> topic : configs(topics).entrySet()) {
      ConfigEntry policy = topic.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG);
      if (policy != null
          && policy.value() != null
          && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        compacted.add(topic.getKey() + " (cleanup.policy=" + policy.value() + ")");
      }
    }
    if (!compacted.isEmpty()) {
      throw new IllegalStateException(
          "topics on "
              + bootstrapServers
              + " are compacted: "
              + compacted
              + "; "
              + why
              + ". Set cleanup.policy=delete on them (kafka-configs.sh --alter --entity-type topics"
              + " --entity-name <topic> --add-config cleanup.policy=delete) or use other topics");
    }
  }

  /** The topic's effective {@code max.message.bytes}: the largest record batch it accepts. */
  public int maxMessageBytes(String topic) {
    ConfigEntry entry =
        configs(List.of(topic)).get(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
    if (entry == null || entry.value() == null) {
      throw new IllegalStateException(
          "topic '"
              + topic
              + "' on "
              + bootstrapServers
              + " does not report its max.message.bytes");
    }
    return Integer.parseInt(entry.value());
  }

  private Map<String, Config> configs(List<String> topics) {
    List<ConfigResource> resources = new ArrayList<>();
    for (String topic : topics) {
      resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
    }
    try {
      Map<String, Config> byTopic = new java.util.TreeMap<>();
      admin
          .describeConfigs(resources)
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .forEach((resource, config) -> byTopic.put(resource.name(), config));
      return byTopic;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while reading the configs of topics " + topics, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot read the configs of topics "
              + topics
              + " on "
              + bootstrapServers
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Waits until every partition of the new topics has a leader, so that writes do not race it. */
  private void awaitLeaders(List<String> topics) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        boolean ready =
            admin
                .describeTopics(topics)
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .values()
                .stream()
                .allMatch(
                    d ->
                        d.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        if (ready) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // not visible yet: retry until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic leaders", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the new topics " + topics + " have no leader after " + TIMEOUT_SECONDS + "s");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
