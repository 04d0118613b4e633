package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.rules.SafePattern;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.PatternSyntaxException;

/**
 * Which events to show: sides, a minimum level, a time range, a pattern (case-insensitive, with a read budget)
 * over the text, and signal names (a name or a {@code side.*} prefix).
 */
public record EventFilter(Set<Source> sources, Optional<String> minLevel, long since, long until,
    Optional<SafePattern> grep, List<String> signals) implements Predicate<Event> {
  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

  public EventFilter {
    sources = Set.copyOf(sources);
    signals = List.copyOf(signals);
    minLevel.ifPresent(l -> {
      if (rank(l) < 0) {
        throw new IllegalArgumentException("unknown level '" + l + "' (one of " + LEVELS + ")");
      }
    });
  }

  public static EventFilter all() {
    return new EventFilter(Set.of(), Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE, Optional.empty(), List.of());
  }

  /** Compiles a user's pattern, or explains in one line why it is not one. */
  public static SafePattern compileGrep(String regex) {
    try {
      return SafePattern.compile("(?i)" + regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad pattern '" + regex + "': " + e.getDescription());
    }
  }

  static int rank(String level) {
    String l = level.toUpperCase(Locale.ROOT);
    if (l.equals("WARN")) {
      l = "WARNING";
    } else if (l.equals("FATAL")) {
      l = "CRITICAL";
    }
    return LEVELS.indexOf(l);
  }

  @Override
  public boolean test(Event e) {
    if (!sources.isEmpty() && !sources.contains(e.source())) {
      return false;
    }
    if (minLevel.isPresent() && rank(e.level()) < rank(minLevel.get())) {
      return false;
    }
    if (e.time() < since || (e.time() > until && until != Long.MAX_VALUE)) {
      return false;
    }
    if (!signals.isEmpty() && !hasSignal(e)) {
      return false;
    }
    return grep.isEmpty() || grep.get().find(e.text());
  }

  private boolean hasSignal(Event e) {
    for (String want : signals) {
      for (String s : e.signals()) {
        if (want.endsWith(".*") ? s.startsWith(want.substring(0, want.length() - 1)) : s.equals(want)) {
          return true;
        }
      }
    }
    return false;
  }
}
