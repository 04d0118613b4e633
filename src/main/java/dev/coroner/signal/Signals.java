package dev.coroner.signal;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.format.Format;
import dev.coroner.format.Formats;
import dev.coroner.format.Source;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleException;
import dev.coroner.rules.RuleFile;
import dev.coroner.rules.RuleSet;
import dev.coroner.rules.SafePattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Every signal in effect, compiled; annotates events with the signals they carry. */
public final class Signals {
  private static final Pattern NAME = Pattern.compile("[a-z]+\\.[a-z0-9-]+");
  private static final Pattern DERIVED =
      Pattern.compile("run-unfinished|startup-unfinished|unexplained|(no-log|empty-log|untimed-log):(client|server|launcher)");
  private final List<Signal> all;
  private final Map<String, Signal> byName;
  /** The case-sensitive literals of the {@code contains} tests, by id (found through {@link #folded}). */
  private final List<String> literals;
  /**
   * Every literal of every {@code contains} and {@code icontains} test in lower case: one scan
   * per record finds them all; a case-sensitive one found is then checked in its own case.
   */
  private final Literals folded;
  private final ThreadLocal<Literals.Presence> presence;

  private final int[] toFolded;

  /** Per side: the signals a record of that side is tested by, in the rules' order. */
  private final Signal[][] bySource;
  /** Per side: its signals' gates turned around (see {@link Candidates}). */
  private final Candidates[] candidates;
  /** Whether the literal-first gate is used (false only to check that it changes nothing, see {@link #ungated}). */
  private final boolean gated;

  /**
   * Per format id, the fields whose first whole-token occurrence in a body signals read as
   * {@code 0} (the format's {@code signalMask}, see {@link #masking}); empty when none.
   */
  private final Map<String, String[]> masks;

  /** Whose records are surely whose ({@link #knowing}); {@link Signal.SureSides#NONE} until then. */
  private final Signal.SureSides sure;

  private Signals(List<Signal> all, List<String> literals, Literals folded, int[] toFolded, boolean gated) {
    this(all, literals, folded, toFolded, gated, Map.of(), Signal.SureSides.NONE);
  }

  private Signals(List<Signal> all, List<String> literals, Literals folded, int[] toFolded, boolean gated,
      Map<String, String[]> masks, Signal.SureSides sure) {
    this.masks = masks;
    this.sure = sure;
    this.folded = folded;
    this.toFolded = toFolded;
    this.gated = gated;
    this.all = List.copyOf(all);
    this.literals = literals;
    this.presence = ThreadLocal.withInitial(() -> new Literals.Presence(literals, folded, toFolded));
    this.byName = new LinkedHashMap<>();
    all.forEach(s -> byName.put(s.name(), s));
    bySource = new Signal[Source.values().length][];
    for (Source src : Source.values()) {
      List<Signal> list = new ArrayList<>();
      for (Signal s : all) {
        if (s.spec().derived() != null) {
          continue;
        }
        Source want = s.spec().match() == null || s.spec().match().source() == null ? null : Source.of(s.spec().match().source());
        // a record of unknown side is tested by every signal (content decides, then its side),
        // but for those whose words mean something only in a record of their side
        if (want == null || want == src || src == Source.OTHER && !s.spec().strict()) {
          list.add(s);
        }
      }
      bySource[src.ordinal()] = list.toArray(new Signal[0]);
    }
    candidates = new Candidates[bySource.length];
    for (int i = 0; i < bySource.length; i++) {
      candidates[i] = new Candidates(bySource[i], folded.size());
      nameLists.add(new java.util.concurrent.ConcurrentHashMap<>());
    }
  }

  /**
   * The same signals, each tested on every record of its side (no literal-first gate), every
   * regex of a test run even where the body lacks the literals it requires: what the gates must
   * not change, for the tests that check they do not.
   */
  Signals ungated() {
    return new Signals(all, literals, folded, toFolded, false, masks, sure);
  }

  /**
   * The same signals, reading the records of each format named in {@code masks} (format id to
   * field names: the formats' {@code signalMask}) with each named field's value, where it first
   * occurs in the body as a whole token, replaced by {@code 0}: a client's ephemeral port then
   * no longer makes every access line a new body, so one answer (and one memo entry) serves
   * them all. A field that some signal tests is not masked (its value would decide the answer).
   */
  public Signals masking(Map<String, List<String>> masks) {
    Set<String> tested = fieldsTested();
    Map<String, String[]> keep = new HashMap<>();
    masks.forEach((format, fields) -> {
      String[] f = fields.stream().filter(n -> !tested.contains(n)).distinct().toArray(String[]::new);
      if (f.length > 0) {
        keep.put(format, f);
      }
    });
    return new Signals(all, literals, folded, toFolded, gated, Map.copyOf(keep), sure);
  }

