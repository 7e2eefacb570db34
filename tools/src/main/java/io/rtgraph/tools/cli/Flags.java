package io.rtgraph.tools.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place where the tools' flags are parsed (generator, query, graph viewer, local servers,
 * bench): each tool declares its flags with picocli annotations, by the pipelines' camelCase names
 * ({@code --bootstrapServers}), and this adds the kebab-case name ({@code --bootstrap-servers}) as
 * an alias, so that both spellings work and neither is written twice.
 *
 * <p>An unknown flag, a flag without its value or a value of the wrong type is a usage error (exit
 * code 2) whose message names the flag. A failure while the tool runs is reported as {@code tool:
 * message}: a {@link ToolException} with its exit code and an {@link IllegalArgumentException} as a
 * usage error, both without a stack trace, since their messages say what to do.
 */
public final class Flags {
  /** The exit code of a bad flag or argument, as picocli and the pipelines' scripts use. */
  public static final int USAGE = 2;

  private static final Pattern PRINTED_DEFAULT = Pattern.compile("\\(default: ([^)]*)\\)");

  private Flags() {}

  /**
   * A failure whose message says what to do; reported by it alone, with its exit code (1 unless
   * given). Unchecked, so that test rules and {@code finally} blocks, such as those that stop the
   * local servers, need not declare it.
   */
  public static class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ToolException(String message) {
      this(1, message, null);
    }

    public ToolException(String message, Throwable cause) {
      this(1, message, cause);
    }

    public ToolException(int exitCode, String message) {
      this(exitCode, message, null);
    }

    public ToolException(int exitCode, String message, Throwable cause) {
      super(message, cause);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  /** The tool's command line, its subcommands included, with every flag in both spellings. */
  public static CommandLine commandLine(Object command, String name) {
    CommandLine line = new CommandLine(command);
    line.setCommandName(name);
    addAliases(line);
    CommandLine.IParameterExceptionHandler usage = line.getParameterExceptionHandler();
    line.setParameterExceptionHandler(
        (e, args) -> {
          // A flag bound to a checking setter (a builder's): its message, not "Could not invoke".
          if (e.getCause() instanceof IllegalArgumentException bad) {
            e.getCommandLine().getErr().println(name + ": " + bad.getMessage());
            return USAGE;
          }
          return usage.handleParseException(e, args);
        });
    line.setExecutionExceptionHandler(
        (e, failed, parsed) -> {
          String prefix = failed == line ? name : name + " " + failed.getCommandName();
          failed.getErr().println(prefix + ": " + e.getMessage());
          if (e instanceof ToolException known) {
            return known.exitCode();
          }
          if (e instanceof IllegalArgumentException) {
            return USAGE;
          }
          e.printStackTrace(failed.getErr());
          return 1;
        });
    return line;
  }

  /**
   * Adds the other spelling of every {@code --flag} of the command and its subcommands, and {@code
   * --help} and {@code --version} to each; call again after adding subcommands.
   */
  public static void addAliases(CommandLine line) {
    CommandSpec spec = line.getCommandSpec();
    // Every tool and subcommand answers --help and --version, without declaring it.
    if (!spec.mixinStandardHelpOptions()) {
      spec.mixinStandardHelpOptions(true);
    }
    for (OptionSpec option : new ArrayList<>(spec.options())) {
      // picocli derives the --no- form of a negatable flag itself.
      if (option.negatable()) {
        continue;
      }
      Set<String> names = new LinkedHashSet<>(List.of(option.names()));
      for (String flag : option.names()) {
        if (flag.startsWith("--")) {
          names.add("--" + camelCase(flag.substring(2)));
          names.add("--" + kebabCase(flag.substring(2)));
        }
      }
      if (names.size() > option.names().length) {
        spec.remove(option);
        spec.addOption(option.toBuilder().names(names.toArray(String[]::new)).build());
      }
    }
    line.getSubcommands().values().forEach(Flags::addAliases);
  }

  /**
   * The default that each flag's help names, as {@code (default: ...)}, by the flag's declared
   * name: what a user reads, which the tests of the tools and of the bench pin by hand-written
   * values.
   */
  public static Map<String, String> printedDefaults(CommandSpec spec) {
    Map<String, String> printed = new TreeMap<>();
    for (OptionSpec option : spec.options()) {
      Matcher named = PRINTED_DEFAULT.matcher(String.join(" ", option.renderedDescription()));
      if (named.find()) {
        printed.put(option.names()[0], named.group(1));
      }
    }
    return printed;
  }

  /** {@code bootstrap-servers} to {@code bootstrapServers}. */
  static String camelCase(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** {@code bootstrapServers} to {@code bootstrap-servers}. */
  static String kebabCase(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
