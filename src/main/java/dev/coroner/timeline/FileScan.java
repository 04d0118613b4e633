package dev.coroner.timeline;

import dev.coroner.Handoff;
import dev.coroner.format.Event;
import dev.coroner.format.Records;
import dev.coroner.format.Format;
import dev.coroner.format.PartStats;
import dev.coroner.format.ServiceSides;
import dev.coroner.format.Source;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The first pass over one logical log: decides its formats and side, counts, fingerprints, and
 * keeps what anchors need (bounded): its own exact times, its answered requests or access lines.
 */
final class FileScan {
  private static final int SNIFF_LINES = 200;
  /** Logs larger than this are read by a thread of their own ({@link FileStream#reading}). */
  private static final long BIG = 8L << 20;
  private static final int MAX_OWN_ANCHORS = 1 << 15;
  final LogFile file;
  final List<Format> formats;
  final Source source;
  /** The rules' formats, for whose records are surely whose ({@link dev.coroner.format.Formats#sureSide}). */
  private final dev.coroner.format.Formats all;
  /**
   * What the log's own records say of its services' sides: learned by the first pass (whichever
   * reads it: a {@link #probe} or a {@link #scan}), frozen after it, given to the second.
   */
  ServiceSides sides = new ServiceSides();
  List<PartStats> stats = List.of();
  long events;
  long exactEvents;
  long lastExact = Event.NO_TIME;
  long firstExact = Event.NO_TIME;
  /** Own exact times: (ordinal, time) pairs, thinned to every other when full. */
  List<long[]> own = new ArrayList<>();
  private int ownStride = 1;
  private long ownSeen;
  /** Timed logs: answered requests per path, value = time. Timeless: access lines per path, value = ordinal. */
  final Map<String, Series> byPath = new HashMap<>();
  /** Timed: pid to the time the process was spawned. Timeless: pid to the ordinal of its start line. */
  final Map<String, Long> byPid = new HashMap<>();
  /** Distinct request paths kept per log (for pairing); later new paths are not paired. */
  static final int MAX_PATHS = 4096;
  /** A path longer than this is not kept (a query string or an id-laden URL pairs with nothing). */
  static final int MAX_PATH_CHARS = 256;
  /** The first paths seen (the polled ones, in practice) keep a full series; the rest a short one. */
  static final int FULL_SERIES = 8;
  static final int SHORT_SERIES = 64;
  /** Distinct pids kept per log. */
  static final int MAX_PIDS = 10_000;
  /** Threads that read this log in stretches ({@link Records#open}); 1: one reader. */
  int threads = 1;
  /** Whether a {@link #probe} read the whole log and found a time on every record. */
  boolean complete;
  private boolean warnedPaths;
  private boolean warnedPids;

  private FileScan(LogFile file, List<Format> formats, Source source, dev.coroner.format.Formats all) {
    this.all = all;
    this.file = file;
    this.formats = formats;
    this.source = source;
  }

  /** Decides formats and side from the first lines. */
  static FileScan sniff(LogFile file, dev.coroner.format.Formats all, Warnings warnings) {
    List<String> sample = new ArrayList<>();
    for (LogFile.Part p : file.parts()) {
      if (sample.size() >= SNIFF_LINES) {
        break;
      }
      try (LineReader r = LineReader.open(p, new Warnings())) {
        String line;
        while (sample.size() < SNIFF_LINES && r.hasNext()) {
          line = r.next();
          if (!line.isBlank()) {
            sample.add(line);
          }
        }
      } catch (IOException e) {
        // reported by the reading pass
      }
    }
    List<Format> formats = all.detect(sample);
    Source source = all.sourceOf(formats, file.name());
    // the shared, immutable formats: each reading makes its own scanners (about 4 KB of
    // matchers), which a folder of 20,000 logs could not keep per log
    return new FileScan(file, List.copyOf(formats), source, all);
  }

