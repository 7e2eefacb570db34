package io.rtgraph.tools.servers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BrokerConfigTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();
  private static final Path DIR = Path.of("/tmp/local-kafka-test");

  @Test
  public void plaintextBrokerListensOnLoopbackOnlyAndCreatesNoTopicsImplicitly() throws Exception {
    BrokerConfig state = BrokerConfig.create(DIR, false);
    Properties server = parse(state.serverProperties());

    assertThat(
        server.getProperty("listeners"),
        equalTo(
            "PLAINTEXT://127.0.0.1:"
                + state.clientPort()
                + ",CONTROLLER://127.0.0.1:"
                + state.controllerPort()));
    assertThat(
        server.getProperty("advertised.listeners"),
        equalTo("PLAINTEXT://127.0.0.1:" + state.clientPort()));
    assertThat(server.getProperty("auto.create.topics.enable"), equalTo("false"));
    assertThat(server.getProperty("message.max.bytes"), equalTo(Integer.toString(8 << 20)));
    assertThat(server.getProperty("replica.fetch.max.bytes"), equalTo(Integer.toString(8 << 20)));
    assertThat(server.getProperty("log.dirs"), equalTo("/tmp/local-kafka-test/data"));
    assertThat(state.clientProperties("u", "p").isEmpty(), is(true));
  }

  @Test
  public void saslSslBrokerHasNoPlaintextClientListener() throws Exception {
    BrokerConfig state = BrokerConfig.create(DIR, true);
    BrokerConfig config = state;
    Properties server = parse(config.serverProperties());

    assertThat(
        server.getProperty("listeners"),
        equalTo(
            "SASL_SSL://127.0.0.1:"
                + state.clientPort()
                + ",CONTROLLER://127.0.0.1:"
                + state.controllerPort()));
    assertThat(
        server.getProperty("listener.security.protocol.map"),
        equalTo("SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT"));
    assertThat(server.getProperty("inter.broker.listener.name"), equalTo("SASL_SSL"));
    assertThat(
        server.getProperty("sasl.mechanism.inter.broker.protocol"), equalTo("SCRAM-SHA-512"));
    assertThat(
        server.getProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"),
        containsString("username=\"admin\" password=\"" + state.adminPassword() + "\""));
    assertThat(
        config.formatArguments(),
        hasItem("SCRAM-SHA-512=[name=rtgraph,password=" + state.clientPassword() + "]"));
  }

  @Test
  public void clientPropertiesFileIsVerbatimAndReadsBack() throws Exception {
    BrokerConfig state = BrokerConfig.create(DIR, true);
    String file = state.clientPropertiesFile(BrokerConfig.CLIENT_USER, state.clientPassword());

    assertThat(
        file,
        containsString(
            "\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"rtgraph\" password=\""
                + state.clientPassword()
                + "\";\n"));
    Properties client = parse(file);
    assertThat(client.size(), equalTo(6));
    assertThat(client.getProperty("security.protocol"), equalTo("SASL_SSL"));
    assertThat(client.getProperty("sasl.mechanism"), equalTo("SCRAM-SHA-512"));
    assertThat(
        client.getProperty("ssl.truststore.location"),
        equalTo("/tmp/local-kafka-test/client.truststore.p12"));
    assertThat(client.getProperty("ssl.truststore.password"), equalTo(state.truststorePassword()));
    assertThat(state.clientProperties("rtgraph", state.clientPassword()), equalTo(client));
  }

  @Test
  public void stateKeepsSecretsOutOfItsDescription() {
    BrokerConfig state = BrokerConfig.create(DIR, true);
    assertThat(state.toString(), not(containsString(state.clientPassword())));
    assertThat(state.toString(), not(containsString(state.adminPassword())));
  }

  @Test
  public void stateReadsBackWithItsSecrets() throws Exception {
    Path dir = folder.newFolder("kafka").toPath();
    BrokerConfig created = BrokerConfig.create(dir, true);
    created.save();
    assertThat(BrokerConfig.load(dir).orElseThrow(), equalTo(created));
    assertThat(
        created.withPorts(new int[] {1, 2}).clientPassword(), equalTo(created.clientPassword()));
  }

  private static Properties parse(String content) throws Exception {
    Properties properties = new Properties();
    properties.load(new StringReader(content));
    return properties;
  }
}
