package io.rtgraph.tools.servers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import io.rtgraph.tools.cli.Flags.ToolException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;

/** Real brokers in child JVMs: what clients can do with them, and what survives their restarts. */
public class LocalKafkaIT {
  /** How long a result may take to show up before the test fails. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final TemporaryFolder folder = new TemporaryFolder();
  private final StartedServers servers = new StartedServers();

  /** The servers stop before their data directories are deleted. */
  @Rule public final RuleChain rules = RuleChain.outerRule(folder).around(servers);

  @Test
  public void plaintextBrokerKeepsTopicsAndRecordsAcrossStopKillAndRestart() throws Exception {
    LocalKafka kafka = started(LocalKafka.builder().dataDir(folder.newFolder("kafka").toPath()));
    assertThat(kafka.clientProperties().isEmpty(), is(true));
    assertThat(load(kafka.clientPropertiesFile()).isEmpty(), is(true));
    assertThat(
        read(kafka.dataDir().resolve("bootstrap.servers")), equalTo(kafka.bootstrapServers()));
    assertThat(read(kafka.dataDir().resolve("broker.pid")), equalTo(Long.toString(kafka.pid())));

    createTopic(kafka, kafka.clientProperties(), "it.records");
    produce(kafka, kafka.clientProperties(), "it.records", List.of("a", "b", "c"));
    assertThat(consume(kafka, kafka.clientProperties(), "it.records", 3), contains("a", "b", "c"));

    long firstPid = kafka.pid();
    String bootstrapServers = kafka.bootstrapServers();
    kafka.stop();
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), is(false));
    assertThat(Files.exists(kafka.dataDir().resolve("broker.pid")), is(false));
    assertThat(kafka.isRunning(), is(false));
    kafka.stop();

    kafka.restart();
    assertThat(kafka.pid(), not(equalTo(firstPid)));
    assertThat(kafka.bootstrapServers(), equalTo(bootstrapServers));
    assertThat(topics(kafka), hasItem("it.records"));
    assertThat(consume(kafka, kafka.clientProperties(), "it.records", 3), contains("a", "b", "c"));

    // A crash (kill -9): acknowledged records survive the unclean shutdown as well.
    produce(kafka, kafka.clientProperties(), "it.records", List.of("d"));
    long killedPid = kafka.pid();
    kafka.kill();
    assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false), is(false));
    kafka.restart();
    assertThat(
        consume(kafka, kafka.clientProperties(), "it.records", 4), contains("a", "b", "c", "d"));

    // Records above the 1 MiB broker default fit (dead letters carry whole oversized inputs).
    String large = "x".repeat(2 * 1024 * 1024);
    createTopic(kafka, kafka.clientProperties(), "it.large");
    produce(kafka, kafka.clientProperties(), "it.large", List.of(large));
    assertThat(consume(kafka, kafka.clientProperties(), "it.large", 1), contains(large));

    // The data directory holds a running broker: a second one from it is refused.
    ToolException twice =
        assertThrows(
            ToolException.class, () -> started(LocalKafka.builder().dataDir(kafka.dataDir())));
    assertThat(twice.getMessage(), containsString("already running"));
  }

  @Test
  public void saslSslBrokerServesOnlyAuthenticatedTlsClients() throws Exception {
    LocalKafka kafka =
        started(LocalKafka.builder().dataDir(folder.newFolder("kafka").toPath()).saslSsl(true));
    Properties client = kafka.clientProperties();
    assertThat(client.getProperty("security.protocol"), equalTo("SASL_SSL"));
    assertThat(client.getProperty("sasl.mechanism"), equalTo("SCRAM-SHA-512"));
    assertThat(client.getProperty("sasl.jaas.config"), containsString(kafka.clientPassword()));
    Properties fromFile = load(kafka.clientPropertiesFile());
    assertThat(fromFile, equalTo(client));

    createTopic(kafka, client, "it.secure");
    produce(kafka, client, "it.secure", List.of("a", "b", "c"));
    assertThat(consume(kafka, fromFile, "it.secure", 3), contains("a", "b", "c"));

    Properties wrongPassword = kafka.clientProperties();
    wrongPassword.setProperty(
        "sasl.jaas.config",
        client
            .getProperty("sasl.jaas.config")
            .replace(kafka.clientPassword(), "wrong-" + UUID.randomUUID()));
    assertThat(
        describeClusterFailure(kafka, wrongPassword),
        instanceOf(SaslAuthenticationException.class));

    // No plaintext listener: a plaintext client gets no answer at all, only a timeout.
    assertThat(describeClusterFailure(kafka, new Properties()), instanceOf(TimeoutException.class));

    assertStoresOpenWithTheirPasswords(kafka);

    // The data directory keeps its mode: SCRAM users and certificates belong to it.
    kafka.stop();
    ToolException plaintext =
        assertThrows(
            ToolException.class, () -> started(LocalKafka.builder().dataDir(kafka.dataDir())));
    assertThat(plaintext.getMessage(), containsString("holds a SASL_SSL broker"));
  }

  private LocalKafka started(LocalKafka.Builder builder) {
    return servers.start(builder::start);
  }

  private static void assertStoresOpenWithTheirPasswords(LocalKafka kafka) throws Exception {
    KeyStore keystore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(kafka.dataDir().resolve("broker.keystore.p12"))) {
      keystore.load(in, kafka.keystorePassword().toCharArray());
    }
    KeyStore truststore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(kafka.dataDir().resolve("client.truststore.p12"))) {
      truststore.load(in, kafka.truststorePassword().toCharArray());
    }
    X509Certificate certificate = (X509Certificate) truststore.getCertificate("broker");
    assertThat(certificate.getSubjectAlternativeNames().toString(), containsString("127.0.0.1"));
    assertThat(keystore.getCertificate("broker"), equalTo(certificate));
  }

  private static void createTopic(LocalKafka kafka, Properties security, String topic)
      throws Exception {
    try (Admin admin = Admin.create(config(kafka, security))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static Set<String> topics(LocalKafka kafka) throws Exception {
    try (Admin admin = Admin.create(config(kafka, kafka.clientProperties()))) {
      return admin.listTopics().names().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static void produce(
      LocalKafka kafka, Properties security, String topic, List<String> values) throws Exception {
    Properties config = config(kafka, security);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer
            .send(new ProducerRecord<>(topic, value))
            .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  /** The topic's values from the beginning, polled until there are {@code count} or time is up. */
  private static List<String> consume(
      LocalKafka kafka, Properties security, String topic, int count) {
    Properties config = config(kafka, security);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  /** What a describeCluster with these settings fails with; fails the test if it succeeds. */
  private static Throwable describeClusterFailure(LocalKafka kafka, Properties security)
      throws Exception {
    Properties config = config(kafka, security);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6000);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    fail(
        "a client with "
            + security.getProperty("security.protocol", "PLAINTEXT")
            + " settings reached the broker at "
            + kafka.bootstrapServers());
    return null;
  }

  private static Properties config(LocalKafka kafka, Properties security) {
    Properties config = new Properties();
    config.putAll(security);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return config;
  }

  private static Properties load(Path file) throws Exception {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    return properties;
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file).trim();
  }
}