  /**
   * The same signals, reading records with {@code formats}: each format's {@code signalMask}
   * ({@link #masking}), and whose records are surely whose ({@link Formats#sureSide}) for the tests
   * with {@code unlessSurely}. What every command that reads a folder uses.
   */
  public Signals knowing(Formats formats) {
    Signals masked = masking(formats.signalMasks());
    return new Signals(masked.all, literals, folded, toFolded, gated, masked.masks,
        e -> formats.sureSide(e.format(), e.logger(), e.source()));
  }

  /**
   * The signals that no literal or field gates: each is tested on every record of its side,
   * because nothing a record must hold could be read from its test (see {@link RegexLiterals}).
   */
  public List<String> ungatedNames() {
    List<String> out = new ArrayList<>();
    for (Signal s : all) {
      if (s.derived() == null && s.gate() == null) {
        out.add(s.name());
      }
    }
    return out;
  }

  /** Compiles the signal files of {@code rules}; throws {@link RuleException} on the first bad one. */
  public static Signals load(RuleSet rules) {
    List<Signal> all = new ArrayList<>();
    Map<String, Integer> literalIds = new LinkedHashMap<>();
    Map<String, Integer> foldedIds = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (RuleFile f : rules.files("signals")) {
      SignalSpec.File file = RuleSet.read(f, SignalSpec.File.class);
      if (file.id() != null && !file.id().equals(f.id())) {
        throw new RuleException(f, "id:", "id '" + file.id() + "' must equal the file name '" + f.id() + "'");
      }
      for (SignalSpec s : file.signals()) {
        if (s.name() == null || !NAME.matcher(s.name()).matches()) {
          throw new RuleException(f, "name: " + s.name(), "signal name '" + s.name() + "' must look like side.what (lower case, e.g. client.connection-refused)");
        }
        if (!seen.add(s.name())) {
          throw new RuleException(f.origin(), f.lastLineOf("name: " + s.name()), 1, "signal '" + s.name() + "' is defined twice");
        }
        if (s.match() == null && s.derived() == null) {
          throw new RuleException(f, "name: " + s.name(), "signal '" + s.name() + "' has no 'match' (or 'derived')");
        }
        if (s.derived() != null && !DERIVED.matcher(s.derived()).matches()) {
          throw new RuleException(f, "derived: " + s.derived(), "derived '" + s.derived()
              + "' of " + s.name() + " must be run-unfinished, startup-unfinished, unexplained, no-log:SIDE, empty-log:SIDE or untimed-log:SIDE");
        }
        Signal.Role role;
        try {
          role = Signal.Role.valueOf(s.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new RuleException(f, "role: " + s.role(), "role '" + s.role() + "' of " + s.name() + " must be trouble, good or info");
        }
        List<SafePattern> caps = new ArrayList<>();
        List<int[]> capNeeds = new ArrayList<>();
        for (String c : s.capture()) {
          caps.add(compile(f, c));
          capNeeds.add(needs(c, foldedIds));
        }
        Signal.Test test = s.match() == null ? null : compile(f, s.name(), s.match(), literalIds, foldedIds);
        Signal.Gate gate = s.match() == null ? null : gate(s.match(), foldedIds);
        all.add(new Signal(s, role, test, caps, capNeeds, f.origin(), gate));
      }
    }
    // one automaton in lower case serves both kinds of literal (see Literals.Presence)
    int[] toFolded = new int[literalIds.size()];
    for (Map.Entry<String, Integer> e : literalIds.entrySet()) {
      toFolded[e.getValue()] = foldedIds.computeIfAbsent(Literals.fold(e.getKey()), k -> foldedIds.size());
    }
    return new Signals(all, List.copyOf(literalIds.keySet()), Literals.of(List.copyOf(foldedIds.keySet()), true), toFolded, true);
  }

  /**
   * The gate of a condition (see {@link Signal.Gate}): the most selective set of literals one of
   * which every record that passes must hold (its {@code contains}, its {@code icontains}, or the
   * literals its regex requires), else the union of its alternatives' gates, else one of the
   * fields it tests; null when there is none. Literals are interned in {@code foldedIds}.
   */
  static Signal.Gate gate(SignalSpec.Condition c, Map<String, Integer> foldedIds) {
    Set<String> best = null;
    List<Set<String>> candidates = new ArrayList<>();
    for (List<String> list : Arrays.asList(c.contains(), c.icontains())) {
      if (list != null) {
        Set<String> set = new LinkedHashSet<>();
        list.forEach(l -> set.add(Literals.fold(String.valueOf(l))));
        candidates.add(RegexLiterals.minimal(set));
      }
    }
    if (c.regex() != null) {
      candidates.add(RegexLiterals.required(c.regex()));
    }
    for (Set<String> set : candidates) {
      if (set == null || set.isEmpty() || set.contains("")) {
        continue;
      }
      if (best == null || shortest(set) > shortest(best) || shortest(set) == shortest(best) && set.size() < best.size()) {
        best = set;
      }
    }
    if (best != null) {
      int[] ids = best.stream().mapToInt(l -> foldedIds.computeIfAbsent(l, k -> foldedIds.size())).toArray();
      return new Signal.Gate(ids, List.of());
    }
    if (c.any() != null && !c.any().isEmpty()) {
      Set<Integer> ids = new LinkedHashSet<>();
      Set<String> fields = new LinkedHashSet<>();
      for (SignalSpec.Condition sub : c.any()) {
        Signal.Gate g = gate(sub, foldedIds);
        if (g == null) {
          return null; // an alternative that may pass on any record
        }
        for (int id : g.literals()) {
          ids.add(id);
        }
        fields.addAll(g.fields());
      }
      return new Signal.Gate(ids.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(fields));
    }
    if (c.fields() != null && !c.fields().isEmpty()) {
      return new Signal.Gate(new int[0], List.of(c.fields().keySet().iterator().next()));
    }
    return null;
  }

  private static int shortest(Set<String> set) {
    return set.stream().mapToInt(String::length).min().orElse(0);
  }

  /** The side a condition's {@code key} names, null when not given; a one-line rule error for an unknown one. */
  private static Source side(RuleFile f, String name, String key, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Source.of(value);
    } catch (IllegalArgumentException e) {
      throw new RuleException(f, key + ": " + value, "unknown source '" + value + "' in " + name + " (one of client, server, launcher, other)");
    }
  }

