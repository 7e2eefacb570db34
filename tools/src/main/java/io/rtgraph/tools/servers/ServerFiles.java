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
 * File handling that every local server shares: the files in its data directory are replaced
 * atomically, secrets are readable by the owner only, and logs are quoted in error messages by
 * their last lines.
 */
final class ServerFiles {
  private static final int TAIL_BYTES = 64 * 1024;

  private ServerFiles() {}

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

  static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
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
      return String.join(
          System.lineSeparator(),
          Arrays.asList(all).subList(Math.min(first, all.length), all.length));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