  /**
   * Reads the log for its times alone: no fields, no signals, nothing kept for anchors. Stops at
   * the first record without a time of its own (the log needs anchoring: {@link #scan} must
   * read it) or once {@code stop} is set, and then returns false; after {@code limit} records
   * it stops and returns true without finishing (a look at the log's start). On true with no
   * limit reached this scan is complete: every record is timed, and a timed log keeps nothing
   * else that the timeline reads unless another log needs anchoring.
   */
  boolean probe(long limit, AtomicBoolean stop, boolean hash, Warnings warnings) {
    dev.coroner.Faults.check("scan");
    List<Format> mine = new ArrayList<>(formats.size());
    for (Format f : formats) {
      mine.add(f.onlyFields(Set.of()));
    }
    Warnings fingerprints = new Warnings();
    try (Records r = records(mine, warnings, hash ? fingerprints : null)) {
      while (r.hasNext()) {
        Event e = r.next();
        if (!e.hasTime() || ((events & 0xFF) == 0 && stop.get())) {
          return false;
        }
        events++;
        exactEvents++;
        firstExact = firstExact == Event.NO_TIME ? e.time() : Math.min(firstExact, e.time());
        lastExact = lastExact == Event.NO_TIME ? e.time() : Math.max(lastExact, e.time());
        if (events == limit) {
          return true;
        }
      }
      stats = r.stats();
    }
    complete = true;
    own = new ArrayList<>(0);
    warnings.addAll(fingerprints);
    return true;
  }

  /** Forgets what a {@link #probe} counted and learned, before {@link #scan} reads the log again. */
  void reset() {
    sides = new ServiceSides();
    forget();
  }

  /** Forgets the counts and anchors. */
  private void forget() {
    complete = false;
    stats = List.of();
    events = 0;
    exactEvents = 0;
    firstExact = Event.NO_TIME;
    lastExact = Event.NO_TIME;
    own = new ArrayList<>();
    ownStride = 1;
    ownSeen = 0;
    byPath.clear();
    byPid.clear();
    warnedPaths = false;
    warnedPids = false;
  }

  /**
   * Reads the whole log, extracting only {@code fields} (null: all); learns its services' sides
   * and freezes them. Once only, unless a record whose side the learning changes played a part in
   * anchoring (an answered request or a process start of a service that its uvicorn lines show to
   * be the server): then again with the learned sides, so the anchors are those of the records
   * the second pass gives (the first reading's statistics and warnings are kept). The fields and
   * signals of a record that cannot carry what {@code wanted} asks for (the anchor signals'
   * gates; null: none) are left unread: such a record plays no anchor role.
   */
  void scan(UnaryOperator<Event> annotate, Set<String> fields, dev.coroner.format.Wanted wanted, AnchorSignals anchors,
      boolean hash, Warnings warnings) {
    Set<String> roled = read(annotate, fields, wanted, anchors, hash, warnings);
    sides.freeze();
    if (sides.any() && (roled == null || roled.stream().anyMatch(sides::serves))) {
      List<PartStats> kept = stats;
      forget();
      read(annotate, fields, wanted, anchors, false, new Warnings());
      stats = kept;
    }
  }

  /** Services that may be learned anchoring records of, at most; beyond, any may (a second reading). */
  private static final int MAX_ROLED = 64;

