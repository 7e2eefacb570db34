package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's self-signed key pair and a truststore holding its certificate, made with the JDK's
 * {@code keytool} so that no other tool is needed. The certificate names 127.0.0.1 and localhost,
 * so clients keep hostname verification on.
 */
final class TlsStores {
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private TlsStores() {}

  /** Creates both stores unless they exist: a restarted broker keeps the certificate trusted. */
  static void createIfMissing(BrokerConfig config) {
    Path keystore = config.file(BrokerConfig.KEYSTORE);
    Path truststore = config.file(BrokerConfig.TRUSTSTORE);
    Path certificate = config.file(BrokerConfig.CERTIFICATE);
    if (Files.exists(keystore) && Files.exists(truststore)) {
      return;
    }
    List.of(keystore, truststore, certificate).forEach(LocalServer::deleteIfExists);
    // Passwords travel in environment variables (-storepass:env), never on a command line.
    String keystorePass = "-storepass:env KEYSTORE_PASSWORD";
    keytool(
        config,
        "-genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 -dname CN=localhost"
            + " -ext SAN=IP:127.0.0.1,DNS:localhost -storetype PKCS12 -keypass:env"
            + " KEYSTORE_PASSWORD "
            + keystorePass,
        "-keystore",
        keystore);
    keytool(
        config,
        "-exportcert -rfc -alias broker " + keystorePass,
        "-keystore",
        keystore,
        "-file",
        certificate);
    keytool(
        config,
        "-importcert -noprompt -alias broker -storetype PKCS12 -storepass:env TRUSTSTORE_PASSWORD",
        "-file",
        certificate,
        "-keystore",
        truststore);
    LocalServer.restrictToOwner(keystore);
    LocalServer.restrictToOwner(truststore);
  }

  /** keytool with the space-separated fixed arguments, then the paths (which may hold spaces). */
  private static void keytool(BrokerConfig config, String fixed, Object... paths) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(fixed.split(" ")));
    Arrays.stream(paths).map(Object::toString).forEach(command::add);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KEYSTORE_PASSWORD", config.state().keystorePassword());
    builder.environment().put("TRUSTSTORE_PASSWORD", config.state().truststorePassword());
    String step = "keytool " + command.get(1);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LocalServerException(
            step + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new LocalServerException(
            step
                + " failed for "
                + config.dir()
                + " (exit "
                + process.exitValue()
                + "): "
                + new String(output).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run keytool from " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalServerException("interrupted while running " + step, e);
    }
  }
}
