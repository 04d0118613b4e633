package dev.coroner.signal;

import java.util.ArrayList;
import java.util.Set;

/**
 * The literal gate of a user's pattern ({@code timeline --grep}): the literals one of which every
 * text the pattern finds a match in holds, read in lower case (as {@link RegexLiterals} reads a
 * rule's regex), and one scan of a text for them. A text without any cannot match, so the record
 * needs neither its signals nor the pattern. Thread-safe.
 */
public final class GrepGate {
  private final Literals literals;
  private final ThreadLocal<boolean[]> present;

  private GrepGate(Set<String> folded) {
    this.literals = Literals.of(new ArrayList<>(folded), true);
    this.present = ThreadLocal.withInitial(literals::newPresence);
  }

  /** The gate of {@code regex} (as the user typed it, without the case flag), or null when it requires no literal. */
  public static GrepGate of(String regex) {
    Set<String> required;
    try {
      required = RegexLiterals.required(regex);
    } catch (RuntimeException | StackOverflowError e) {
      return null; // a pattern the reader trips on (it was written for the rules' regexes): no gate, never a wrong one
    }
    return required == null || required.isEmpty() ? null : new GrepGate(required);
  }

  /** False when {@code text} holds none of the literals (so the pattern cannot match it). */
  public boolean mayMatch(String text) {
    boolean[] p = present.get();
    Literals.clear(p);
    literals.mark(text, p);
    for (boolean b : p) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}