  /**
   * Reads the whole log once; returns the services of the records that played an anchor role on
   * a side their service's name guessed (their side may change once it is learned), null when
   * more than {@link #MAX_ROLED}.
   */
  private Set<String> read(UnaryOperator<Event> annotator, Set<String> fields, dev.coroner.format.Wanted wanted,
      AnchorSignals anchors, boolean hash, Warnings warnings) {
    // a record left unread carries no anchor signal: not annotated (see EventReader#wanting)
    UnaryOperator<Event> annotate = wanted == null ? annotator : e -> e.fieldsUnread() ? e : annotator.apply(e);
    dev.coroner.Faults.check("scan");
    Set<String> movable = new java.util.HashSet<>();
    List<Format> mine = new ArrayList<>(formats.size());
    for (Format f : formats) {
      mine.add(fields == null ? f : f.onlyFields(fields));
    }
    Warnings fingerprints = new Warnings();
    Records plain = records(mine, warnings, hash ? fingerprints : null, annotate, wanted,
        Timeline.skim && annotator instanceof Records.ByContent c ? c : null);
    Handoff.Ahead<Event> ahead = big(file) && !plain.threaded() ? FileStream.reading(plain, file.name()) : null;
    Iterator<Event> r = ahead != null ? ahead : plain;
    try {
      // which anchor roles a record's signals play, by the identity of its list of signals: the
      // annotator's memo gives repeated records the same list, so the sets are asked once a run
      List<String> roled = null;
      int roles = 0;
      long unread = 0;
      boolean annotated = plain.annotated();
      RoleFields read = new RoleFields();
      while (r.hasNext()) {
        Event e = annotated ? r.next() : annotate.apply(r.next());
        events++;
        unread += e.fieldsUnread() ? 1 : 0;
        List<String> signals = e.signals();
        if (signals != roled) {
          roled = signals;
          roles = signals.isEmpty() ? 0 : roles(signals, anchors);
        }
        if (roles != 0) {
          read.of(e);
        }
        if (roles != 0 && movable != null && !read.service.isEmpty()
            && all.sureSide(e.format(), e.logger(), e.source()) == null) {
          movable.add(read.service);
          movable = movable.size() > MAX_ROLED ? null : movable;
        }
        if (e.hasTime()) {
          exactEvents++;
          firstExact = firstExact == Event.NO_TIME ? e.time() : Math.min(firstExact, e.time());
          lastExact = lastExact == Event.NO_TIME ? e.time() : Math.max(lastExact, e.time());
          keepOwn(e.ordinal(), e.time());
          if ((roles & ANSWERED) != 0 && !read.path.isEmpty()) {
            addPath(read.path, e.time(), warnings);
          }
          if ((roles & SPAWNED) != 0 && !read.pid.isEmpty()) {
            addPid(read.pid, e.time(), warnings);
          }
        } else {
          if ((roles & ACCESS) != 0 && !read.path.isEmpty()) {
            addPath(read.path, e.ordinal(), warnings);
          }
          if ((roles & STARTED) != 0 && !read.pid.isEmpty()) {
            addPid(read.pid, e.ordinal(), warnings);
          }
        }
      }
      stats = plain.stats();
      Timeline.UNREAD.addAndGet(unread);
      Timeline.SKIMMED.addAndGet(plain.skimmedLines());
      if (exactEvents == events) {
        own = new ArrayList<>(0); // a log with a time on every record needs no anchors
      }
    } finally {
      if (ahead != null) {
        ahead.close(); // its thread closes the reader
      } else {
        plain.close();
      }
    }
    warnings.addAll(fingerprints);
    return movable;
  }

  /**
   * The fields of an anchoring record that the first pass reads (its service, path and pid),
   * read again only when they can differ from the last record's: not when its fields are the
   * same map (the reader's memo gives a repeated body the same one), nor when they carry the
   * last one's shape of body and its varied field is none of the three (access lines read from
   * one remembered line, which differ in their client port alone).
   */
  private static final class RoleFields {
    private static final java.util.Set<String> READ = java.util.Set.of("service", "path", "pid");
    String service = "";
    String path = "";
    String pid = "";
    private java.util.Map<String, String> fields;
    private dev.coroner.format.BodyShape shape;

    void of(Event e) {
      java.util.Map<String, String> f = e.fields();
      if (f == fields) {
        return;
      }
      fields = f;
      dev.coroner.format.BodyShape s = f instanceof dev.coroner.format.FieldMap m ? m.shapeApartFrom(READ) : null;
      if (s != null && s == shape) {
        return;
      }
      service = e.field("service");
      path = e.field("path");
      pid = e.field("pid");
      shape = s;
    }
  }

