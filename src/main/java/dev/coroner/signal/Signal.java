package dev.coroner.signal;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.rules.SafePattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A compiled signal. Immutable and thread-safe (each thread matches with its own scanners). */
public final class Signal {
  /** How a signal segments incidents. */
  public enum Role { TROUBLE, GOOD, INFO }

  private final SignalSpec spec;
  private final Role role;
  private final Test test;
  private final List<SafePattern> captures;
  /**
   * Per capture pattern: the literals (folded ids) one of which every match of it holds
   * ({@link RegexLiterals#required}), null when none could be read; a body that holds none of
   * them is not searched (the search could not match).
   */
  private final int[][] captureNeeds;
  /** Per capture pattern: its named groups, and their numbers, in the pattern's order. */
  private final String[][] groupNames;
  private final int[][] groupIndexes;
  private final String origin;

  /** The side it speaks of, or null (see {@link #side()}). */
  private final Source side;
  /** What a record must hold for the test to be worth running; null: tested on every record. */
  private final Gate gate;

  Signal(SignalSpec spec, Role role, Test test, List<SafePattern> captures, List<int[]> captureNeeds, String origin,
      Gate gate) {
    this.gate = gate;
    this.captureNeeds = captureNeeds.toArray(new int[0][]);
    this.spec = spec;
    this.role = role;
    this.test = test;
    this.captures = captures;
    this.groupNames = new String[captures.size()][];
    this.groupIndexes = new int[captures.size()][];
    for (int k = 0; k < captures.size(); k++) {
      Map<String, Integer> groups = captures.get(k).namedGroups();
      groupNames[k] = groups.keySet().toArray(new String[0]);
      groupIndexes[k] = groups.values().stream().mapToInt(Integer::intValue).toArray();
    }
    this.origin = origin;
    String n = spec.name();
    this.side = spec.match() != null && spec.match().source() != null ? Source.of(spec.match().source())
        : n.startsWith("client.") ? Source.CLIENT : n.startsWith("server.") ? Source.SERVER
        : n.startsWith("launcher.") ? Source.LAUNCHER : null;
  }

  public String name() {
    return spec.name();
  }

  public String title() {
    return spec.title() == null ? spec.name() : spec.title();
  }

  /** The derivation of an engine-made signal, or null for one matched on events. */
  public String derived() {
    return spec.derived();
  }

  public Role role() {
    return role;
  }

  public SignalSpec spec() {
    return spec;
  }

  /** The rule file that defines it. */
  public String origin() {
    return origin;
  }

  /**
   * Whether the event carries this signal; the literals of the body are asked of {@code present}
   * (see {@link Literals.Presence}). With {@code skipping}, a regex whose required literals the
   * body lacks is not run (false only to check that this changes nothing).
   */
  boolean matches(Event e, Literals.Presence present, boolean skipping, SureSides sure) {
    return test != null && test.test(e, present, skipping, sure);
  }

  /** The side a record surely comes from, or null when its side is a guess (see {@code Formats.sureSide}). */
  @FunctionalInterface
  public interface SureSides {
    /** Nothing is known to be sure: every side is taken as a guess. */
    SureSides NONE = e -> null;

    Source of(Event e);
  }

  /** The event fields its test reads. */
  void fieldsTested(Set<String> into) {
    if (test != null) {
      test.fieldsTested(into);
    }
  }

  /**
   * Adds the fields its capture patterns find in {@code text} to {@code fields} (a field already
   * there wins). Returns the map to use from now on: {@code fields} itself when nothing was
   * added, else a modifiable copy (made once, then added to), so a signal that finds nothing new
   * costs no copy. With {@code present} (which literals {@code text} holds), a pattern none of
   * whose required literals the text holds is not searched: it could not match (null: every
   * pattern is searched, to check that this changes nothing).
   */
  Map<String, String> capture(String text, Literals.Presence present, Map<String, String> fields, boolean modifiable) {
    Map<String, String> out = fields;
    boolean mine = modifiable;
    for (int k = 0; k < captures.size(); k++) {
      SafePattern p = captures.get(k);
      String[] names = groupNames[k];
      if (!searches(k, out, present)) {
        continue;
      }
      SafePattern.Scanner m = p.localScanner();
      if (m.find(text)) {
        int[] groups = groupIndexes[k];
        for (int j = 0; j < names.length; j++) {
          String g = names[j];
          String v = m.group(groups[j]);
          if (v != null && !out.containsKey(g)) {
            if (!mine) {
              out = new LinkedHashMap<>(out);
              mine = true;
            }
            out.put(g, v);
          }
        }
      }
    }
    return out;
  }


  /**
   * Whether {@link #capture} searches a text with its pattern {@code k}: the pattern could add a
   * field {@code fields} lacks, and (with {@code present}, which literals the text holds) the
   * text holds one of the literals every match of it requires.
   */
  boolean searches(int k, Map<String, String> fields, Literals.Presence present) {
    return lacksOne(fields, groupNames[k]) && (present == null || Regex.mayHold(captureNeeds[k], present));
  }

  /** How many capture patterns it has. */
  int captureCount() {
    return captures.size();
  }

