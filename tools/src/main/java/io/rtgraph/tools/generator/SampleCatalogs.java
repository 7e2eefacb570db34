package io.rtgraph.tools.generator;

import io.rtgraph.model.Catalogs;
import io.rtgraph.model.json.CatalogJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample catalogs that ship in {@code scripts/sample-catalogs} (and, for tests and tools, in
 * this jar): the titles, games and live events the generator's events refer to.
 */
public final class SampleCatalogs {
  public static final String TITLES = "titles.jsonl";
  public static final String GAMES = "games.jsonl";
  public static final String LIVE_EVENTS = "live-events.jsonl";

  private SampleCatalogs() {}

  public static Catalogs load() {
    try {
      return Catalogs.of(
          0,
          CatalogJson.readTitles(reader(TITLES), TITLES),
          CatalogJson.readGames(reader(GAMES), GAMES),
          CatalogJson.readLiveEvents(reader(LIVE_EVENTS), LIVE_EVENTS));
    } catch (IOException e) {
      throw new UncheckedIOException("the sample catalogs in the jar are unreadable", e);
    }
  }

  /** Writes the three files into the directory, for a pipeline's catalog flags. */
  public static void copyTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    for (String name : new String[] {TITLES, GAMES, LIVE_EVENTS}) {
      try (InputStream in = stream(name)) {
        Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static BufferedReader reader(String name) {
    return new BufferedReader(new InputStreamReader(stream(name), StandardCharsets.UTF_8));
  }

  private static InputStream stream(String name) {
    InputStream in = SampleCatalogs.class.getResourceAsStream("/sample-catalogs/" + name);
    if (in == null) {
      throw new IllegalStateException("sample catalog " + name + " is missing from the class path");
    }
    return in;
  }
}
