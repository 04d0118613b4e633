package dev.coroner.diagnose;

import dev.coroner.rules.RuleException;
import dev.coroner.rules.RuleFile;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signal;
import dev.coroner.signal.Signals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every diagnosis rule in effect, compiled and checked against the known signals. */
public final class Diagnoses {
  /** The classification vocabulary of the JSON contract. */
  public static final Set<String> CLASSIFICATIONS = Set.of("startup-failure", "race-condition", "post-start-crash",
      "unresponsive", "misconfiguration", "not-started", "healthy", "inconclusive");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private final List<Rule> rules;
  private final RequestKeys keys;

  private Diagnoses(List<Rule> rules, RequestKeys keys) {
    this.rules = List.copyOf(rules);
    this.keys = keys;
  }

  /** What the rules' {@code same} conditions compare: the occurrences the engine keys. */
  RequestKeys keys() {
    return keys;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The causes the rules can give, sorted. */
  public Set<String> causes() {
    Set<String> out = new TreeSet<>();
    rules.forEach(r -> out.add(r.spec().classification() + "/" + r.spec().cause()));
    return out;
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+:)?([a-z0-9_.-]+)\\}");
  /** Fields every occurrence of a signal has, whatever its line: where it stands. */
  private static final Set<String> ALWAYS = Set.of("ref", "file", "line", "time");

