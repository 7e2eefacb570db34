package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  static void createIfMissing(BrokerFiles files, BrokerState state) {
    if (Files.exists(files.keystore()) && Files.exists(files.truststore())) {
      return;
    }
    deleteIfExists(files.keystore());
    deleteIfExists(files.truststore());
    deleteIfExists(files.certificate());
    // Passwords travel in environment variables (-storepass:env), never on a command line.
    keytool(
        files,
        state,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "3650",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=IP:127.0.0.1,DNS:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        files.keystore().toString(),
        "-storepass:env",
        "KEYSTORE_PASSWORD",
        "-keypass:env",
        "KEYSTORE_PASSWORD");
    keytool(
        files,
        state,
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        files.keystore().toString(),
        "-storepass:env",
        "KEYSTORE_PASSWORD",
        "-file",
        files.certificate().toString());
    keytool(
        files,
        state,
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        files.certificate().toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        files.truststore().toString(),
        "-storepass:env",
        "TRUSTSTORE_PASSWORD");
    ServerFiles.restrictToOwner(files.keystore());
    ServerFiles.restrictToOwner(files.truststore());
  }

  private static void keytool(BrokerFiles files, BrokerState state, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KEYSTORE_PASSWORD", state.keystorePassword());
    builder.environment().put("TRUSTSTORE_PASSWORD", state.truststorePassword());
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LocalServerException(
            "keytool " + arguments[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new LocalServerException(
            "keytool "
                + arguments[0]
                + " failed for "
                + files.dir()
                + " (exit "
                + process.exitValue()
                + "): "
                + new String(output).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run keytool from " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalServerException("interrupted while running keytool", e);
    }
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
