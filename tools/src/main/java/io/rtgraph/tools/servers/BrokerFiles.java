package io.rtgraph.tools.servers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Where a local broker keeps everything, all under one data directory so that the directory alone
 * identifies a broker: the launcher that started it, {@code stop} and {@code status} all find it
 * there.
 */
record BrokerFiles(Path dir) {
  private static final int TAIL_BYTES = 64 * 1024;

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

  /**
   * Replaces the file's content atomically, readable by the owner only when it holds secrets, so
   * that a concurrent reader (status, a script) never sees half a file.
   */
  static void write(Path file, String content, boolean secret) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (secret) {
        restrictToOwner(Files.createFile(tmp));
      }
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the data directory's own protection has to do.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions of " + file, e);
    }
  }

  /** The last lines of the file, for error messages; empty when it does not exist. */
  static String tail(Path file, int lines) {
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long from = Math.max(0, in.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - from)];
      in.seek(from);
      in.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      int first = Math.max(from == 0 ? 0 : 1, all.length - lines);
      return String.join(System.lineSeparator(),
          Arrays.asList(all).subList(Math.min(first, all.length), all.length));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