  /**
   * A text that is always printed (the last summary, the explanation) may
   * only name signals the rule's condition guarantees, and of them only where they stand: a
   * placeholder that cannot be filled would print "?" or "0" and contradict the evidence
   * (e.g. {first:launcher.start} when only launcher.spawned fired). Earlier summaries are
   * alternatives, used only when all their placeholders have values.
   */
  private static void checkTexts(RuleFile f, DiagnosisSpec spec) {
    Set<String> sure = guaranteed(spec.when());
    // the signals of the condition, and of the fields only those a differ compares
    List<String> always = new ArrayList<>();
    always.add(spec.summary().get(spec.summary().size() - 1));
    if (spec.explanation() != null) {
      always.add(spec.explanation());
    }
    // recommendations are printed only when all their placeholders have values (Engine)
    for (String text : always) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        String ref = m.group(2);
        if (m.group(1) == null && ref.equals("duration")) {
          continue;
        }
        String signal = ref;
        if (m.group(1) == null) {
          int dot = ref.lastIndexOf('.');
          signal = dot > 0 ? ref.substring(0, dot) : ref;
          String field = dot > 0 ? ref.substring(dot + 1) : "";
          if (!ALWAYS.contains(field) && !sure.contains(ref)) {
            throw new RuleException(f, m.group(), "'" + m.group() + "' may have no value (a field is not on every line);"
                + " use it in an earlier summary, which is skipped when it cannot be filled, and keep the last summary,"
                + " the explanation and the recommendations to what the condition guarantees");
          }
        }
        if (!sure.contains(signal)) {
          throw new RuleException(f, m.group(), "'" + m.group() + "' names " + signal + ", which the condition does not"
              + " guarantee (guaranteed: " + new TreeSet<>(sure) + "); use it in an earlier summary, which is skipped"
              + " when it cannot be filled");
        }
      }
    }
  }

  /** The signals a condition cannot hold without (a has of one signal, in every branch). */
  static Set<String> guaranteed(DiagnosisSpec.ConditionSpec c) {
    Set<String> out = new HashSet<>();
    if (c == null) {
      return out;
    }
    if (c.has() != null && c.has().size() == 1 && !c.has().get(0).contains("*")) {
      out.add(c.has().get(0));
    }
    if (c.sequence() != null) {
      for (String step : c.sequence()) {
        if (!step.contains("|") && !step.contains("*")) {
          out.add(step);
        }
      }
    }
    for (List<String> pair : Arrays.asList(c.differ(), c.unreachable())) {
      if (pair == null) {
        continue;
      }
      for (String ref : pair) {
        int dot = ref.lastIndexOf('.');
        if (dot > 0) {
          out.add(ref.substring(0, dot));
          out.add(ref); // differ needs the field on both sides
        }
      }
    }
    if (c.all() != null) {
      c.all().forEach(x -> out.addAll(guaranteed(x)));
    }
    if (c.any() != null && !c.any().isEmpty()) {
      Set<String> common = new HashSet<>(guaranteed(c.any().get(0)));
      c.any().forEach(x -> common.retainAll(guaranteed(x)));
      out.addAll(common);
    }
    return out;
  }

  /** Compiles the diagnosis files; throws {@link RuleException} on the first bad one. */
  public static Diagnoses load(RuleSet set, Signals signals) {
    List<Rule> rules = new ArrayList<>();
    RequestKeys keys = new RequestKeys();
    List<Set<String>> fieldsKnown = new ArrayList<>(1); // read only when a rule compares fields
    for (RuleFile f : set.files("diagnoses")) {
      DiagnosisSpec spec = RuleSet.read(f, DiagnosisSpec.class);
      if (spec.id() == null || !spec.id().equals(f.id())) {
        throw new RuleException(f, "id:", "id '" + spec.id() + "' must equal the file name '" + f.id() + "'");
      }
      if (spec.classification() == null || !CLASSIFICATIONS.contains(spec.classification())) {
        throw new RuleException(f, "classification:", "classification '" + spec.classification() + "' is not one of " + new TreeSet<>(CLASSIFICATIONS));
      }
      if (spec.cause() == null || !spec.cause().matches("[a-z][a-z0-9-]*")) {
        throw new RuleException(f, "cause:", "cause must be a lower-case-word like lifespan-exception");
      }
      if (spec.confidence() == null || spec.confidence() <= 0 || spec.confidence() > 1) {
        throw new RuleException(f, "confidence:", "confidence must be a number in (0, 1]");
      }
      if (spec.when() == null) {
        throw new RuleException(f, "when:", "missing 'when' (the condition)");
      }
      if (spec.summary() == null || spec.summary().isEmpty()) {
        throw new RuleException(f, "summary:", "missing 'summary' (one sentence for the verdict)");
      }
      for (String e : spec.evidence()) {
        expand(f, signals, e);
      }
      checkTexts(f, spec);
      Condition when = compile(f, signals, spec.when(), 0, () -> {
        if (fieldsKnown.isEmpty()) {
          fieldsKnown.add(capturedFields(set, signals));
        }
        return fieldsKnown.get(0);
      });
      collectKeys(when, keys);
      rules.add(new Rule(spec, when, f.origin()));
    }
    rules.sort(Comparator.comparingInt(Rule::priority).reversed().thenComparing(Rule::id));
    return new Diagnoses(rules, keys);
  }

  private static void collectKeys(Condition c, RequestKeys keys) {
    if (c instanceof Condition.Same s) {
      keys.add(s.fields(), s.first(), s.second());
    } else if (c instanceof Condition.All a) {
      a.parts().forEach(p -> collectKeys(p, keys));
    } else if (c instanceof Condition.Any a) {
      a.parts().forEach(p -> collectKeys(p, keys));
    } else if (c instanceof Condition.Not n) {
      collectKeys(n.part(), keys);
    }
  }

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P?<([A-Za-z][A-Za-z0-9_]*)>");

  /**
   * The fields a record can carry by the rules in effect: the named groups of the formats (their
   * start and their extractors; {@code time}, {@code level}, {@code logger} and {@code message}
   * are a record's own, not fields) and of the signals' captures. A key=value format's keys are
   * any words, so a field only they give is not known here.
   */
  static Set<String> capturedFields(RuleSet set, Signals signals) {
    Set<String> out = new TreeSet<>();
    for (RuleFile f : set.files("formats")) {
      dev.coroner.format.FormatSpec spec = RuleSet.read(f, dev.coroner.format.FormatSpec.class);
      List<String> patterns = new ArrayList<>();
      patterns.add(spec.start() == null ? "" : spec.start());
      spec.fields().forEach(x -> patterns.add(x.pattern() == null ? "" : x.pattern()));
      patterns.forEach(p -> namedGroups(p, out));
    }
    for (Signal s : signals.all()) {
      if (s.spec().capture() != null) {
        s.spec().capture().forEach(p -> namedGroups(p, out));
      }
    }
    out.removeAll(Set.of("time", "level", "logger", "message"));
    return out;
  }

  /** Adds the names of {@code pattern}'s named groups to {@code into}. */
  private static void namedGroups(String pattern, Set<String> into) {
    Matcher m = NAMED_GROUP.matcher(pattern);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static Condition compile(RuleFile f, Signals signals, DiagnosisSpec.ConditionSpec c, int depth,
      java.util.function.Supplier<Set<String>> fieldsKnown) {
    if (depth > 32) {
      throw new RuleException(f, "when:", "condition nested more than 32 deep");
    }
    int kinds = count(c.has()) + count(c.absent()) + count(c.sequence()) + count(c.all()) + count(c.any())
        + (c.not() == null ? 0 : 1) + count(c.differ()) + count(c.unreachable());
    if (kinds != 1) {
      throw new RuleException(f, "when:", "each condition needs exactly one of has, absent, sequence, all, any, not, differ, unreachable (found " + kinds + ")");
    }
    if (c.separate() != null && c.differ() == null) {
      throw new RuleException(f, "separate:", "separate says which occurrences a differ compares: use it beside 'differ: [A.field, B.field]'");
    }
    if (c.where() != null && c.has() == null) {
      // absent, sequence and the rest would pass over it in silence: a rule that reads as
      // filtered and is not
      throw new RuleException(f, "where:", "where keeps a has's occurrences with those field values: use it beside 'has:'"
          + " (none with those values: 'not: {has: [...], where: {...}}')");
    }
    if (c.atLeast() != null && c.has() == null) {
      throw new RuleException(f, "atLeast:", "atLeast counts a has's occurrences: use it beside 'has:'");
    }
    if ((c.within() != null || c.apart() != null) && c.sequence() == null) {
      throw new RuleException(f, c.within() != null ? "within:" : "apart:",
          "within and apart time the steps of a sequence: use them beside 'sequence:'");
    }
    if (c.same() != null && c.sequence() == null) {
      throw new RuleException(f, "same:", "same compares the two steps of a sequence: use it beside 'sequence: [A, B]'");
    }
    Scope scope;
    try {
      scope = c.in() == null ? Scope.WINDOW : Scope.of(c.in());
    } catch (IllegalArgumentException e) {
      throw new RuleException(f, "in: " + c.in(), "scope '" + c.in() + "' is not one of before, episode, after, window, all");
    }
    if (c.has() != null) {
      List<String> names = expandAll(f, signals, c.has());
      int n = c.atLeast() == null ? 1 : c.atLeast();
      String text = (n > 1 ? n + "+ " : "") + String.join("|", c.has()) + " " + scope.id();
      return new Condition.Has(names, scope, n, c.where(), text);
    }
    if (c.absent() != null) {
      return new Condition.Absent(expandAll(f, signals, c.absent()), scope, "no " + String.join("|", c.absent()) + " " + scope.id());
    }
    if (c.sequence() != null) {
      List<List<String>> steps = new ArrayList<>();
      for (String step : c.sequence()) {
        List<String> alts = new ArrayList<>();
        for (String alt : step.split("\\|")) {
          alts.addAll(expand(f, signals, alt.trim()));
        }
        steps.add(alts);
      }
      if (c.same() != null) {
        return same(f, c, steps, scope, fieldsKnown.get());
      }
      long apart = c.apart() == null ? 0 : duration(f, c.apart());
      return new Condition.Sequence(steps, scope, c.within() == null ? 0 : duration(f, c.within()), apart,
          String.join(" then ", c.sequence()) + (apart > 0 ? " (each " + c.apart() + " or more apart)" : "") + " " + scope.id());
    }
    if (c.all() != null || c.any() != null) {
      List<Condition> parts = new ArrayList<>();
      for (DiagnosisSpec.ConditionSpec p : c.all() != null ? c.all() : c.any()) {
        parts.add(compile(f, signals, p, depth + 1, fieldsKnown));
      }
      return c.all() != null ? new Condition.All(parts) : new Condition.Any(parts);
    }
    if (c.not() != null) {
      return new Condition.Not(compile(f, signals, c.not(), depth + 1, fieldsKnown));
    }
    String kind = c.differ() != null ? "differ" : "unreachable";
    List<String> pair = c.differ() != null ? c.differ() : c.unreachable();
    if (pair.size() != 2) {
      throw new RuleException(f, kind + ":", kind + " takes two signal.field references");
    }
    String[] a = splitRef(f, pair.get(0));
    String[] b = splitRef(f, pair.get(1));
    expand(f, signals, a[0]);
    expand(f, signals, b[0]);
    return c.differ() != null ? new Condition.Differ(a[0], a[1], b[0], b[1], scope, Boolean.TRUE.equals(c.separate()))
        : new Condition.Unreachable(a[0], a[1], b[0], b[1], scope);
  }

  /** A sequence of two steps whose occurrences share fields: {@link Condition.Same}. */
  private static Condition same(RuleFile f, DiagnosisSpec.ConditionSpec c, List<List<String>> steps, Scope scope, Set<String> known) {
    if (steps.size() != 2) {
      throw new RuleException(f, "same:", "same compares two occurrences: its sequence needs exactly two steps (found " + steps.size() + ")");
    }
    if (c.same().isEmpty()) {
      throw new RuleException(f, "same:", "same needs at least one field, e.g. same: [path, method]");
    }
    Set<String> seen = new HashSet<>();
    for (String field : c.same()) {
      if (!seen.add(field)) {
        throw new RuleException(f, field, "same names field '" + field + "' twice");
      }
      if (!known.contains(field)) {
        String near = known.stream().min(Comparator.comparingInt(k -> distance(field, k))).orElse("");
        throw new RuleException(f, field, "unknown field '" + field + "': no format or signal captures it"
            + (!near.isEmpty() && distance(field, near) <= 2 ? " (did you mean " + near + "?)" : "")
            + " (fields captured: " + String.join(", ", known) + ")");
      }
    }
    return new Condition.Same(steps.get(0), steps.get(1), List.copyOf(c.same()), scope,
        c.within() == null ? 0 : duration(f, c.within()),
        String.join(" then ", c.sequence()) + " with the same " + String.join(", ", c.same()) + " " + scope.id());
  }

  private static String[] splitRef(RuleFile f, String ref) {
    int dot = ref.lastIndexOf('.');
    if (dot <= 0 || ref.indexOf('.') == dot) {
      throw new RuleException(f, ref, "'" + ref + "' must be signal.field, e.g. client.connection-refused.port");
    }
    return new String[] {ref.substring(0, dot), ref.substring(dot + 1)};
  }

  private static long duration(RuleFile f, String s) {
    Matcher m = DURATION.matcher(s.trim());
    if (!m.matches()) {
      throw new RuleException(f, "within:", "within '" + s + "' must be a number with ms, s, m or h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> n;
      case "s" -> n * 1000;
      case "m" -> n * 60_000;
      default -> n * 3_600_000;
    };
  }

  private static int count(List<?> l) {
    return l == null ? 0 : 1;
  }

  private static List<String> expandAll(RuleFile f, Signals signals, List<String> patterns) {
    List<String> out = new ArrayList<>();
    for (String p : patterns) {
      out.addAll(expand(f, signals, p));
    }
    return out;
  }

  static List<String> expand(RuleFile f, Signals signals, String pattern) {
    List<String> names = signals.expand(pattern);
    if (names.isEmpty()) {
      throw new RuleException(f, pattern, "unknown signal '" + pattern + "'" + suggest(signals, pattern)
          + " (see 'coroner rules list')");
    }
    return names;
  }

  private static String suggest(Signals signals, String wrong) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (Signal s : signals.all()) {
      int d = distance(wrong, s.name());
      if (d < bestDist) {
        bestDist = d;
        best = s.name();
      }
    }
    if (best != null && bestDist <= Math.max(3, wrong.length() / 3)) {
      return " (did you mean " + best + "?)";
    }
    // same side, and the wrong name's "what" is part of a known one: client.refused -> client.connection-refused
    int dot = wrong.indexOf('.');
    if (dot > 0) {
      String side = wrong.substring(0, dot + 1);
      String what = wrong.substring(dot + 1);
      for (Signal s : signals.all()) {
        if (s.name().startsWith(side) && !what.isEmpty() && s.name().substring(dot + 1).contains(what)) {
          return " (did you mean " + s.name() + "?)";
        }
      }
    }
    return "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
