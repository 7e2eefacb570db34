package io.rtgraph.pipelines;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The outputs a topic pipeline can write; {@code --sinks} chooses among them. */
public enum Sink {
  /** Graph topics and the dead-letter topic. */
  KAFKA,
  /** The Iceberg tables of node and edge updates. */
  GRAPH_TABLES,
  /** The topic's raw archive table. */
  ARCHIVE;

  public String flagName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code --sinks}; empty gives the defaults. */
  public static Set<Sink> parse(String flag, Set<Sink> defaults) {
    if (flag == null || flag.isBlank()) {
      return EnumSet.copyOf(defaults);
    }
    Set<Sink> sinks = EnumSet.noneOf(Sink.class);
    for (String name : flag.split(",")) {
      Sink sink = null;
      for (Sink candidate : values()) {
        if (candidate.flagName().equals(name.trim())) {
          sink = candidate;
        }
      }
      if (sink == null) {
        throw new IllegalArgumentException(
            "--sinks="
                + flag
                + ": unknown sink '"
                + name.trim()
                + "'; choose from kafka, graph-tables, archive");
      }
      sinks.add(sink);
    }
    return sinks;
  }
}
