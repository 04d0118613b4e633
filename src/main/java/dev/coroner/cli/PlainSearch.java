package dev.coroner.cli;

import dev.coroner.search.SearchOrder;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code coroner search DIR QUERY...} with the everyday options, run without building picocli's
 * command line: picocli's own start-up (its classes, the help mixin read from annotations, its
 * converters) and the annotations of {@link SearchCommand} cost a fresh JVM 0.1-0.15 s, a third
 * of a warm query (docs/performance.md, "Tenth session"). The annotations stay the one
 * description of the command: this reader accepts only a plain subset of what they declare, fills
 * the same fields picocli would (its defaults included), and hands every other command line (help,
 * a repeated or unknown option, {@code --opt=value}, {@code --}, {@code @file}, a value that does
 * not convert, {@code --from}) to picocli, so usage, help and every error are picocli's as before.
 * {@code PlainSearchTest} checks on many command lines that the fields set here are the ones
 * picocli sets, and that the output, errors and exit status of a run are the same.
 */
final class PlainSearch {
  private PlainSearch() {}

  /**
   * The command {@code args} describe, its fields set as picocli would set them, or null when
   * {@code args} are not a plain search (then picocli reads them).
   */
  static SearchCommand parse(String[] args) {
    if (args.length < 2 || !args[0].equals("search")) {
      return null;
    }
    SearchCommand c = new SearchCommand();
    // picocli's defaults (defaultValue of each @Option), and a fresh instance of each @Mixin
    c.sort = SearchOrder.TIME;
    c.context = 0;
    c.limit = 100;
    c.format = HitFormat.TEXT;
    c.common = new CommonOptions();
    c.common.color = ColorWhen.AUTO;
    c.fleet = new FleetOptions();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.charAt(0) == '@') {
        return null; // an empty word, or picocli's @file expansion
      }
      if (a.charAt(0) != '-') {
        Path p;
        if (c.folder == null) {
          try {
            p = Path.of(a);
          } catch (InvalidPathException e) {
            return null;
          }
          c.folder = p;
        } else {
          c.query.add(a);
        }
        continue;
      }
      String option = a.equals("-C") ? "--context" : a.equals("-v") ? "--verbose" : a;
      if (!seen.add(option)) {
        return null; // picocli says it may be given only once
      }
      switch (option) {
        case "--count" -> c.count = true;
        case "--incidents" -> c.incidents = true;
        case "--verbose" -> c.common.verbose = true;
        case "--sort", "--context", "--limit", "--format", "--index-dir", "--rules", "--tz", "--color" -> {
          if (i + 1 >= args.length) {
            return null;
          }
          String v = args[++i];
          if (v.isEmpty() || v.charAt(0) == '-' || v.charAt(0) == '@' || !set(c, option, v)) {
            return null;
          }
        }
        default -> {
          return null; // help, version, --from and its options, --, anything unknown
        }
      }
    }
    return c;
  }

  /** Sets {@code option} to {@code v}; false when the value would not convert (picocli then says why). */
  private static boolean set(SearchCommand c, String option, String v) {
    try {
      switch (option) {
        case "--sort" -> c.sort = SearchOrder.of(v);
        case "--context" -> {
          if (!v.matches("0|[1-9][0-9]{0,8}")) {
            return false;
          }
          c.context = Integer.parseInt(v);
        }
        case "--limit" -> {
          if (!v.matches("0|[1-9][0-9]{0,17}")) {
            return false;
          }
          c.limit = Long.parseLong(v);
        }
        case "--format" -> {
          c.format = exact(HitFormat.class, v);
          return c.format != null;
        }
        case "--color" -> {
          c.common.color = exact(ColorWhen.class, v);
          return c.common.color != null;
        }
        case "--index-dir" -> c.indexDir = Path.of(v);
        case "--rules" -> c.common.rules = Path.of(v);
        case "--tz" -> c.common.tz = v;
        default -> {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) { // a bad --sort, a path that is not one
      return false;
    }
  }

  /** The constant spelled exactly {@code word} ({@link Choice#exact}), or null. */
  private static <E extends Enum<E>> E exact(Class<E> type, String word) {
    for (E e : type.getEnumConstants()) {
      if (Choice.spelling(e).equals(word)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Runs {@code args} when they are a plain search, with picocli's exit status and error lines;
   * null when they are not (nothing was run).
   */
  static Integer run(String[] args, PrintWriter out, PrintWriter err) {
    SearchCommand c = parse(args);
    if (c == null) {
      return null;
    }
    c.out = out;
    c.err = err;
    try {
      return c.call();
    } catch (Exception e) {
      return CoronerCommand.failed(e, err, c.common.verbose);
    }
  }
}
