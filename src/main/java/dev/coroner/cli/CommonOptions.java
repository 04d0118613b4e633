package dev.coroner.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by the commands that read an incident folder. */
public final class CommonOptions {
  @Option(names = "--rules", paramLabel = "DIR",
      description = "Extra rules folder (formats/, signals/, diagnoses/); a file replaces the built-in one of the same name.")
  Path rules;

  @Option(names = "--tz", paramLabel = "ZONE",
      description = "Zone of timestamps written without one (Python's asctime), e.g. Europe/Berlin. Default: this machine's zone.")
  String tz;

  @Option(names = {"-v", "--verbose"}, description = "Print every warning, and stack traces of internal errors.")
  boolean verbose;

  @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
      description = "auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never.")
  ColorWhen color = ColorWhen.AUTO;

  /** Whether to use ANSI styles, by --color, NO_COLOR, TERM and whether stdout is a terminal. */
  boolean color() {
    return useColor(color, System.console() != null, System.getenv());
  }

  static boolean useColor(ColorWhen when, boolean terminal, Map<String, String> env) {
    return switch (when) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> terminal && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty())
          && !"dumb".equals(env.get("TERM"));
    };
  }

  Optional<Path> rulesDir() {
    return Optional.ofNullable(rules);
  }

  ZoneId zone() {
    if (tz == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(tz);
    } catch (java.time.DateTimeException e) {
      // not a ParameterException on a fresh CommandLine: that one prints to System.err, past the
      // streams the caller configured, and names "<main class>" in its hint
      throw dev.coroner.CoronerException.usage(
          "--tz: unknown zone '" + tz + "' (use a region like Europe/Berlin or an offset like +02:00)");
    }
  }
}