  /** Whether {@code fields} lacks one of {@code names} (its values are never null). */
  private static boolean lacksOne(Map<String, String> fields, String[] names) {
    for (String n : names) {
      if (fields.get(n) == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a record must hold for a signal's test to pass (a necessary condition, never a
   * sufficient one): one of the {@code literals} in its body, read in lower case (ids in the
   * folded automaton), or one of the {@code fields}. Read from the test when the rules load (see
   * {@link Signals}).
   */
  record Gate(int[] literals, List<String> fields) {}

  /** The levels (upper case) its test takes, or null for any. */
  Set<String> levels() {
    return test == null ? null : test.levels();
  }

  /** Its gate, or null when no literal or field is required of a record (tested on every one). */
  Gate gate() {
    return gate;
  }

  /**
   * A compiled condition.
   *
   * @param fields field name to the values it may have (lower case); null for no field test
   * @param fieldPatterns field name to the patterns that allow a value matched whole (the
   *     rules' values written {@code ~REGEX}: a number of 2 or more, {@code ~[2-9]|[1-9]\\d+},
   *     which no list of values can say); null for none
   * @param containsIds the {@code contains} literals, by their ids among the case-sensitive ones; null for none
   * @param icontainsIds the {@code icontains} literals, by their ids in the folded automaton; null for none
   */
  record Test(Source source, Set<String> levels, Map<String, Set<String>> fields,
      Map<String, List<dev.coroner.rules.SafePattern>> fieldPatterns, int[] containsIds,
      int[] icontainsIds, Regex regex, Regex not, List<Test> any, Source unlessSurely) {
    void fieldsTested(Set<String> into) {
      if (fields != null) {
        into.addAll(fields.keySet());
      }
      if (any != null) {
        any.forEach(t -> t.fieldsTested(into));
      }
    }

    /** Whether a field's value (lower case) is one of {@code values} or matched whole by one of {@code patterns}. */
    private static boolean allows(Set<String> values, List<dev.coroner.rules.SafePattern> patterns, String value) {
      if (values.contains(value)) {
        return true;
      }
      if (patterns != null) {
        for (dev.coroner.rules.SafePattern p : patterns) {
          if (p.localScanner().matches(value)) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * @param present which literals the body holds (by id)
     * @param skipping whether a regex is skipped when the body lacks its required literals
     * @param sure whose records are surely whose (asked last, of a record that passed the rest)
     */
    boolean test(Event e, Literals.Presence present, boolean skipping, SureSides sure) {
      // a record of unknown side (a line no program format read, a service nobody named) is
      // tested by content alone: signals match content, not files
      if (source != null && e.source() != source && e.source() != Source.OTHER) {
        return false;
      }
      if (levels != null && !levels.contains(present.upperLevel(e.level()))) {
        return false;
      }
      if (fields != null) {
        for (Map.Entry<String, Set<String>> f : fields.entrySet()) {
          String v = e.fields().get(f.getKey());
          if (v == null || !allows(f.getValue(), fieldPatterns == null ? null : fieldPatterns.get(f.getKey()),
              v.toLowerCase(Locale.ROOT))) {
            return false;
          }
        }
      }
      if (icontainsIds != null) {
        boolean found = false;
        for (int i = 0; i < icontainsIds.length && !found; i++) {
          found = present.hasFolded(icontainsIds[i]);
        }
        if (!found) {
          return false;
        }
      }
      if (containsIds != null) {
        boolean found = false;
        for (int i = 0; i < containsIds.length && !found; i++) {
          found = present.has(containsIds[i]);
        }
        if (!found) {
          return false;
        }
      }
      // cheap tests first: the alternatives usually start with literals, the regexes come last
      if (any != null) {
        boolean one = false;
        for (Test t : any) {
          if (t.test(e, present, skipping, sure)) {
            one = true;
            break;
          }
        }
        if (!one) {
          return false;
        }
      }
      if (regex != null && !regex.find(e.body(), present, skipping)) {
        return false;
      }
      if (not != null && not.find(e.body(), present, skipping)) {
        return false;
      }
      return unlessSurely == null || e.source() != unlessSurely || sure.of(e) != unlessSurely;
    }
  }

  /**
   * A compiled regex of a test with what a text must hold for it to match, read when the rules
   * load: {@code needs}, the literals (ids in the folded automaton) one of which every match holds
   * ({@link RegexLiterals#required}), null when none could be read; and, when splitting saves
   * work (see {@code Signals.regex}), its top-level alternatives ({@link RegexLiterals#branches}),
   * each with its own, so that only the alternatives whose literals the text holds (and those
   * without) are run, an anchored one at the start alone.
   */
  record Regex(SafePattern whole, int[] needs, List<Regex> branches) {
    /**
     * Whether it finds a match in {@code body}, whose literals {@code present} knows; with
     * {@code skipping}, what cannot match for want of a literal is not run (false only to check
     * that this changes nothing).
     */
    boolean find(String body, Literals.Presence present, boolean skipping) {
      if (!skipping) {
        return whole.find(body);
      }
      if (branches != null) {
        for (int i = 0; i < branches.size(); i++) {
          if (branches.get(i).find(body, present, true)) {
            return true;
          }
        }
        return false;
      }
      return mayHold(needs, present) && whole.find(body);
    }

    /** Whether the text holds one of {@code needs} (folded ids); true when nothing is needed (null). */
    private static boolean mayHold(int[] needs, Literals.Presence present) {
      if (needs == null) {
        return true;
      }
      for (int i = 0; i < needs.length; i++) {
        if (present.hasFolded(needs[i])) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The side this signal speaks of: its test's source, else its name's prefix (client., server.,
   * launcher.); null for input facts.
   */
  public Source side() {
    return side;
  }

  static List<String> lower(List<String> in) {
    List<String> out = new ArrayList<>();
    in.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
    return out;
  }
}
