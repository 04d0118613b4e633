package dev.coroner.format;

import dev.coroner.rules.RuleException;
import dev.coroner.rules.RuleFile;
import dev.coroner.rules.RuleSet;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/** All line formats in effect, compiled, with their samples checked. */
public final class Formats {
  /**
   * The id of the bundled fallback format ({@code rules/formats/text.yaml}): the format of a
   * record no program format read. The one place Java names it.
   */
  public static final String PLAIN_TEXT = "text";

  private final Map<String, Format> byId;

  private Formats(Map<String, Format> byId) {
    this.byId = byId;
  }

  /** Compiles the format files of {@code rules}; throws {@link RuleException} on the first bad one. */
  public static Formats load(RuleSet rules, ZoneId zone) {
    Map<String, Format> byId = new LinkedHashMap<>();
    Map<String, RuleFile> files = new LinkedHashMap<>();
    for (RuleFile f : rules.files("formats")) {
      FormatSpec spec = RuleSet.read(f, FormatSpec.class);
      byId.put(f.id(), new Format(spec, f, zone));
      files.put(f.id(), f);
    }
    for (Format f : byId.values()) {
      List<Format> inners = new ArrayList<>();
      for (String inner : f.spec().inner()) {
        Format in = byId.get(inner);
        if (in == null || in == f) {
          throw new RuleException(files.get(f.id()), "inner:", "inner format '" + inner + "' is not a known format (known: " + byId.keySet() + ")");
        }
        if (!in.spec().inner().isEmpty()) {
          throw new RuleException(files.get(f.id()), "inner:", "inner format '" + inner + "' wraps other formats itself; one level only");
        }
        inners.add(in);
      }
      f.link(inners);
    }
    Formats formats = new Formats(byId);
    for (Format f : byId.values()) {
      if (files.get(f.id()).builtIn() && f.spec().inner().stream().allMatch(i -> files.get(i).builtIn())) {
        // coroner's own formats' samples are replayed by its tests and by 'coroner rules test',
        // not at every start (most of the rules' load); unless one reads its message with a
        // format of the user's, which may no longer read it
        continue;
      }
      List<String> failures = formats.checkSamples(f);
      if (!failures.isEmpty()) {
        throw new RuleException(files.get(f.id()), "samples:", failures.get(0));
      }
    }
    return formats;
  }