  /**
   * Counts a request on {@code path}: bounded to {@link #MAX_PATHS} distinct paths of at most
   * {@link #MAX_PATH_CHARS} chars, the first {@link #FULL_SERIES} with a full series and the
   * rest with {@link #SHORT_SERIES} pairs (at most about 4 MiB of series and 1 MiB of keys).
   */
  void addPath(String path, long value, Warnings warnings) {
    Series s = byPath.get(path);
    if (s == null) {
      if (path.length() > MAX_PATH_CHARS) {
        return;
      }
      if (byPath.size() >= MAX_PATHS) {
        if (!warnedPaths) {
          warnedPaths = true;
          warnings.add(file.name() + ": more than " + MAX_PATHS + " distinct request paths; only the first "
              + MAX_PATHS + " tie its records to the other logs (a cap of coroner, docs/bounds.md)");
        }
        return;
      }
      s = new Series(byPath.size() < FULL_SERIES ? Series.CAPACITY : SHORT_SERIES);
      byPath.put(path, s);
    }
    s.add(value);
  }

  /** Remembers where process {@code pid} started: the first {@link #MAX_PIDS} pids, first sighting. */
  void addPid(String pid, long value, Warnings warnings) {
    if (byPid.containsKey(pid) || pid.length() > 32) {
      return;
    }
    if (byPid.size() >= MAX_PIDS) {
      if (!warnedPids) {
        warnedPids = true;
        warnings.add(file.name() + ": more than " + MAX_PIDS + " distinct process ids start here; only the first "
            + MAX_PIDS + " tie its records to the other logs (a cap of coroner, docs/bounds.md)");
      }
      return;
    }
    byPid.put(pid, value);
  }

  /** A reading of this log in {@code formats}, on {@link #threads} threads when it is large. */
  Records records(List<Format> formats, Warnings warnings, Warnings fingerprints) {
    return records(formats, warnings, fingerprints, null, null, null);
  }

  /**
   * The same, annotating with {@code annotate} on its threads when it reads in stretches ({@link
   * Records#annotated}), leaving unread the records that cannot carry what {@code wanted} asks for
   * (null: none), and with {@code skim} taking the lines that repeat a record but for its time by
   * their bytes ({@link Records#open}).
   */
  Records records(List<Format> formats, Warnings warnings, Warnings fingerprints, UnaryOperator<Event> annotate,
      dev.coroner.format.Wanted wanted, Records.ByContent skim) {
    return Records.open(file, formats, source, warnings, fingerprints, threads, BIG, annotate, sides, wanted, skim);
  }

  /** Whether a log is large enough to be worth threads of its own. */
  static boolean big(LogFile file) {
    return bytes(file) > BIG;
  }

  /** A log's size: its parts' bytes as stored. */
  static long bytes(LogFile file) {
    return file.parts().stream().mapToLong(LogFile.Part::size).sum();
  }

  boolean timed() {
    return exactEvents > 0;
  }

  private void keepOwn(long ordinal, long time) {
    if (ownSeen++ % ownStride != 0) {
      return;
    }
    if (own.size() >= MAX_OWN_ANCHORS) {
      List<long[]> kept = new ArrayList<>();
      for (int i = 0; i < own.size(); i += 2) {
        kept.add(own.get(i));
      }
      own.clear();
      own.addAll(kept);
      ownStride *= 2;
    }
    own.add(new long[] {ordinal, time});
  }

  private static final int ANSWERED = 1;
  private static final int SPAWNED = 2;
  private static final int ACCESS = 4;
  private static final int STARTED = 8;

  /** The anchor roles of a record's signals, as bits. */
  private static int roles(List<String> signals, AnchorSignals anchors) {
    return (hasAny(signals, anchors.answered()) ? ANSWERED : 0) | (hasAny(signals, anchors.spawned()) ? SPAWNED : 0)
        | (hasAny(signals, anchors.access()) ? ACCESS : 0) | (hasAny(signals, anchors.started()) ? STARTED : 0);
  }

  private static boolean hasAny(List<String> signals, Set<String> names) {
    for (String s : signals) {
      if (names.contains(s)) {
        return true;
      }
    }
    return false;
  }

}
