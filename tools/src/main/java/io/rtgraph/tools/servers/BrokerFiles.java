package io.rtgraph.tools.servers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a local broker keeps everything, all under one data directory so that the directory alone
 * identifies a broker: the launcher that started it, {@code stop} and {@code status} all find it
 * there.
 */
record BrokerFiles(Path dir) {
  BrokerFiles {
    dir = dir.toAbsolutePath().normalize();
  }

  Path serverProperties() {
    return dir.resolve("server.properties");
  }

  Path log4jProperties() {
    return dir.resolve("log4j.properties");
  }

  /** The console output of the broker and the storage tool, where their log4j logs. */
  Path brokerLog() {
    return dir.resolve("broker.log");
  }

  Path pidFile() {
    return dir.resolve("broker.pid");
  }

  Path bootstrapServersFile() {
    return dir.resolve("bootstrap.servers");
  }

  Path clientPropertiesFile() {
    return dir.resolve("client.properties");
  }

  /** Ports, mode and secrets chosen at the first start, reused by every later start. */
  Path stateFile() {
    return dir.resolve("local-kafka.properties");
  }

  Path keystore() {
    return dir.resolve("broker.keystore.p12");
  }

  Path truststore() {
    return dir.resolve("client.truststore.p12");
  }

  Path certificate() {
    return dir.resolve("broker.crt");
  }

  /** The broker's log directory; the KRaft metadata log lives there too. */
  Path logDir() {
    return dir.resolve("data");
  }

  /** Written by the storage tool: its presence means the log directory is formatted. */
  boolean isFormatted() {
    return Files.exists(logDir().resolve("meta.properties"));
  }
}
