package io.rtgraph.tools.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes catalogs of a chosen size in the sample catalogs' format: the sample entries first, so
 * that every event the generator makes still finds its title, game or live event, then generated
 * entries (ids {@code t-0000001}, {@code g-000001}, {@code l-000001}, which the sample's shorter
 * ids never collide with) up to the size. The same seed gives the same bytes.
 */
public final class CatalogWriter {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] ADJECTIVES = {
    "Last",
    "Frozen",
    "Hidden",
    "Silent",
    "Velvet",
    "Midnight",
    "Savage",
    "Golden",
    "Quiet",
    "Lost",
    "Paper",
    "Hollow",
    "Crimson",
    "Distant",
    "Broken",
    "Electric",
    "Northern",
    "Secret",
    "Burning",
    "Endless"
  };
  private static final String[] NOUNS = {
    "Harbor", "Empire", "Verdict", "Signal", "Tide", "Station", "Archive", "Garden", "Lighthouse",
    "Frontier", "Kingdom", "Witness", "Orchard", "Circuit", "Horizon", "Canyon", "Island", "Mirror",
    "Protocol", "Summit"
  };
  private static final String[] TITLE_GENRES = {
    "sci-fi", "horror", "drama", "comedy", "documentary", "thriller", "romance", "animation"
  };
  private static final String[] GAME_GENRES = {"puzzle", "arcade", "adventure", "racing", "trivia"};
  private static final String[] LIVE_SHOWS = {
    "Award Show", "Live Comedy Special", "Talk Show", "Cooking Showdown", "Boxing Night"
  };

  private CatalogWriter() {}

  /**
   * Writes {@code titles.jsonl}, {@code games.jsonl} and {@code live-events.jsonl} into the
   * directory, each holding the sample catalog and as many generated entries as it takes to reach
   * the size (a size below the sample's writes the sample alone).
   */
  public static void write(Path directory, int titles, int games, int liveEvents, long seed)
      throws IOException {
    SampleCatalogs.copyTo(directory);
    Random random = new Random(seed);
    int titlesWritten =
        append(
            directory.resolve(SampleCatalogs.TITLES),
            titles,
            (line, n) -> {
              line.writeStringField("titleId", String.format("t-%07d", n));
              line.writeStringField("name", name(random) + (random.nextInt(4) == 0 ? " " + n : ""));
              line.writeStringField("kind", random.nextInt(3) == 0 ? "MOVIE" : "SHOW");
              line.writeStringField("genre", TITLE_GENRES[random.nextInt(TITLE_GENRES.length)]);
            });
    append(
        directory.resolve(SampleCatalogs.GAMES),
        games,
        (line, n) -> {
          line.writeStringField("gameId", String.format("g-%06d", n));
          line.writeStringField("genre", GAME_GENRES[random.nextInt(GAME_GENRES.length)]);
          if (titlesWritten > 0 && random.nextInt(2) == 0) {
            int title = 1 + random.nextInt(titlesWritten);
            line.writeStringField("name", name(random) + ": The Game");
            line.writeStringField("basedOnTitleId", String.format("t-%07d", title));
          } else {
            line.writeStringField("name", name(random) + " Trivia");
          }
        });
    append(
        directory.resolve(SampleCatalogs.LIVE_EVENTS),
        liveEvents,
        (line, n) -> {
          line.writeStringField("liveEventId", String.format("l-%06d", n));
          line.writeStringField(
              "name", LIVE_SHOWS[random.nextInt(LIVE_SHOWS.length)] + " #" + (1000 + n));
        });
  }

  private static String name(Random random) {
    return "The "
        + ADJECTIVES[random.nextInt(ADJECTIVES.length)]
        + " "
        + NOUNS[random.nextInt(NOUNS.length)];
  }

  /** The fields of generated entry number {@code n} (from 1). */
  @FunctionalInterface
  private interface Entry {
    void write(JsonGenerator line, int n) throws IOException;
  }

  /** Appends generated entries until the file has {@code size} lines; returns how many. */
  private static int append(Path file, int size, Entry entry) throws IOException {
    int existing;
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      existing = (int) lines.filter(line -> !line.isBlank()).count();
    }
    int generated = Math.max(0, size - existing);
    try (BufferedWriter out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
      for (int n = 1; n <= generated; n++) {
        JsonGenerator line = JSON.createGenerator(out);
        line.writeStartObject();
        entry.write(line, n);
        line.writeEndObject();
        line.flush();
        out.write('\n');
      }
    }
    return generated;
  }
}
