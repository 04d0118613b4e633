package dev.coroner.signal;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.format.Format;
import dev.coroner.format.Formats;
import dev.coroner.format.Source;
import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What share of a folder's records a gate before parsing could leave unparsed (issue 14's
 * byte-level gate): reads every record of every log with the built-in rules, annotates it, and
 * counts per log
 * <ul>
 *   <li>records that carry a signal (what the signals need);
 *   <li>records whose text holds a literal of some signal's gate ({@link Signal#gate}: what a
 *       scan of the raw text alone, before level and fields, could find) or that has a field
 *       some signal of its side is gated by (errno, the launcher's event: a gate before parsing
 *       would have to read it from the literals of the field's extractor);
 *   <li>records that "What coroner could not read" needs whatever their signals: an error level,
 *       or a failure word in a record that is not routine (docs/record-model.md section 5; the
 *       rule as {@code diagnose.Unread} applies it);
 * </ul>
 * and the rest: records that only the timeline's time and place need. Columns: signal (carries
 * one), l-text (a gate literal of its side anywhere in its text, head included), l-body (in its
 * body, what the gates read), open (some signal's whole gate opens: level, fields, literals, as
 * {@link Signals#mayCarry}), unread (the unread section wants it), rest-b (neither l-body nor
 * unread), rest-o (neither open nor unread), miss (carries a signal yet l-body or open says no:
 * must be 0, else that gate would be wrong). Not a test: run by hand,
 *
 * <pre>
 * mvn -q -B test-compile
 * java -Xmx1g -cp target/test-classes:target/coroner.jar dev.coroner.signal.GateShareBench FOLDER...
 * </pre>
 */
public final class GateShareBench {
  private GateShareBench() {}

  public static void main(String[] args) throws Exception {
    RuleSet rules = RuleSet.load(Optional.empty());
    Formats formats = Formats.load(rules, ZoneOffset.UTC);
    Signals signals = Signals.load(rules);
    // per side: the union of the gates' literals of the signals that test a record of that side
    // (a side-less signal tests every side; every signal tests a record of unknown side), and
    // whether one of them is gated by fields
    int sides = Source.values().length;
    boolean[][] gateLiteral = new boolean[sides][];
    List<java.util.Set<String>> gateFields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Signal s : signals.all()) {
      if (s.derived() == null) {
        names.add(s.name());
      }
    }
    java.util.function.Predicate<Event> mayCarry = signals.mayCarry(names);
    for (Source src : Source.values()) {
      gateLiteral[src.ordinal()] = signals.folded().newPresence();
      gateFields.add(new java.util.HashSet<>());
      for (Signal s : signals.all()) {
        if (s.derived() != null) {
          continue;
        }
        Source want = s.spec().match() == null || s.spec().match().source() == null ? null : Source.of(s.spec().match().source());
        if (!(want == null || want == src || src == Source.OTHER)) {
          continue;
        }
        Signal.Gate g = s.gate();
        if (g == null) {
          throw new IllegalStateException(s.name() + " has no gate");
        }
        for (int id : g.literals()) {
          gateLiteral[src.ordinal()][id] = true;
        }
        gateFields.get(src.ordinal()).addAll(g.fields());
      }
    }
    java.util.Map<String, Long> idle = new java.util.TreeMap<>();
    boolean[] present = signals.folded().newPresence();
    for (String folder : args) {
      Warnings w = new Warnings();
      long[] total = new long[9];
      System.out.println(folder);
      System.out.printf("  %-44s %9s %7s %7s %7s %7s %7s %7s %7s %5s%n", "log (side)", "records", "signal", "l-text",
          "l-body", "open", "unread", "rest-b", "rest-o", "miss");
      for (LogFile f : FolderScanner.scan(Path.of(folder), w)) {
        List<String> sample = new ArrayList<>();
        try (LineReader r = LineReader.open(f.parts().get(0), new Warnings())) {
          while (sample.size() < 200 && r.hasNext()) {
            String l = r.next();
            if (!l.isBlank()) {
              sample.add(l);
            }
          }
        }
        List<Format> fs = formats.detect(sample);
        Source side = formats.sourceOf(fs, f.name());
        long[] n = new long[9];
        try (EventReader r = new EventReader(f, fs, side, w)) {
          while (r.hasNext()) {
            Event e = r.next();
            Event a = signals.annotate(e);
            boolean signal = !a.signals().isEmpty();
            int src = e.source().ordinal();
            java.util.Arrays.fill(present, false);
            signals.folded().mark(e.text(), present);
            boolean field = false;
            for (String k : gateFields.get(src)) {
              field |= e.fields().containsKey(k);
            }
            boolean inText = field;
            for (int i = 0; i < present.length && !inText; i++) {
              inText = present[i] && gateLiteral[src][i];
            }
            java.util.Arrays.fill(present, false);
            signals.folded().mark(e.body(), present);
            boolean inBody = field;
            for (int i = 0; i < present.length; i++) {
              if (present[i] && gateLiteral[src][i]) {
                inBody = true;
                if (!signal) {
                  idle.merge(e.file() + " " + signals.folded().literal(i), 1L, Long::sum);
                }
              }
            }
            boolean open = mayCarry.test(e);
            boolean unread = dev.coroner.diagnose.Unread.wants(e);
            n[0]++;
            n[1] += signal ? 1 : 0;
            n[2] += inText ? 1 : 0;
            n[3] += inBody ? 1 : 0;
            n[4] += open ? 1 : 0;
            n[5] += unread ? 1 : 0;
            n[6] += !inBody && !unread ? 1 : 0;
            n[7] += !open && !unread ? 1 : 0;
            n[8] += signal && (!inBody || !open) ? 1 : 0;
          }
        }
        for (int i = 0; i < 9; i++) {
          total[i] += n[i];
        }
        row(f.name() + " (" + side.id() + ")", n);
      }
      row("all", total);
      System.out.println("  literals of a gate found in the bodies of records that carry no signal (top 12):");
      idle.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(12)
          .forEach(x -> System.out.printf("    %9d  %s%n", x.getValue(), x.getKey()));
      idle.clear();
    }
  }

  private static void row(String name, long[] n) {
    System.out.printf("  %-44s %9d %6.1f%% %6.1f%% %6.1f%% %6.1f%% %6.1f%% %6.1f%% %6.1f%% %5d%n", name, n[0],
        pct(n[1], n[0]), pct(n[2], n[0]), pct(n[3], n[0]), pct(n[4], n[0]), pct(n[5], n[0]), pct(n[6], n[0]), pct(n[7], n[0]), n[8]);
  }

  private static double pct(long a, long b) {
    return b == 0 ? 0 : 100.0 * a / b;
  }
}
