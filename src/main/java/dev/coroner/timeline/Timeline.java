package dev.coroner.timeline;

import dev.coroner.CoronerException;
import dev.coroner.Handoff;
import dev.coroner.LookAhead;
import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.format.PartStats;
import dev.coroner.format.Source;
import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * The merged, time-ordered events of an incident folder. {@link #open} makes the first pass
 * (formats, counts, fingerprints, anchors); iterating makes the second, streaming. Close it to
 * stop the readers early.
 */
public final class Timeline extends LookAhead<Event> implements AutoCloseable {
  /** How long before the client saw an answer the server may have written its access line. */
  static final long ACCESS_SLACK_MS = 5_000;
  /** Anchors kept per log: beyond, every other one is dropped (evenly, by position) until it fits. */
  static final int MAX_ANCHORS = 1 << 16;
  private final List<FileScan> scans;
  private final List<InputFile> inputs;
  private final List<String> notes;
  private final UnaryOperator<Event> annotate;
  private final Warnings warnings;
  private final List<AnchorMap> maps;
  /**
   * At most this many logs are open at once in the second pass (a read buffer and a reorder
   * window each, about 128 KB and 256 records); a folder of more is merged in groups of this
   * many into temporary runs ({@link Spill}), and the runs, at most this many at once, in turn.
   */
  static final int FAN_IN = 64;
  /** Of those, at most this many large logs ({@link FileScan#big}: two threads and their queues each). */
  static final int BIG_FAN_IN = 8;
  private final java.nio.file.Path folder;
  private int fanIn = FAN_IN;
  private int bigFanIn = BIG_FAN_IN;
  private boolean started;
  private Merge merge;
  private Spill spill;
  /** Per log, made when it is opened: its second reading's warnings, and what that reading said anew. */
  private final Warnings[] streamWarnings;
  private final Warnings[] rereadWarnings;
  private boolean streamWarningsMerged;
  private long eventsOut;
  private long linesOut;
  private LongConsumer progress = lines -> { };

  private Timeline(java.nio.file.Path folder, List<FileScan> scans, List<AnchorMap> maps, List<InputFile> inputs,
      List<String> notes, UnaryOperator<Event> annotate, Warnings warnings) {
    this.folder = folder;
    this.scans = scans;
    this.streamWarnings = new Warnings[scans.size()];
    this.rereadWarnings = new Warnings[scans.size()];
    this.maps = maps;
    this.inputs = inputs;
    this.notes = notes;
    this.annotate = annotate;
    this.warnings = warnings;
  }

  /**
   * Reads the folder once for formats, counts and anchors.
   *
   * @param annotate adds signals to each event (identity for none)
   * @throws CoronerException (status 3) when the folder cannot be read
   */
  public static Timeline open(TimelineRequest req, Formats formats, UnaryOperator<Event> annotate,
      AnchorSignals anchorSignals, Warnings warnings) {
    return open(req, formats, annotate, annotate, anchorSignals, warnings);
  }

  /**
   * As {@link #open(TimelineRequest, Formats, UnaryOperator, AnchorSignals, Warnings)}, with a
   * cheaper annotator for the first pass, which only needs the anchor signals.
   */
  public static Timeline open(TimelineRequest req, Formats formats, UnaryOperator<Event> annotate,
      UnaryOperator<Event> anchorAnnotate, AnchorSignals anchorSignals, Warnings warnings) {
    return open(req, formats, annotate, anchorAnnotate, null, anchorSignals, warnings);
  }

  /**
   * As {@link #open(TimelineRequest, Formats, UnaryOperator, UnaryOperator, AnchorSignals, Warnings)},
   * with the first pass extracting only {@code anchorFields} (null: all), the fields the
   * anchor annotator's tests read; {@code path} and {@code pid}, which pairing reads, are added.
   */
  public static Timeline open(TimelineRequest req, Formats formats, UnaryOperator<Event> annotate,
      UnaryOperator<Event> anchorAnnotate, Set<String> anchorFields, AnchorSignals anchorSignals,
      Warnings warnings) {
    return open(req, formats, annotate, anchorAnnotate, anchorFields, null, anchorSignals, warnings);
  }

  /**
   * As {@link #open(TimelineRequest, Formats, UnaryOperator, UnaryOperator, Set, AnchorSignals, Warnings)};
   * the first pass leaves unread the fields and signals of each record that cannot carry an
   * anchor signal by what {@code anchorWanted} says of them (the anchor signals' gates, {@link
   * dev.coroner.signal.Signals#wanted}; null: every record is read whole): it needs only its
   * place and time.
   */
  public static Timeline open(TimelineRequest req, Formats formats, UnaryOperator<Event> annotate,
      UnaryOperator<Event> anchorAnnotate, Set<String> anchorFields, dev.coroner.format.Wanted anchorWanted,
      AnchorSignals anchorSignals, Warnings warnings) {
    dev.coroner.format.Wanted wanted = unread ? anchorWanted : null;
    Set<String> pass1Fields = firstPassFields(anchorFields);
    if (!Files.isDirectory(req.folder()) && !Files.isRegularFile(req.folder())) {
      throw CoronerException.badInput(req.folder() + (Files.exists(req.folder())
          ? ": neither a folder nor a regular file (a pipe or a device is read once; coroner reads its inputs twice: save it to a file)"
          : ": no such folder or file") + " (give the incident's log folder, or one log file)");
    }
    List<LogFile> files;
    try {
      files = FolderScanner.scan(req.folder(), warnings);
    } catch (IOException e) {
      throw CoronerException.badInput(req.folder() + ": cannot be read: " + e.getMessage());
    }
    if (files.isEmpty()) {
      warnings.add(req.folder() + ": no log files found");
    }
    List<FileScan> scans = new ArrayList<>();
    for (LogFile f : files) {
      scans.add(FileScan.sniff(f, formats, warnings));
    }
    stretches(scans, Runtime.getRuntime().availableProcessors(), STRETCHES);
    // each file warns into its own list, merged in file order: the same folder gives the same
    // warnings in the same order, however the parallel readers interleave
    Map<FileScan, Warnings> scanWarnings = Collections.synchronizedMap(new IdentityHashMap<>());
    if (probe && timedOnly(scans, req.hash(), scanWarnings)) {
      SKIPPED.incrementAndGet();
    } else {
      scans.forEach(FileScan::reset);
      scans.forEach(s -> scanWarnings.put(s, new Warnings()));
      runAll(largestFirst(scans), s -> s.scan(anchorAnnotate, pass1Fields, wanted, anchorSignals, req.hash(), scanWarnings.get(s)));
    }
    // what the first pass learned of each log's services' sides is what the second gives
    scans.forEach(s -> s.sides.freeze());
    scans.forEach(s -> warnings.addAll(scanWarnings.get(s)));
    long folderFirst = Long.MAX_VALUE;
    for (FileScan s : scans) {
      if (s.timed()) {
        folderFirst = Math.min(folderFirst, s.firstExact);
      }
    }
    List<String> notes = new ArrayList<>();
    List<AnchorMap> maps = new ArrayList<>();
    List<InputFile> inputs = new ArrayList<>();
    for (FileScan s : scans) {
      String note;
      InputFile.TimeBasis basis;
      AnchorMap map;
      if (s.events == 0) {
        map = new AnchorMap(List.of(), false, 0);
        note = "no records";
        basis = InputFile.TimeBasis.EMPTY;
      } else if (s.exactEvents == s.events) {
        map = new AnchorMap(List.of(), false, 0);
        note = "exact (timestamps in every record)";
        basis = InputFile.TimeBasis.EXACT;
      } else {
        List<Anchor> anchors = new ArrayList<>();
        for (long[] o : s.own) {
          anchors.add(new Anchor(o[0], o[1], o[1], o[1], "own timestamp"));
        }
        int paired = pairAccessLines(s, scans, anchors, notes) + pairPids(s, scans, anchors);
        long mtime = s.file.current().modified();
        boolean weak = anchors.isEmpty();
        anchors = thin(anchors);
        anchors.add(new Anchor(s.events - 1, Event.NO_TIME, mtime, mtime, "file modification time"));
        long fallback = folderFirst == Long.MAX_VALUE ? mtime : folderFirst;
        map = new AnchorMap(anchors, weak, fallback, s.events - 1);
        if (map.disagrees()) {
          notes.add(s.file.name() + ": the times it is tied to contradict each other (an mtime older than its own timestamps,"
              + " a process start or access line that cannot be both before and after its anchors, or clocks that differ);"
              + " its inferred times carry the whole contradictory span");
        }
        if (s.exactEvents > 0) {
          basis = InputFile.TimeBasis.MIXED;
          note = "mixed: " + (s.events - s.exactEvents) + " of " + s.events + " records without a timestamp, placed between their neighbours";
        } else if (paired > 0) {
          basis = InputFile.TimeBasis.PAIRED;
          note = "inferred: no timestamps; " + paired + " records tied to timed logs (access lines to answered requests, process starts to spawns), the rest placed between them";
        } else {
          basis = InputFile.TimeBasis.UNANCHORED;
          note = "inferred: no timestamps and nothing to pair them with; placed at the start of the timeline, known only to be before the file's modification time";
          notes.add(s.file.name() + ": no timestamps and no anchor; where its " + s.events
              + " records fall relative to the other logs cannot be settled (capture it with `coroner launch` next time)");
        }
      }
      maps.add(map);
      List<String> fmt = new ArrayList<>();
      // the main program format first (what the inputs table shows), then the envelopes peeled
      // off its lines; the plain-text fallback only when nothing else reads the log
      s.formats.stream().filter(f -> !f.envelope() && !f.fallback()).forEach(f -> fmt.add(f.id()));
      s.formats.stream().filter(dev.coroner.format.Format::envelope).forEach(f -> fmt.add(f.id()));
      if (fmt.isEmpty() && s.events > 0) {
        s.formats.stream().filter(dev.coroner.format.Format::fallback).forEach(f -> fmt.add(f.id()));
      }
      inputs.add(new InputFile(s.file.name(), s.source, fmt, s.stats, basis, note));
    }
    return new Timeline(req.folder(), scans, maps, inputs, notes, annotate, warnings);
  }

  /**
   * Whether large logs may be read in stretches (system property {@code coroner.stretches}, off
   * by default): on the 2-core machine of docs/performance.md a whole process was slower with
   * them on every bench shape (more garbage collection of the stretches in flight in a 96 MB
   * heap, more threads warming up the same code), so they wait for a machine where they pay.
   */
  static final boolean STRETCHES = Boolean.getBoolean("coroner.stretches");

  /**
   * Which logs are read in stretches on several threads ({@link FileScan#threads}), when
   * {@code enabled}: a large log that holds at least {@link #STRETCHED_SHARE} of the folder's
   * bytes, on every core. The folder's logs are read in parallel already, one thread each (and
   * placed by another); a log that is most of the folder keeps one core busy while others wait.
   */
  static void stretches(List<FileScan> scans, int cores, boolean enabled) {
    long total = 0;
    for (FileScan s : scans) {
      total += FileScan.bytes(s.file);
    }
    for (FileScan s : scans) {
      s.threads = enabled && cores > 1 && FileScan.big(s.file) && FileScan.bytes(s.file) >= STRETCHED_SHARE * total ? cores : 1;
    }
  }

  /** The share of a folder's bytes a log must hold to be read in stretches. */
  static final double STRETCHED_SHARE = 0.5;

  /** Records a look at each log's start reads before the whole folder is probed. */
  static final long LOOK = 256;
  /** Off: the first pass reads every record whole, what it is given to leave unread too (for the tests that compare the two). */
  static volatile boolean unread = true;
  /**
   * Off: every line is read whole, none by its bytes alone ({@link dev.coroner.format.Records#skimmedLines}), in
   * either pass (for the tests and benches that compare the two). On, a pass skims where its
   * annotator answers by content ({@link dev.coroner.format.Records.ByContent}). The system
   * property {@code coroner.skim=false} turns it off for a whole run (docs/performance.md's A/B).
   */
  static volatile boolean skim = !"false".equals(System.getProperty("coroner.skim"));
  /** How many lines first passes took by their bytes alone (for the tests). */
  static final java.util.concurrent.atomic.AtomicLong SKIMMED = new java.util.concurrent.atomic.AtomicLong();
  /** How many lines second passes took by their bytes alone, counted as their logs are closed (for the tests). */
  static final java.util.concurrent.atomic.AtomicLong SECOND_SKIMMED = new java.util.concurrent.atomic.AtomicLong();
  /** How many records first passes left unread (for the tests). */
  static final java.util.concurrent.atomic.AtomicLong UNREAD = new java.util.concurrent.atomic.AtomicLong();
  /** Off: the full first pass always (for an in-process comparison of the two; see FirstPassBench). */
  static volatile boolean probe = true;
  /** How many folders were opened without the full first pass (for FirstPassBench and tests). */
  static final java.util.concurrent.atomic.AtomicLong SKIPPED = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Whether no log of the folder needs anchoring, found by reading the logs for their times
   * alone ({@link FileScan#probe}: no fields, no signals); if so, that reading is the folder's
   * first pass and the full one ({@link FileScan#scan}) is skipped.
   *
   * <p>What needs anchoring, from {@link #open}: a log with records but not a time on each.
   * Only such a log gets anchors (its own times, pairing with the timed logs' answered
   * requests and spawns, the modification time); a log whose every record is timed is given
   * an empty map and no pairing, so what the full pass keeps for pairing (paths, pids) and its
   * own times are never read. One record without a time anywhere, and every log is scanned in
   * full as before. First a look at each log's start ({@link #LOOK} records: most untimed
   * logs are untimed from their first line), then the whole of each, all stopping at the
   * first record without a time; the warnings are the reading's own, each log's in its list.
   */
  private static boolean timedOnly(List<FileScan> scans, boolean hash, Map<FileScan, Warnings> scanWarnings) {
    AtomicBoolean untimed = new AtomicBoolean();
    runAll(scans, s -> {
      if (untimed.get()) {
        return; // another log needs anchoring: nothing more to learn here
      }
      Warnings w = new Warnings();
      if (!s.probe(LOOK, untimed, hash, w)) {
        untimed.set(true);
      } else if (s.complete) {
        scanWarnings.put(s, w);
      } else {
        s.reset();
      }
    });
    if (untimed.get()) {
      return false;
    }
    runAll(largestFirst(scans), s -> {
      if (s.complete || untimed.get()) {
        return;
      }
      Warnings w = new Warnings();
      scanWarnings.put(s, w);
      if (!s.probe(Long.MAX_VALUE, untimed, hash, w)) {
        untimed.set(true);
      }
    });
    return !untimed.get();
  }

  /**
   * At most {@link #MAX_ANCHORS} anchors, spread evenly over the log by keeping every k-th in
   * position order (pairing can find one per access line of a few thousand paths).
   */
  static List<Anchor> thin(List<Anchor> anchors) {
    if (anchors.size() <= MAX_ANCHORS) {
      return anchors;
    }
    anchors.sort(Comparator.comparingLong(Anchor::ordinal));
    int stride = (anchors.size() + MAX_ANCHORS - 1) / MAX_ANCHORS;
    List<Anchor> kept = new ArrayList<>(MAX_ANCHORS + 1);
    for (int i = 0; i < anchors.size(); i += stride) {
      kept.add(anchors.get(i));
    }
    return kept;
  }

  /** The fields the first pass extracts: those the anchor tests read, and what pairing reads; null for all. */
  private static Set<String> firstPassFields(Set<String> anchorFields) {
    if (anchorFields == null) {
      return null;
    }
    Set<String> fields = new HashSet<>(anchorFields);
    fields.add("path");
    fields.add("pid");
    return fields;
  }

  /**
   * Pairs a timeless log's access lines with the answered requests of the timed logs, path by
   * path, when both sides count the same number: the k-th answer is the k-th access line.
   */
  private static int pairAccessLines(FileScan timeless, List<FileScan> all, List<Anchor> anchors, List<String> notes) {
    int paired = 0;
    for (Map.Entry<String, Series> e : timeless.byPath.entrySet()) {
      String path = e.getKey();
      Series access = e.getValue();
      Series answered = null;
      int holders = 0;
      for (FileScan s : all) {
        if (s != timeless && s.timed() && s.byPath.containsKey(path)) {
          answered = s.byPath.get(path);
          holders++;
        }
      }
      if (holders != 1) {
        continue;
      }
      if (answered.count() != access.count()) {
        notes.add(timeless.file.name() + ": " + access.count() + " access lines for " + path + " but "
            + answered.count() + " answered requests in the timed logs; not paired");
        continue;
      }
      long stride = Math.max(answered.stride(), access.stride());
      for (int i = 0; i < access.size(); i++) {
        long k = access.indexAt(i);
        if (k % stride != 0) {
          continue;
        }
        long t = answered.valueOf(k);
        if (t < 0) {
          continue;
        }
        anchors.add(new Anchor(access.valueAt(i), t - ACCESS_SLACK_MS, t, t, "paired with an answered request"));
        paired++;
      }
    }
    return paired;
  }

  /** A process start line cannot be earlier than the spawn of the same pid in a timed log. */
  private static int pairPids(FileScan timeless, List<FileScan> all, List<Anchor> anchors) {
    int paired = 0;
    for (Map.Entry<String, Long> e : timeless.byPid.entrySet()) {
      for (FileScan s : all) {
        Long spawnedAt = s != timeless && s.timed() ? s.byPid.get(e.getKey()) : null;
        if (spawnedAt != null) {
          anchors.add(new Anchor(e.getValue(), spawnedAt, Long.MAX_VALUE, spawnedAt, "started after its spawn (pid " + e.getKey() + ")"));
          paired++;
          break;
        }
      }
    }
    return paired;
  }

  /**
   * The logs, largest first (stably: logs of one size keep the folder's order), the order the
   * first pass hands them to its threads in. In the folder's order a log that is most of the
   * folder may wait behind smaller ones and then be read alone while the other threads idle
   * (a journal of 83 % of a folder's bytes, fourth of five); started first, the rest is read
   * beside it. Each log's reading is the same whatever thread reads it and when: only the
   * order of the work changes (warnings are gathered per log and merged in the folder's order).
   */
  static List<FileScan> largestFirst(List<FileScan> scans) {
    Map<FileScan, Long> size = new IdentityHashMap<>();
    scans.forEach(s -> size.put(s, FileScan.bytes(s.file)));
    List<FileScan> order = new ArrayList<>(scans);
    order.sort(Comparator.comparingLong((FileScan s) -> size.get(s)).reversed());
    return order;
  }

  /**
   * Runs {@code task} on every item, on up to one thread per core, and returns when all are
   * done. The first failure (an Error included) is thrown as soon as it happens, not after the
   * tasks before it finish, and the others are interrupted ({@link Handoff.Workers}).
   */
  static <T> void runAll(List<T> items, Consumer<T> task) {
    int threads = Math.max(1, Math.min(items.size(), Runtime.getRuntime().availableProcessors()));
    if (threads == 1) {
      items.forEach(task);
      return;
    }
    try (Handoff.Workers<T> w = Handoff.workers("coroner-scan", null, threads, items.size(), Handoff.Batching.single(),
        (item, index) -> task.accept(item))) {
      items.forEach(w::put);
      w.finish();
    }
  }

  /**
   * Whether no input has a time of its own or a paired one: each file is unanchored (its only
   * bound its modification time, which says when it was saved, not when its lines were written)
   * or empty, and one at least is unanchored.
   */
  public static boolean timeless(List<InputFile> inputs) {
    boolean unanchored = false;
    for (InputFile f : inputs) {
      switch (f.basis()) {
        case UNANCHORED -> unanchored = true;
        case EMPTY -> { }
        default -> {
          return false;
        }
      }
    }
    return unanchored;
  }

  public List<InputFile> inputs() {
    return inputs;
  }

  /** What the report should say about time: logs whose place could not be settled, pairings refused. */
  public List<String> notes() {
    return notes;
  }

  /** The earliest and latest exact time of the folder, or {@link ExactSpan#NONE}. */
  public ExactSpan span() {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (FileScan s : scans) {
      if (s.timed()) {
        lo = Math.min(lo, s.firstExact);
        hi = Math.max(hi, s.lastExact);
      }
    }
    return lo == Long.MAX_VALUE ? ExactSpan.NONE : new ExactSpan(lo, hi);
  }

  /** Whether any log of this side was found with records in it. */
  public boolean has(Source source) {
    for (FileScan s : scans) {
      if (s.source == source && s.events > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void taken(Event e) {
    linesOut += e.lastLine() - e.line() + 1;
    if ((++eventsOut & 0xFFF) == 0) {
      progress.accept(linesOut);
    }
  }

  /**
   * Told now and then (every 4,096 events) how many log lines the merged stream has handed out,
   * for a progress line; {@link #totalLines()} is the whole.
   */
  public void onProgress(LongConsumer linesSoFar) {
    this.progress = linesSoFar;
  }

  /**
   * Sets how many logs the second pass may open at once (and how many large ones), before it
   * starts: the defaults are {@link #FAN_IN} and {@link #BIG_FAN_IN}; tests make them small to
   * merge a few logs through temporary runs.
   */
  Timeline fanIn(int logs, int bigLogs) {
    if (logs < 2 || bigLogs < 1) {
      throw new IllegalArgumentException("a merge needs at least two inputs at once");
    }
    this.fanIn = logs;
    this.bigFanIn = bigLogs;
    return this;
  }

  /** The temporary folder of the runs, while there is one (a merge of more than {@link #FAN_IN} logs); else null. */
  java.nio.file.Path spillDir() {
    return spill == null ? null : spill.dir();
  }

  /** The order of the merge: time, then the log's place in the folder, then the record's in its log. */
  private static final Comparator<Head> ORDER = (a, b) -> {
    int c = Long.compare(a.event().time(), b.event().time());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(a.file(), b.file());
    return c != 0 ? c : Long.compare(a.event().ordinal(), b.event().ordinal());
  };

  /** A time-ordered source of events for a merge: one log's second reading, or a run of merged logs. */
  interface Stream extends Iterator<Event>, AutoCloseable {
    /** The index of the log the event {@link #next()} gave last came from. */
    int file();

    @Override
    void close();
  }

  private record Head(Event event, int file, int stream) {}

  /** Streams a merge searches in place of a queue. */
  private static final int FEW = 4;

  /**
   * The k-way merge of a few streams: always gives the least of their next events, so merging
   * merges (runs) gives what one merge of all their logs gives, event for event.
   */
  private static final class Merge implements AutoCloseable {
    private final List<Stream> streams;
    /** The streams' next events, least first; null when {@link #few} holds them. */
    private final PriorityQueue<Head> heads;
    /**
     * The least next event when it is known to come before every one in {@link #heads}: a log
     * that runs ahead of the others (most of a folder's records are often one log's) gives its
     * next record without a trip through the queue, in the order the queue would give it.
     */
    private Head least;
    /**
     * With at most {@link #FEW} streams, their next events by stream (null once one ended),
     * searched in place of the queue: the usual folder of two or three logs whose records
     * interleave then costs a comparison or two per event, not a queue's removal and insertion.
     */
    private final Head[] few;

    Merge(List<Stream> streams) {
      this.streams = streams;
      this.few = streams.size() <= FEW ? new Head[streams.size()] : null;
      this.heads = few == null ? new PriorityQueue<>(streams.size(), ORDER) : null;
      try {
        for (int i = 0; i < streams.size(); i++) {
          if (few != null) {
            few[i] = next(i);
          } else {
            pull(i);
          }
        }
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
    }

    private void pull(int i) {
      Head next = next(i);
      if (next != null) {
        heads.add(next);
      }
    }

    /** Stream {@code i}'s next event as a head, or null when it ended. */
    private Head next(int i) {
      Stream s = streams.get(i);
      return s.hasNext() ? new Head(s.next(), s.file(), i) : null;
    }

    /** The least next event, or null when all streams ended. */
    Head poll() {
      if (few != null) {
        return pollFew();
      }
      Head h = least != null ? least : heads.poll();
      least = null;
      Head next = h == null ? null : next(h.stream());
      if (next != null) {
        Head top = heads.peek();
        // ORDER is total (no two records share log and place), so "before" is strict
        if (top == null || ORDER.compare(next, top) < 0) {
          least = next;
        } else {
          heads.add(next);
        }
      }
      return h;
    }

    /** {@link #poll} over {@link #few}: ORDER is total, so the least is one and the same as the queue's. */
    private Head pollFew() {
      int least = -1;
      for (int i = 0; i < few.length; i++) {
        Head h = few[i];
        if (h != null && (least < 0 || ORDER.compare(h, few[least]) < 0)) {
          least = i;
        }
      }
      if (least < 0) {
        return null;
      }
      Head h = few[least];
      few[least] = next(least);
      return h;
    }

    @Override
    public void close() {
      for (Stream s : streams) {
        s.close();
      }
    }
  }

  private void start() {
    int n = scans.size();
    int big = 0;
    for (FileScan s : scans) {
      big += FileScan.big(s.file) ? 1 : 0;
    }
    if (n <= fanIn && big <= bigFanIn) {
      List<Stream> all = new ArrayList<>(n);
      try {
        for (int i = 0; i < n; i++) {
          all.add(openLog(i));
        }
        merge = new Merge(all);
      } catch (RuntimeException | Error e) {
        all.forEach(Stream::close);
        throw e;
      }
      return;
    }
    merge = spilled();
  }

  /**
   * Merges the logs a group at a time (at most {@link #fanIn} open, {@link #bigFanIn} of them
   * large) into temporary runs, then the runs, {@link #fanIn} at a time, until one merge of at
   * most that many runs is left to read.
   */
  private Merge spilled() {
    spill = Spill.create(folder);
    List<java.nio.file.Path> runs = new ArrayList<>();
    int n = scans.size();
    for (int i = 0; i < n; ) {
      List<Stream> group = new ArrayList<>(Math.min(fanIn, n - i));
      int big = 0;
      try {
        while (i < n && group.size() < fanIn) {
          boolean b = FileScan.big(scans.get(i).file);
          if (b && big == bigFanIn) {
            break;
          }
          big += b ? 1 : 0;
          group.add(openLog(i++));
        }
      } catch (RuntimeException | Error e) {
        group.forEach(Stream::close);
        throw e;
      }
      runs.add(writeRun(new Merge(group)));
    }
    while (runs.size() > fanIn) {
      List<java.nio.file.Path> merged = new ArrayList<>();
      for (int i = 0; i < runs.size(); i += fanIn) {
        merged.add(writeRun(new Merge(readers(runs.subList(i, Math.min(runs.size(), i + fanIn))))));
      }
      runs = merged;
    }
    return new Merge(readers(runs));
  }

  private List<Stream> readers(List<java.nio.file.Path> runs) {
    List<Stream> out = new ArrayList<>(runs.size());
    try {
      for (java.nio.file.Path r : runs) {
        out.add(new Spill.Reader(r));
      }
    } catch (RuntimeException | Error e) {
      out.forEach(Stream::close);
      throw e;
    }
    return out;
  }

  /** Writes what {@code m} gives into a new run, closes {@code m}, and returns the run. */
  private java.nio.file.Path writeRun(Merge m) {
    try (m; Spill.Writer w = spill.newRun()) {
      for (Head h = m.poll(); h != null; h = m.poll()) {
        w.add(h.event(), h.file());
      }
      return w.finish();
    }
  }

  /** Opens log {@code i} for its second reading. */
  private Stream openLog(int i) {
    FileScan s = scans.get(i);
    Warnings mine = new Warnings();
    streamWarnings[i] = mine;
    // the second reading's own warnings: what the first said again is dropped at the merge,
    // what changed in between (a file deleted or cut) is kept
    Warnings reread = new Warnings();
    rereadWarnings[i] = reread;
    dev.coroner.format.Records records = s.records(s.formats, reread, null, annotate, null,
        skim && annotate instanceof dev.coroner.format.Records.ByContent c ? c : null);
    FileStream fs = new FileStream(records, annotate, maps.get(i),
        s.file.name(), mine, FileScan.big(s.file));
    return new Stream() {
      @Override
      public boolean hasNext() {
        return fs.hasNext();
      }

      @Override
      public Event next() {
        return fs.next();
      }

      @Override
      public int file() {
        return i;
      }

      @Override
      public void close() {
        fs.close();
        SECOND_SKIMMED.addAndGet(records.skimmedLines());
      }
    };
  }

  @Override
  protected Event advance() {
    if (!started) {
      started = true;
      start();
    }
    Head h = merge == null ? null : merge.poll();
    if (h == null) {
      mergeStreamWarnings();
      return null;
    }
    return h.event();
  }

  /** The second pass's warnings (background readers add them in any order), in file order. */
  private void mergeStreamWarnings() {
    if (!streamWarningsMerged) {
      streamWarningsMerged = true;
      for (Warnings w : streamWarnings) {
        if (w != null) {
          warnings.addAll(w);
        }
      }
      for (Warnings w : rereadWarnings) {
        if (w != null) {
          warnings.addNew(w);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      if (merge != null) {
        merge.close();
      }
    } finally {
      if (spill != null) {
        spill.close();
      }
    }
    mergeStreamWarnings();
  }

  /** Sum of the given stats field across inputs: handy for line accounting. */
  public long totalLines() {
    long n = 0;
    for (InputFile f : inputs) {
      for (PartStats p : f.parts()) {
        n += p.lines();
      }
    }
    return n;
  }
}