  /** Per format id, the fields its {@code signalMask} names (formats without one are absent). */
  public Map<String, List<String>> signalMasks() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Format f : byId.values()) {
      if (!f.spec().signalMask().isEmpty()) {
        out.put(f.id(), f.spec().signalMask());
      }
    }
    return out;
  }

  /**
   * The side a file's name suggests, for a file no format reads (empty, say): the first format
   * whose {@code sourceByFileName} matches, else other.
   */
  public Source sourceByName(String fileName) {
    for (Format f : byId.values()) {
      Source s = f.sourceForFile(fileName);
      if (f.spec().sourceByFileName().isEmpty() || s == Source.of(f.spec().source() == null ? "other" : f.spec().source())) {
        continue;
      }
      return s;
    }
    return Source.OTHER;
  }

  /**
   * These formats read by their regexes alone, without the hand-written readers of the bundled
   * heads ({@link Format#regexOnly}): the reference those readers are tested and measured against.
   */
  public Formats regexOnly() {
    Map<String, Format> out = new LinkedHashMap<>();
    byId.forEach((id, f) -> out.put(id, f.regexOnly()));
    return new Formats(out);
  }

  public List<Format> all() {
    return List.copyOf(byId.values());
  }

  public Format get(String id) {
    return byId.get(id);
  }

  /** Replays a format's samples; the list of what failed, empty when all hold. */
  public List<String> checkSamples(Format f) {
    List<String> failures = new ArrayList<>();
    Format.Scanner mine = f.scanner();
    for (FormatSpec.Sample s : f.spec().samples()) {
      if (s.line() == null) {
        failures.add("a sample has no 'line'");
        continue;
      }
      Format.Head h = mine.head(s.line());
      boolean starts = h != null && h.starts();
      if (starts != s.starts()) {
        failures.add("sample " + quote(s.line()) + (s.starts() ? " does not start a record" : " starts a record but should continue one"));
        continue;
      }
      if (h == null) {
        continue;
      }
      Map<String, String> got = new LinkedHashMap<>(h.fields());
      mine.extract(h.message(), got);
      got.put("level", h.level());
      got.put("logger", h.logger());
      got.put("message", h.message());
      if (h.time() != Event.NO_TIME) {
        got.put("time", java.time.Instant.ofEpochMilli(h.time()).toString());
      }
      s.expect().forEach((k, v) -> {
        if (!Objects.equals(got.get(k), String.valueOf(v))) {
          failures.add("sample " + quote(s.line()) + ": field '" + k + "' is " + quote(got.get(k)) + ", expected " + quote(String.valueOf(v)));
        }
      });
    }
    return failures;
  }

  private static String quote(String s) {
    if (s == null) {
      return "absent";
    }
    return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
  }

  /** How many envelopes may wrap one line (compose around journald around docker -t, say). */
  static final int MAX_ENVELOPES = 3;

  /**
   * Decides how to read a file from a sample of its lines: first the envelopes that peel any
   * sample line (most lines first), then the program formats that start a record on any peeled
   * sample line, best first (most lines read, then priority), then the fallback format. A format
   * with a {@code signature} is chosen only when one of the lines it reads holds it (its start
   * alone, looser, also reads other tools' lines). Empty
   * of program formats when none reads it: its lines are then plain-text records. The formats
   * are the shared ones: each reader makes its own {@link Format#scanner}s.
   */
  public List<Format> detect(List<String> sample) {
    return detect(sample, new LinkedHashMap<>());
  }

  /**
   * As {@link #detect(List)}; {@code hits} is told, per format ranked, how many sample lines it
   * read (an envelope's on the lines its round ranked, a program format's on the peeled lines).
   */
  public List<Format> detect(List<String> sample, Map<Format, Integer> hits) {
    // envelopes inside envelopes (JSON lines in a compose console): each round ranks the ones
    // not yet chosen on the lines the chosen ones peeled
    List<Format> envelopes = new ArrayList<>();
    List<String> peeled = sample;
    for (int depth = 0; depth < MAX_ENVELOPES; depth++) {
      List<Format> more = rank(peeled, true, hits);
      more.removeAll(envelopes);
      if (more.isEmpty()) {
        break;
      }
      envelopes.addAll(more);
      List<Format.Scanner> peelers = envelopes.stream().map(Format::scanner).toList();
      List<String> next = new ArrayList<>(sample.size());
      for (String line : sample) {
        next.add(peel(peelers, line));
      }
      peeled = next;
    }
    List<Format> out = new ArrayList<>(envelopes);
    out.addAll(rank(peeled, false, hits));
    for (Format f : byId.values()) {
      if (f.fallback()) {
        out.add(f);
        break;
      }
    }
    return out;
  }

  private List<Format> rank(List<String> sample, boolean envelopes, Map<Format, Integer> told) {
    Map<Format, Integer> hits = new LinkedHashMap<>();
    int lines = 0;
    for (String line : sample) {
      lines += line.isBlank() ? 0 : 1;
    }
    for (Format f : byId.values()) {
      if (f.envelope() != envelopes || f.fallback()) {
        continue;
      }
      Format.Scanner mine = f.scanner();
      int n = 0;
      boolean signed = false;
      for (String line : sample) {
        // a wrapper reads a line even when its inner formats start no record there (a capture
        // of nothing but a traceback is still a capture)
        Format.Head h = mine.head(line);
        if (h != null && (h.starts() || !f.spec().inner().isEmpty())) {
          n++;
          signed = signed || f.signs(line);
        }
      }
      // an envelope that must wrap the whole file peels none of it when one line is bare; a
      // format whose loose start read lines but none of them holds its signature (its own
      // layout, its program's words) reads another tool's lines: not this file's
      if (n > 0 && signed && !(f.spec().everyLine() && n < lines)) {
        hits.put(f, n);
      }
    }
    hits.forEach(told::putIfAbsent);
    List<Format> out = new ArrayList<>(hits.keySet());
    out.sort(Comparator.<Format>comparingInt(hits::get).reversed().thenComparing(Comparator.comparingInt(Format::priority).reversed()).thenComparing(Format::id));
    return out;
  }

  /** The line without the envelopes (of {@code envelopes}) around it. */
  static String peel(List<Format.Scanner> envelopes, String line) {
    return peel(envelopes, line, (e, h) -> { });
  }

  /**
   * The line without the envelopes around it, outermost first, at most {@link #MAX_ENVELOPES}
   * deep; {@code each} is told every envelope peeled and what it read.
   */
  static String peel(List<Format.Scanner> envelopes, String line, BiConsumer<Format.Scanner, Format.Head> each) {
    for (int depth = 0; depth < MAX_ENVELOPES; depth++) {
      Format.Head h = null;
      Format.Scanner by = null;
      for (Format.Scanner e : envelopes) {
        h = e.head(line);
        if (h != null) {
          by = e;
          break;
        }
      }
      if (h == null) {
        break;
      }
      each.accept(by, h);
      line = h.message();
    }
    return line;
  }

  /**
   * The side of a file read with {@code detected} (from {@link #detect}): its main program
   * format's, which may depend on the file's name; by name alone when no program format reads it.
   */
  public Source sourceOf(List<Format> detected, String fileName) {
    for (Format f : detected) {
      if (!f.envelope() && !f.fallback()) {
        return f.sourceForFile(fileName);
      }
    }
    return sourceByName(fileName);
  }

  /**
   * The side a record of format {@code formatId} with logger {@code logger} and side {@code side}
   * surely comes from, or null when its side is a guess. Sure: the format's shape says it
   * ({@code sourceByShape}: uvicorn's lines are uvicorn's wherever they are), or the logger's name
   * does ({@code sourceByLogger}: {@code uvicorn.error}), or the format is coroner's capture of a
   * child it started ({@code sideCertain}). A guess: the side of the file (by its name or its main
   * format's default) or of an envelope's service name ({@code web-1  | } is not surely a server).
   * Asked of the record's format and logger as {@link EventReader} asked them when it gave the
   * record its side, so the record needs no field of its own for it.
   */
  public Source sureSide(String formatId, String logger, Source side) {
    Format f = byId.get(formatId);
    if (f == null) {
      return null;
    }
    Source shape = f.shapeSource();
    if (shape != null) {
      return shape;
    }
    Source byLogger = f.sideOfLogger(logger);
    if (byLogger != null) {
      return byLogger;
    }
    return f.spec().sideCertain() ? side : null;
  }
}
