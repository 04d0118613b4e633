package dev.coroner.diagnose;

import dev.coroner.format.Source;
import java.util.Locale;

/**
 * How the engine makes a derived signal, read once from the signal's {@code derived:} word in the
 * rules ({@code unexplained}, {@code run-unfinished}, {@code startup-unfinished}, {@code no-log:server} ...), whose form the
 * rules loader has checked; the engine then decides on these types, not on strings.
 */
sealed interface Derivation {
  /** Records that nothing explained: no format but plain text read them and no signal marked them. */
  record Unexplained() implements Derivation {}

  /** Server runs that the logs leave unfinished (started, never stopped, no exit). */
  record RunUnfinished() implements Derivation {}

  /** Server runs whose log ends during their application startup: neither ready nor failed. */
  record StartupUnfinished() implements Derivation {}

  /** A fact about one side's logs, as an event without a line. */
  record InputFact(Fact fact, Source side) implements Derivation {}

  /** What is true of a side's logs. */
  enum Fact {
    /** The folder has no log of the side. */
    NO_LOG,
    /** A log of the side has no line. */
    EMPTY_LOG,
    /** A log of the side has no timestamps and nothing to anchor them. */
    UNTIMED_LOG
  }

  /** The derivation a {@code derived:} word names. */
  static Derivation of(String word) {
    return switch (word) {
      case "unexplained" -> new Unexplained();
      case "run-unfinished" -> new RunUnfinished();
      case "startup-unfinished" -> new StartupUnfinished();
      default -> {
        int colon = word.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("derived '" + word + "' is neither unexplained, run-unfinished, startup-unfinished nor KIND:SIDE");
        }
        Fact fact = Fact.valueOf(word.substring(0, colon).toUpperCase(Locale.ROOT).replace('-', '_'));
        yield new InputFact(fact, Source.of(word.substring(colon + 1)));
      }
    };
  }
}
