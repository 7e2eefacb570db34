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
import org.junit.Test;

public class BrokerConfigTest {
  private static final Path DIR = Path.of("/tmp/local-kafka-test");

  @Test
  public void plaintextBrokerListensOnLoopbackOnlyAndCreatesNoTopicsImplicitly() throws Exception {
    BrokerState state = BrokerState.create(false);
    Properties server = parse(new BrokerConfig(DIR, state, 8 << 20, 1).serverProperties());

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
    assertThat(
        new BrokerConfig(DIR, state, 8 << 20, 1).clientProperties("u", "p").isEmpty(), is(true));
  }

  @Test
  public void saslSslBrokerHasNoPlaintextClientListener() throws Exception {
    BrokerState state = BrokerState.create(true);
    BrokerConfig config = new BrokerConfig(DIR, state, 8 << 20, 1);
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
        config.scramFormatArguments(),
        hasItem("SCRAM-SHA-512=[name=rtgraph,password=" + state.clientPassword() + "]"));
  }

  @Test
  public void clientPropertiesFileReadsBackVerbatim() throws Exception {
    BrokerState state = BrokerState.create(true);
    Properties client =
        new BrokerConfig(DIR, state, 8 << 20, 1)
            .clientProperties(state.clientUser(), state.clientPassword());

    String file = BrokerConfig.propertiesFile("test", client);

    assertThat(parse(file), equalTo(client));
    assertThat(file, containsString("username=\"rtgraph\" password=\"" + state.clientPassword()));
  }

  @Test
  public void stateKeepsSecretsOutOfItsDescription() {
    BrokerState state = BrokerState.create(true);
    assertThat(state.toString(), not(containsString(state.clientPassword())));
    assertThat(state.toString(), not(containsString(state.adminPassword())));
  }

  private static Properties parse(String content) throws Exception {
    Properties properties = new Properties();
    properties.load(new StringReader(content));
    return properties;
  }
}