  private static Signal.Test compile(RuleFile f, String name, SignalSpec.Condition c, Map<String, Integer> literalIds,
      Map<String, Integer> foldedIds) {
    Source source = side(f, name, "source", c.source());
    Set<String> levels = c.level() == null ? null : new HashSet<>(upper(c.level()));
    Map<String, Set<String>> fields = null;
    Map<String, List<SafePattern>> fieldPatterns = null;
    if (c.fields() != null) {
      fields = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : c.fields().entrySet()) {
        List<String> values = new ArrayList<>();
        for (Object v : e.getValue()) {
          String value = String.valueOf(v);
          if (value.startsWith("~")) {
            // a value written ~REGEX: a pattern the value must match whole, compiled as every
            // rule's pattern is (a bad one is the rule file's error, a user's runs on a budget)
            if (fieldPatterns == null) {
              fieldPatterns = new LinkedHashMap<>();
            }
            fieldPatterns.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(compile(f, value.substring(1)));
          } else {
            values.add(value);
          }
        }
        fields.put(e.getKey(), new HashSet<>(Signal.lower(values)));
      }
    }
    List<Signal.Test> any = null;
    if (c.any() != null) {
      any = new ArrayList<>();
      for (SignalSpec.Condition sub : c.any()) {
        any.add(compile(f, name, sub, literalIds, foldedIds));
      }
    }
    int[] ids = null;
    if (c.contains() != null) {
      ids = new int[c.contains().size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = literalIds.computeIfAbsent(c.contains().get(i), k -> literalIds.size());
      }
    }
    int[] iids = null;
    if (c.icontains() != null) {
      iids = new int[c.icontains().size()];
      for (int i = 0; i < iids.length; i++) {
        iids[i] = foldedIds.computeIfAbsent(Literals.fold(c.icontains().get(i)), k -> foldedIds.size());
      }
    }
    return new Signal.Test(source, levels, fields, fieldPatterns, ids, iids, regex(f, c.regex(), foldedIds), regex(f, c.not(), foldedIds), any,
        side(f, name, "unlessSurely", c.unlessSurely()));
  }

  /**
   * A test's regex with the literals it requires (interned in {@code foldedIds}), and its
   * top-level alternatives each with theirs when splitting saves work (see the comment below).
   * Null for no regex.
   */
  private static Signal.Regex regex(RuleFile f, String regex, Map<String, Integer> foldedIds) {
    if (regex == null) {
      return null;
    }
    int[] needs = needs(regex, foldedIds);
    List<Signal.Regex> branches = null;
    List<String> parts = RegexLiterals.branches(regex);
    if (parts != null) {
      branches = new ArrayList<>();
      boolean some = false;
      boolean each = true;
      for (String part : parts) {
        int[] n = needs(part, foldedIds);
        SafePattern p = compile(f, part);
        some |= n != null;
        each &= n != null || p.anchored();
        branches.add(new Signal.Regex(p, n, null));
      }
      // split when it saves work: each alternative is gated or tried at the start alone (a
      // whole with an alternative anchored by '^' is tried at every position, and loses the
      // fast search of a literal-led pattern), or the whole has no literal and some alternative has
      if (!(each || needs == null && some)) {
        branches = null;
      }
    }
    return new Signal.Regex(compile(f, regex), needs, branches == null ? null : List.copyOf(branches));
  }

  /**
   * The folded ids of the literals one of which every match of {@code regex} holds (interned in
   * {@code foldedIds}); null when it has none.
   */
  private static int[] needs(String regex, Map<String, Integer> foldedIds) {
    Set<String> required = RegexLiterals.required(regex);
    if (required == null || required.isEmpty() || required.contains("")) {
      return null;
    }
    return required.stream().mapToInt(l -> foldedIds.computeIfAbsent(l, k -> foldedIds.size())).toArray();
  }

  private static List<String> upper(List<String> in) {
    return in.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
  }

  private static SafePattern compile(RuleFile f, String regex) {
    try {
      return SafePattern.compile(regex, f.builtIn());
    } catch (PatternSyntaxException e) {
      throw new RuleException(f, regex, "bad regex " + regex + ": " + e.getMessage());
    }
  }

  /** Only these signals (by name): a cheaper annotator for a pass that needs a few of them. */
  public Signals subset(Collection<String> names) {
    List<Signal> keep = new ArrayList<>();
    for (Signal s : all) {
      if (names.contains(s.name())) {
        keep.add(s);
      }
    }
    return new Signals(keep, literals, folded, toFolded, gated, masks, sure); // the tests keep their literal ids: same automata
  }

  /**
   * What a record must have for one of these signals to be tested on it at all ({@link
   * dev.coroner.format.Wanted}): among the signals that test a record of its side and level (as
   * {@link #match} chooses them), one whose gate asks for a field it has or a literal its body
   * holds (read in lower case, as the gates are). A record with neither opens no gate, so {@link
   * #annotate} gives it no signal. Null when some signal has no gate (it is tested on every
   * record of its side and level), or when a masked body ({@link #masking}) could hold a literal
   * that the body lacks (a literal with the mask's {@code 0} in it).
   */
  public dev.coroner.format.Wanted wanted() {
    Set<String> allFields = new LinkedHashSet<>();
    for (Signal s : all) {
      if (s.spec().derived() != null) {
        continue; // never tested by match
      }
      Signal.Gate g = s.gate();
      if (g == null) {
        return null;
      }
      for (int id : g.literals()) {
        if (!masks.isEmpty() && folded.literal(id).indexOf('0') >= 0) {
          return null; // the mask writes a 0 into the body: such a literal could be in the masked body only
        }
      }
      allFields.addAll(g.fields());
    }
    // per side and level (upper case): the union of the gates of the signals that test such a record
    java.util.concurrent.ConcurrentHashMap<String, WantedGate> gates = new java.util.concurrent.ConcurrentHashMap<>();
    return new dev.coroner.format.Wanted(allFields, () -> {
      // one thread's: its buffer, and its last side, level (by identity) and gate
      char[][] chars = {new char[256]};
      Object[] last = new Object[3];
      return (side, level, fields, body) -> {
        WantedGate g;
        if (side == last[0] && level == last[1]) {
          g = (WantedGate) last[2];
        } else {
          String key = side.ordinal() + level.toUpperCase(Locale.ROOT);
          g = gates.get(key);
          if (g == null) {
            g = wantedGate(side, key.substring(1));
            if (gates.size() < 64 * Source.values().length) {
              gates.put(key, g);
            }
          }
          last[0] = side;
          last[1] = level;
          last[2] = g;
        }
        if (g.fields.length > 0 && !fields.isEmpty()) {
          for (String f : g.fields) {
            if (fields.get(f) != null) {
              return true;
            }
          }
        }
        if (g.literals == null) {
          return false;
        }
        if (chars[0].length < body.length()) {
          chars[0] = new char[Math.max(body.length(), 2 * chars[0].length)];
        }
        return g.literals.holdsAny(body, chars[0]);
      };
    });
  }

  /** The gates of the signals that test a record of one side and level: their fields, and an automaton of their literals (null: none). */
  private record WantedGate(String[] fields, Literals literals) {}

  private WantedGate wantedGate(Source side, String upperLevel) {
    Set<String> words = new LinkedHashSet<>();
    Set<String> fields = new LinkedHashSet<>();
    for (Signal s : bySource[side.ordinal()]) {
      Set<String> levels = s.levels();
      if (levels != null && !levels.contains(upperLevel)) {
        continue;
      }
      Signal.Gate g = s.gate(); // not null: see wanted
      for (int id : g.literals()) {
        words.add(folded.literal(id));
      }
      fields.addAll(g.fields());
    }
    return new WantedGate(fields.toArray(new String[0]), words.isEmpty() ? null : Literals.of(List.copyOf(words), true));
  }

  /**
   * The literal gate of {@code timeline --signal}: a test, for a record as read (before
   * {@link #annotate}), that is false only when the record cannot carry any of the signals
   * {@code patterns} name (a name or {@code side.*}): none of them tests a record of its side, or
   * each that does has a gate (level, field, literals: {@link Candidates}) the record does not
   * open. Derived signals are left out: {@link #annotate} never gives them. Null when some
   * signal named has no gate, so every record of its side must be annotated.
   */
  public java.util.function.Predicate<Event> mayCarry(Collection<String> patterns) {
    Set<String> names = new HashSet<>();
    patterns.forEach(p -> names.addAll(expand(p)));
    Candidates[] want = new Candidates[bySource.length];
    for (int src = 0; src < bySource.length; src++) {
      List<Signal> list = new ArrayList<>();
      for (Signal s : bySource[src]) {
        if (names.contains(s.name())) {
          if (s.gate() == null) {
            return null;
          }
          list.add(s);
        }
      }
      want[src] = new Candidates(list.toArray(new Signal[0]), folded.size());
    }
    return e -> {
      Candidates c = want[e.source().ordinal()];
      if (c.signals().length == 0) {
        return false;
      }
      Literals.Presence present = presence.get();
      present.reset(e.body());
      long[] bits = present.bits(c.words());
      c.of(e, present, bits);
      for (int w = 0; w < c.words(); w++) {
        if (bits[w] != 0) {
          return true;
        }
      }
      return false;
    };
  }

  /** This thread's reading of which literals {@code body} holds (for the tests of the capture gate). */
  Literals.Presence presenceOf(String body) {
    Literals.Presence p = presence.get();
    p.reset(body);
    return p;
  }

  /** The folded automaton of every literal (the gates' ids index it). */
  Literals folded() {
    return folded;
  }

  /** The event fields the signals' tests read (not those they capture themselves). */
  public Set<String> fieldsTested() {
    Set<String> out = new HashSet<>();
    all.forEach(s -> s.fieldsTested(out));
    return out;
  }

  /**
   * The event fields annotating reads: those the tests read, and those {@link #masking} masks
   * (a pass that extracts only some fields must extract these for the masks to apply).
   */
  public Set<String> fieldsRead() {
    Set<String> out = fieldsTested();
    masks.values().forEach(f -> out.addAll(List.of(f)));
    return out;
  }

  public List<Signal> all() {
    return all;
  }

  public Signal get(String name) {
    return byName.get(name);
  }

  /** Names of signals matching a pattern: an exact name, or a prefix ending in {@code .*}. */
  public List<String> expand(String pattern) {
    if (pattern.endsWith(".*")) {
      String prefix = pattern.substring(0, pattern.length() - 1);
      return all.stream().map(Signal::name).filter(n -> n.startsWith(prefix)).toList();
    }
    return byName.containsKey(pattern) ? List.of(pattern) : List.of();
  }

  private final ThreadLocal<dev.coroner.format.BodyMemo<Memo>> memo = ThreadLocal.withInitial(dev.coroner.format.BodyMemo::new);

  /**
   * The event with the signals it carries and the fields they capture. One-line events with the
   * same side, level, logger, format and body get the same answer, so it is remembered (per
   * thread, bounded): log lines repeat.
   */
  public Event annotate(Event e) {
    if (e.lastLine() != e.line()) {
      return match(e);
    }
    if (!masks.isEmpty()) {
      String[] mask = masks.get(e.format());
      if (mask != null && e.fields() instanceof dev.coroner.format.FieldMap f && f.shape() != null) {
        Event a = annotateShaped(e, f, mask);
        if (a != null) {
          return a;
        }
      }
      String key = mask == null ? null : masked(e.body(), e.fields(), mask);
      if (key != null) {
        return annotateMasked(e, key, mask);
      }
    }
    dev.coroner.format.BodyMemo<Memo> m = memo.get();
    Memo hit = m.get(e.body());
    if (hit != null && hit.sameInput(e)) {
      return carrying(e, hit.names, hit.fieldsOut, hit.sourceOut);
    }
    Event a = match(e);
    m.put(e.body(), new Memo(e.source(), e.level(), e.logger(), e.format(), e.fields(), a.signals(), a.fields(), a.source()));
    return a;
  }

  /** What {@link #match} made of one body, with the other inputs it depended on. */
  private record Memo(Source source, String level, String logger, String format, Map<String, String> fieldsIn,
      List<String> names, Map<String, String> fieldsOut, Source sourceOut) {
    boolean sameInput(Event e) {
      return sameHead(e) && (fieldsIn == e.fields() || fieldsIn.equals(e.fields()));
    }

    /** As {@link #sameInput}, the masked fields left aside. */
    boolean sameMaskedInput(Event e, String[] mask) {
      return sameHead(e) && (fieldsIn == e.fields() || ((dev.coroner.format.FieldMap) fieldsIn).sameExcept(e.fields(), mask));
    }

    private boolean sameHead(Event e) {
      return source == e.source() && level.equals(e.level()) && logger.equals(e.logger()) && format.equals(e.format());
    }
  }

  /**
   * {@code e} carrying {@code names} (none: {@code e} itself) with {@code fields}, on side
   * {@code side}: a remembered answer applied to a record.
   */
  private static Event carrying(Event e, List<String> names, Map<String, String> fields, Source side) {
    if (names.isEmpty()) {
      return e;
    }
    Event a = e.withSignals(names, fields);
    return side == e.source() ? a : a.withSource(side);
  }

  private final ThreadLocal<Masking> masking = ThreadLocal.withInitial(Masking::new);

  /** One thread's memo of masked bodies, and the answers it gave the last shapes of body. */
  private static final class Masking {
    final dev.coroner.format.BodyMemo<Memo> memo = new dev.coroner.format.BodyMemo<>();
    final Shaped[] shapes = new Shaped[SHAPES];
    int next;

    Shaped find(dev.coroner.format.BodyShape shape, String[] mask) {
      for (Shaped s : shapes) {
        if (s != null && s.shape == shape && s.mask == mask) {
          return s;
        }
      }
      return null;
    }

    Shaped add(Shaped s) {
      shapes[next] = s;
      next = (next + 1) % SHAPES;
      return s;
    }
  }

  /** Shapes of body whose answers a thread keeps (a log's reader remembers four kinds of access line). */
  private static final int SHAPES = 8;

  /**
   * A shape of body under one format's mask: the masked body every body of the shape has when
   * its gap's value is masked there (null when the mask is not the shape's one field alone), and
   * the answer last given for it.
   */
  private static final class Shaped {
    final dev.coroner.format.BodyShape shape;
    final String[] mask;
    final String key;
    Memo answer;

    Shaped(dev.coroner.format.BodyShape shape, String[] mask, String key) {
      this.shape = shape;
      this.mask = mask;
      this.key = key;
    }
  }

  /**
   * {@code body} with the value of each field of {@code mask} replaced by {@code 0} where it
   * first occurs as a whole token (no letter or digit on either side); null when no field of
   * the mask is there.
   */
  static String masked(String body, Map<String, String> fields, String[] mask) {
    String out = null;
    for (String name : mask) {
      String v = fields.get(name);
      if (v == null || v.isEmpty() || v.equals("0")) {
        continue;
      }
      String b = out == null ? body : out;
      int at = wholeToken(b, v);
      if (at >= 0) {
        out = new StringBuilder(b.length()).append(b, 0, at).append('0').append(b, at + v.length(), b.length()).toString();
      }
    }
    return out;
  }

  private static int wholeToken(String text, String v) {
    for (int at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) {
      int end = at + v.length();
      if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
        return at;
      }
    }
    return -1;
  }

  /**
   * {@link #annotate} of a one-line record whose format masks some of its fields: the signals
   * are those of the masked body {@code key}, remembered by it. A signal that captures a field
   * from such a record has it read from the real body, unremembered (no bundled signal does).
   */
  private Event annotateMasked(Event e, String key, String[] mask) {
    Memo answer = maskedAnswer(e, key, mask, masking.get().memo);
    return answer == null ? match(e) : carrying(e, answer.names, e.fields(), answer.sourceOut);
  }

  /**
   * What the signals say of {@code e} by its masked body {@code key}: remembered in {@code m}, or
   * found and remembered; null when a signal captures a field from it (then {@code e} is matched
   * itself, unremembered).
   */
  private Memo maskedAnswer(Event e, String key, String[] mask, dev.coroner.format.BodyMemo<Memo> m) {
    Memo hit = m.get(key);
    if (hit != null && hit.sameMaskedInput(e, mask)) {
      return hit;
    }
    Event canon = new Event(e.source(), e.file(), e.line(), e.lastLine(), e.ordinal(), e.when(), e.level(), e.logger(),
        e.message(), key, e.text(), e.fields(), e.format(), e.signals());
    Event r = match(canon);
    if (r != canon && r.fields() != canon.fields()) {
      return null;
    }
    List<String> names = r == canon ? List.of() : r.signals();
    Memo made = new Memo(e.source(), e.level(), e.logger(), e.format(), e.fields(), names, null, r.source());
    m.put(key, made);
    return made;
  }

  /**
   * {@link #annotateMasked} of a record whose fields carry the shape of its body ({@link
   * dev.coroner.format.FieldMap#shape}), without masking the body: when the format's mask is the
   * shape's one field and the first whole token of its value ({@link #masked}'s place) is at the
   * gap, the masked body is the shape's prefix, {@code 0} and its suffix, the same for every record of the
   * shape; and the answer given to one record of the shape serves every other with the same
   * head, their fields being equal but for the masked one. Null when that does not hold (then
   * {@link #masked} decides, as for any record).
   */
  private Event annotateShaped(Event e, dev.coroner.format.FieldMap f, String[] mask) {
    dev.coroner.format.BodyShape shape = f.shape();
    String value = f.valueAt(shape.index());
    String body = e.body();
    if (!shape.fits(body, value) || value.isEmpty() || value.equals("0")) {
      return null;
    }
    Masking m = masking.get();
    Shaped s = m.find(shape, mask);
    if (s == null) {
      s = m.add(new Shaped(shape, mask, shapeKey(f, mask)));
    }
    // masked() replaces the value's first whole token: at the gap, the shape's masked body
    if (s.key == null || wholeToken(body, value) != shape.prefix().length()) {
      return null;
    }
    Memo answer = s.answer;
    if (answer == null || !answer.sameHead(e)) {
      answer = maskedAnswer(e, s.key, mask, m.memo);
      if (answer == null) {
        return match(e);
      }
      s.answer = answer;
    }
    return carrying(e, answer.names, e.fields(), answer.sourceOut);
  }

  /**
   * The masked body every record of {@code f}'s shape has ({@link #masked}'s, when its gap's value
   * is the first whole token of its kind): the shape's prefix, {@code 0} and its suffix, when the
   * mask is the gap's field alone; else null.
   */
  private static String shapeKey(dev.coroner.format.FieldMap f, String[] mask) {
    dev.coroner.format.BodyShape shape = f.shape();
    boolean alone = mask.length == 1 && mask[0].equals(f.keyAt(shape.index()));
    return alone ? shape.prefix() + "0" + shape.suffix() : null;
  }

  /** {@link #annotate} as an annotator that readings know to answer by a record's content alone ({@link dev.coroner.format.Records.ByContent}). */
  public dev.coroner.format.Records.ByContent annotator() {
    return new dev.coroner.format.Records.ByContent() {
      @Override
      public Event apply(Event e) {
        return annotate(e);
      }

      /**
       * True when the format's mask is the gap's field alone and the shape's masked body captures
       * nothing: {@link #annotateShaped} then answers every record of the shape by the answer
       * remembered for that body (no signal tests a masked field, see {@link #masking}).
       */
      @Override
      public boolean answersByShape(Event e) {
        String[] mask = masks.get(e.format());
        if (mask == null || e.lastLine() != e.line() || !(e.fields() instanceof dev.coroner.format.FieldMap f) || f.shape() == null) {
          return false;
        }
        String key = shapeKey(f, mask);
        return key != null && maskedAnswer(e, key, mask, masking.get().memo) != null;
      }
    };
  }

  /** The signals of one record, without the memo of {@link #annotate} (package-private for SignalMatchBench). */
  Event match(Event e) {
    Map<String, String> fields = null;
    long carried = 0; // the signals carried, by their index in the side's list (when it has at most 64)
    List<String> many = null; // else their names
    Literals.Presence present = presence.get();
    present.reset(e.body());
    Signal[] list = bySource[e.source().ordinal()];
    long[] worth = null;
    if (gated) {
      // literal first: a signal is tested only when the record holds what its gate asks (the
      // body is scanned for every literal once, and the literals found name the signals)
      Candidates c = candidates[e.source().ordinal()];
      worth = present.bits(c.words());
      c.of(e, present, worth);
    }
    for (int i = 0; i < list.length; i++) {
      if (worth != null && (worth[i >>> 6] & 1L << i) == 0) {
        continue;
      }
      Signal s = list[i];
      if (s.matches(e, present, gated, sure)) {
        if (fields == null) {
          fields = e.fields();
        }
        if (list.length <= 64) {
          carried |= 1L << i;
        } else {
          if (many == null) {
            many = new ArrayList<>(2);
          }
          many.add(s.name());
        }
        fields = s.capture(e.body(), gated ? present : null, fields, fields != e.fields());
      }
    }
    if (fields == null) {
      return e;
    }
    List<String> names = many;
    if (names == null) {
      // records in a row mostly carry the same signals: the thread's last list per side first
      int side = e.source().ordinal();
      names = present.lastNames[side];
      if (names == null || present.lastCarried[side] != carried) {
        names = names(e.source(), carried);
        present.lastNames[side] = names;
        present.lastCarried[side] = carried;
      }
    }
    Event a = e.withSignals(names, fields);
    if (e.source() == Source.OTHER) {
      return bySide(a, names);
    }
    return a;
  }

  /** Distinct sets of signals whose name lists are kept per side; beyond, a list is made per record. */
  private static final int MAX_NAME_LISTS = 4096;
  /** Per side: the names of a set of its signals (bits over its list), one shared list per set. */
  private final List<Map<Long, List<String>>> nameLists = new ArrayList<>();

  /** The names of the signals {@code carried} (bits over the side's list), in the rules' order; one list per set, shared. */
  private List<String> names(Source side, long carried) {
    Map<Long, List<String>> lists = nameLists.get(side.ordinal());
    List<String> names = lists.get(carried);
    if (names == null) {
      Signal[] list = bySource[side.ordinal()];
      List<String> made = new ArrayList<>(Long.bitCount(carried));
      for (long b = carried; b != 0; b &= b - 1) {
        made.add(list[Long.numberOfTrailingZeros(b)].name());
      }
      names = List.copyOf(made);
      if (lists.size() < MAX_NAME_LISTS) {
        lists.putIfAbsent(carried, names);
      }
    }
    return names;
  }

  /**
   * A record of unknown side takes the side most of its signals speak of, and keeps only those
   * signals and the ones of no side: a client's pasted traceback that mentions '/health' and
   * 'refused' is the client's refusal, not also a launcher's failed health check. On a tie it
   * stays of unknown side with all its signals.
   */
  private Event bySide(Event a, List<String> names) {
    int[] votes = new int[Source.values().length];
    for (String n : names) {
      Signal sig = byName.get(n);
      Source s = sig.spec().votes() ? sig.side() : null;
      if (s != null) {
        votes[s.ordinal()]++;
      }
    }
    Source best = null;
    boolean tie = false;
    for (Source s : Source.values()) {
      if (votes[s.ordinal()] == 0) {
        continue;
      }
      if (best == null || votes[s.ordinal()] > votes[best.ordinal()]) {
        best = s;
        tie = false;
      } else if (votes[s.ordinal()] == votes[best.ordinal()]) {
        tie = true;
      }
    }
    if (best == null || tie) {
      return a;
    }
    List<String> kept = new ArrayList<>(names.size());
    for (String n : names) {
      Source s = byName.get(n).side();
      if (s == null || s == best) {
        kept.add(n);
      }
    }
    return (kept.size() == names.size() ? a : a.withSignals(kept, a.fields())).withSource(best);
  }

  /**
   * Replays the samples of every signal; the failures, each naming the signal and the sample.
   * Also reports a sample that another signal of the same role and side claims too, as a warning
   * prefixed "warning:".
   */
  public List<String> checkSamples(Formats formats) {
    List<String> failures = new ArrayList<>();
    for (Signal s : all) {
      for (SignalSpec.Sample sample : s.spec().samples()) {
        if (sample.line() == null) {
          failures.add(s.origin() + ": " + s.name() + ": a sample has no 'line'");
          continue;
        }
        Event e;
        try {
          e = readSample(formats, sample.line(), sample.source());
        } catch (IllegalArgumentException bad) {
          failures.add(s.origin() + ": " + s.name() + ": sample " + quote(sample.line()) + ": " + bad.getMessage());
          continue;
        }
        if (e == null) {
          failures.add(s.origin() + ": " + s.name() + ": sample " + quote(sample.line()) + " is read by no format");
          continue;
        }
        Event a = annotate(e);
        boolean has = a.has(s.name());
        if (has != sample.matches()) {
          failures.add(s.origin() + ": " + s.name() + ": sample " + quote(sample.line())
              + (sample.matches() ? " does not carry the signal (it carries " + a.signals() + ")" : " carries the signal but must not"));
          continue;
        }
        sample.expect().forEach((k, v) -> {
          if (!Objects.equals(a.fields().get(k), String.valueOf(v))) {
            failures.add(s.origin() + ": " + s.name() + ": sample " + quote(sample.line()) + ": field '" + k + "' is "
                + quote(a.fields().get(k)) + ", expected " + quote(String.valueOf(v)));
          }
        });
      }
    }
    return failures;
  }

  /** Reads sample text as a one-record log, through the same path real files take. */
  public static Event readSample(Formats formats, String text, String source) {
    List<String> lines = List.of(text.split("\n", -1));
    List<Format> fs = formats.detect(lines.subList(0, 1));
    if (fs.isEmpty()) {
      return null;
    }
    try {
      Path tmp = Files.createTempFile("coroner-sample", ".log");
      try {
        Files.write(tmp, (text + "\n").getBytes(StandardCharsets.UTF_8));
        LogFile.Part part = new LogFile.Part(tmp, "sample", false, Files.size(tmp), 0);
        Source src = source == null ? formats.sourceOf(fs, "sample") : Source.of(source);
        try (EventReader r = new EventReader(new LogFile("sample", List.of(part)), fs, src, new Warnings())) {
          return r.hasNext() ? r.next() : null;
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String quote(String s) {
    if (s == null) {
      return "absent";
    }
    String one = s.replace("\n", "\\n");
    return "'" + (one.length() > 70 ? one.substring(0, 67) + "..." : one) + "'";
  }
}
