package dev.coroner.signal;

import dev.coroner.rules.SafePattern;
import dev.coroner.format.Event;
import dev.coroner.format.Source;
import java.util.ArrayList;
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
  private final String origin;

  Signal(SignalSpec spec, Role role, Test test, List<SafePattern> captures, String origin) {
    this.spec = spec;
    this.role = role;
    this.test = test;
    this.captures = captures;
    this.origin = origin;
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

  boolean matches(Event e) {
    return test != null && test.test(e, null);
  }

  /**
   * As {@link #matches(Event)}, with the {@code contains} literals found in the body already
   * (see {@link Literals.Presence}).
   */
  boolean matches(Event e, Literals.Presence present) {
    return test != null && test.test(e, present);
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
   * costs no copy.
   */
  Map<String, String> capture(String text, Map<String, String> fields, boolean modifiable) {
    Map<String, String> out = fields;
    boolean mine = modifiable;
    for (SafePattern p : captures) {
      if (out.keySet().containsAll(p.namedGroups().keySet())) {
        continue; // nothing it could add
      }
      SafePattern.Scanner m = p.localScanner();
      if (m.find(text)) {
        for (Map.Entry<String, Integer> ge : p.namedGroups().entrySet()) {
          String g = ge.getKey();
          String v = m.group(ge.getValue());
          if (v != null && !out.containsKey(g)) {
            if (!mine) {
              out = new java.util.LinkedHashMap<>(out);
              mine = true;
            }
            out.put(g, v);
          }
        }
      }
    }
    return out;
  }


  /** A compiled condition. */
  record Test(Source source, Set<String> levels, Map<String, Set<String>> fields, List<String> contains,
      int[] containsIds, List<String> icontains, int[] icontainsIds, SafePattern regex, SafePattern not, List<Test> any) {
    void fieldsTested(Set<String> into) {
      if (fields != null) {
        into.addAll(fields.keySet());
      }
      if (any != null) {
        any.forEach(t -> t.fieldsTested(into));
      }
    }

    /** @param present which literals the body holds (by id), or null to search for them */
    boolean test(Event e, Literals.Presence present) {
      // a record of unknown side (a line no program format read, a service nobody named) is
      // tested by content alone: signals match content, not files
      if (source != null && e.source() != source && e.source() != Source.OTHER) {
        return false;
      }
      if (levels != null && !levels.contains(e.level().toUpperCase(Locale.ROOT))) {
        return false;
      }
      if (fields != null) {
        for (Map.Entry<String, Set<String>> f : fields.entrySet()) {
          String v = e.fields().get(f.getKey());
          if (v == null || !f.getValue().contains(v.toLowerCase(Locale.ROOT))) {
            return false;
          }
        }
      }
      if (icontains != null) {
        boolean found = false;
        for (int i = 0; i < icontains.size() && !found; i++) {
          found = present != null ? present.hasFolded(icontainsIds[i]) : containsIgnoreCase(e.body(), icontains.get(i));
        }
        if (!found) {
          return false;
        }
      }
      if (contains != null) {
        boolean found = false;
        for (int i = 0; i < contains.size() && !found; i++) {
          found = present != null ? present.has(containsIds[i]) : e.body().contains(contains.get(i));
        }
        if (!found) {
          return false;
        }
      }
      // cheap tests first: the alternatives usually start with literals, the regexes come last
      if (any != null) {
        boolean one = false;
        for (Test t : any) {
          if (t.test(e, present)) {
            one = true;
            break;
          }
        }
        if (!one) {
          return false;
        }
      }
      if (regex != null && !regex.find(e.body())) {
        return false;
      }
      return not == null || !not.find(e.body());
    }
  }

  /** Whether {@code text} holds {@code lower} (lower case) in any case. */
  static boolean containsIgnoreCase(String text, String lower) {
    int n = lower.length();
    if (n == 0) {
      return true;
    }
    char first = lower.charAt(0);
    char firstUp = Character.toUpperCase(first);
    for (int i = 0, last = text.length() - n; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUp) && text.regionMatches(true, i, lower, 0, n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The side this signal speaks of: its test's source, else its name's prefix (client., server.,
   * launcher.); null for input facts.
   */
  public Source side() {
    if (spec.match() != null && spec.match().source() != null) {
      return Source.of(spec.match().source());
    }
    String n = spec.name();
    return n.startsWith("client.") ? Source.CLIENT : n.startsWith("server.") ? Source.SERVER
        : n.startsWith("launcher.") ? Source.LAUNCHER : null;
  }

  static List<String> lower(List<String> in) {
    List<String> out = new ArrayList<>();
    in.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
    return out;
  }
}
