package dev.coroner.format;

import dev.coroner.LookAhead;
import dev.coroner.ingest.Encoding;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Streams the records of one logical log (its rotations in order): each line starts a record in
 * one of the file's formats, continues the record above, or (before any record) is counted as
 * unparsed. A record keeps at most {@link #MAX_RECORD_LINES} lines of text; the rest are still
 * counted in its line range. Memory does not depend on the file's size.
 */
public final class EventReader extends LookAhead<Event> implements Records {
  static final int MAX_RECORD_LINES = 200;
  private static final int MAX_RECORD_CHARS = 64 * 1024;
  private final LogFile file;
  /** The program formats, main one first (no envelope, no fallback), and this reader's scanners of them. */
  private final List<Format> formats;
  private final Format.Scanner[] scans;
  /** Other tools' prefixes to peel off a line before the program formats read it. */
  private final List<Format.Scanner> envelopes;
  /** The format of a line no program format reads, or null: such a line then continues a record or is unparsed. */
  private Format fallback;
  private Format.Scanner fallbackScan;
  /** What the envelopes of the current line gave: time, fields (service, hostname, pid, ...), the side the service means. */
  private long envTime;
  /** The level an envelope gave (a JSON line's), used when the program's line has none. */
  private String envLevel = "";
  private Map<String, String> envFields = Map.of();
  private Source envSource;
  /** The envelope's service when its name says no side (a side {@link #sides} may learn), else null. */
  private String envService;
  /**
   * The last envelope that gave fields on a line where no other had: its scanner, fields and
   * logger as it gave them (compared by identity: its scanner gives the same objects for the
   * same text), and what they made. A journald log's lines repeat host, pid and service.
   */
  private Format.Scanner lastEnvBy;
  private Map<String, String> lastEnvIn;
  private String lastEnvLogger;
  private Map<String, String> lastEnvFields;
  private Source lastEnvSource;
  private String lastEnvService;
  /** The record's traceback is open (a traceback header was seen, its exception line not yet). */
  private boolean tracebackOpen;
  /** Whether the open traceback has shown a frame in IPython's layout (see {@link #ipythonFrame}). */
  private boolean ipythonOpen;
  /** The record's last non-blank line chains tracebacks ("During handling of the above exception"). */
  private boolean chainOpen;
  private boolean lastIndented;
  /**
   * How deep the current record's first line is indented (a plain-text record's; 0 for a
   * program format's): a line indented deeper continues it, one as deep starts its own record
   * (a pasted table or an indented code block is one record per line).
   */
  private int headIndent;
  /** How many more lines the current record takes whatever their shape (its format's {@code lines}, less those read). */
  private int blockLeft;
  private Source headEnvSource;
  /** The current record's {@link #envService}. */
  private String headService;
  /** The service the envelopes of the record's first line named (compose's, a dyno, a unit), or null. */
  private String headServiceName;
  /** The services' sides this reading learns (first pass) or gives (second pass, frozen); null: neither. */
  private ServiceSides sides;
  private final Source fileSource;
  private final Warnings warnings;
  private final List<PartStats> stats = new ArrayList<>();
  private int partIndex = -1;
  private LineReader reader;
  private long ordinal;
  // the record being built
  private Format.Head head;
  /** Whether the record's program format gave fields of its own (not only its envelopes'). */
  private boolean headOwnFields;
  private Format headFormat;
  private Format.Scanner headScan;
  private String headFile;
  private long headLine;
  private long lastLine;
  private int textLines;
  private String firstLine;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder body = new StringBuilder();
  // per-part counters
  private long lines;
  private long events;
  private long unparsed;
  /** Lines that no format read and that started a plain-text record. */
  private long plain;
  /** Of those, the ones whose envelopes gave no time or no level (all of them where there is no envelope). */
  private long bare;
  private long first = Event.NO_TIME;
  private long last = Event.NO_TIME;
  private String encoding = "";
  /** Extracted fields by (format, body) for one-line records: log lines repeat, regexes are dear. */
  private final Map<Format, BodyMemo<Map<String, String>>> extracted;
  private Format memoFormat;
  private BodyMemo<Map<String, String>> lastMemo;
  /**
   * Per format, the side each logger (or envelope's service) name says by the format's
   * {@code sourceByLogger} patterns, empty when none does: asked once per name, not once per
   * record (a journald log names its service on every line; at most {@link #MEMO} names each).
   */
  private final Map<Format, Map<String, Optional<Source>>> loggerSides;
  private static final int MEMO = 4096;
  /** The fields of the record being finished (reused). */
  private final FieldMap.Builder collected = new FieldMap.Builder();
  /** The last record's envelope fields and body fields given by identity, and the fields they made together. */
  private Map<String, String> lastJoinEnv;
  private Map<String, String> lastJoinBody;
  private Map<String, String> lastJoined;
  /** The last answer of {@link #sideOfLogger}: its format, name (by identity) and side. */
  private Format lastSideFormat;
  private String lastSideName;
  private Source lastSide;
  /** Where a part that cannot be fingerprinted is told of, when parts are fingerprinted; else null. */
  private Warnings fingerprintWarnings;
  /** A stretch of the log's one part to read instead of all of it ({@link #range}); else null. */
  private Range range;
  /** What the reading of a {@link #range} counted, once it ended; else null. */
  private Counts counted;
  /** Whether this reader's last part is the log's last (false when later parts are read by another, {@link PartsReader}). */
  private boolean endsLog = true;
  /** What the pass wants of records ({@link #wanting}), or null: every record is read whole. */
  private Wanted wanted;
  /** This reader's test of a record for what {@link #wanted} asks for. */
  private Wanted.Test wantedTest;
  /** Per format: whether its extractors may give a field {@link #wanted} asks for (then its records are read whole). */
  private final Map<Format, Boolean> extractsWanted = new IdentityHashMap<>();
  /** A first pass's memo of one-line records by their bytes after the time ({@link #skimming}), or null: every line read whole. */
  private Skim skim;
  /** What every record is passed through when skimming (the pass's annotator). */
  private java.util.function.UnaryOperator<Event> skimAnnotate;
  /** Whether the part being read may be skimmed: its charset reads ASCII bytes as ASCII. */
  private boolean skimPart;
  /** A record taken by its bytes, given out after the record it finished. */
  private Event skimHeld;
  /** The next line, looked at already: the buffer's fill and where it starts, ends, its record and time ({@link #skimmed}). */
  private long aheadFills = -1;
  private int aheadAt;
  private int aheadEnd;
  private Event aheadRecord;
  private long aheadTime;
  private Skim.Gap aheadGap;
  private int aheadDigitsFrom;
  private int aheadDigitsTo;
  /**
   * Whether the annotator gives a one-line record of a format, read with a shaped field, the
   * answer of every other record of its shape ({@link Records.ByContent#answersByShape}); null:
   * no untimed line is skimmed.
   */
  private java.util.function.Predicate<Event> byShape;
  /** How many lines were taken by their bytes alone ({@link #skimming}). */
  private long skimmedLines;
  /**
   * Whether the record being built began at a line a program format read as a record's start
   * whatever came before it ({@link #read}: not a weak format's, other than the log's main one).
   */
  private boolean headStarts;
  /** What {@link #flush} last finished, when skimming: its line when it was one such line (else null), its scanner, head and format. */
  private String flushedLine;
  private Format.Scanner flushedScan;
  private Format.Head flushedHead;
  private Format flushedFormat;

  /**
   * A stretch of a part: its bytes from {@code from} to {@code to}, in {@code encoding}, after
   * {@code linesBefore} lines of the part; {@code last} when it ends the part.
   */
  record Range(Encoding encoding, long from, long to, long linesBefore, boolean last) {}

  /**
   * What one reading of a part counted: its lines, records, lines before any record (unparsed),
   * lines that started plain-text records (and how many of those got no time or no level from
   * an envelope: {@code bare}), the first and last record time, and whether its last line had no
   * line ending.
   */
  record Counts(long lines, long events, long unparsed, long plain, long bare, long first, long last, boolean unterminated,
      boolean readFailed) {
    /** Nothing read yet. */
    static final Counts NONE = new Counts(0, 0, 0, 0, 0, Event.NO_TIME, Event.NO_TIME, false, false);

    /** These counts and those of the stretch read after them: sums, the span of times, the later stretch's ending. */
    Counts then(Counts after) {
      long f = first == Event.NO_TIME ? after.first : after.first == Event.NO_TIME ? first : Math.min(first, after.first);
      long l = last == Event.NO_TIME ? after.last : after.last == Event.NO_TIME ? last : Math.max(last, after.last);
      return new Counts(lines + after.lines, events + after.events, unparsed + after.unparsed, plain + after.plain,
          bare + after.bare, f, l,
          after.lines > 0 ? after.unterminated : unterminated, after.readFailed);
    }
  }

  /**
   * @param formats the formats to try on each line, best first; empty: every line is unparsed
   * @param fileSource the side the file was read as
   */
  public EventReader(LogFile file, List<Format> formats, Source fileSource, Warnings warnings) {
    this.file = file;
    this.envelopes = new ArrayList<>();
    this.extracted = new IdentityHashMap<>();
    this.loggerSides = new IdentityHashMap<>();
    List<Format> programs = new ArrayList<>();
    for (Format f : formats) {
      if (f.envelope()) {
        envelopes.add(f.scanner());
      } else if (f.fallback()) {
        fallback = fallback == null ? f : fallback;
      } else {
        programs.add(f);
      }
    }
    this.formats = programs;
    // a line is offered first to the formats whose shape tells the side (gunicorn's, uvicorn's):
    // gunicorn's "[time] [pid] [LEVEL]" lines in a supervisord log, whose own lines a generic
    // Python layout reads, are the server's, with gunicorn's fields; the file's main format
    // (formats.get(0): its side, the weak rule) stays the one that reads most lines
    List<Format> order = new ArrayList<>(programs.size());
    programs.stream().filter(f -> f.spec().sourceByShape()).forEach(order::add);
    programs.stream().filter(f -> !f.spec().sourceByShape()).forEach(order::add);
    this.scans = new Format.Scanner[order.size()];
    for (int i = 0; i < scans.length; i++) {
      scans[i] = order.get(i).scanner();
    }
    this.fallbackScan = fallback == null ? null : fallback.scanner();
    this.fileSource = fileSource;
    this.warnings = warnings;
  }

  /**
   * A reader of the same log in the same formats on the same thread as {@code done}, taking over
   * its scanners and memos (a stretch after a stretch, {@link ChunkedReader}: warm memos
   * instead of cold ones every stretch), warning into {@code warnings}.
   */
  private EventReader(EventReader done, Warnings warnings) {
    this.file = done.file;
    this.formats = done.formats;
    this.scans = done.scans;
    this.envelopes = done.envelopes;
    this.fallback = done.fallback;
    this.fallbackScan = done.fallbackScan;
    this.fileSource = done.fileSource;
    this.extracted = done.extracted;
    this.loggerSides = done.loggerSides;
    this.sides = done.sides;
    this.warnings = warnings;
  }

  /** The next stretch's reader: see {@link #EventReader(EventReader, Warnings)}; this one is done with. */
  EventReader then(Warnings warnings, Range r) {
    return new EventReader(this, warnings).range(r);
  }

  /**
   * Fingerprints every part as it is read (the SHA-256 of its bytes as stored, in its {@link
   * PartStats}), warning into {@code into} when one cannot be; null (the default): none.
   */
  public EventReader fingerprint(Warnings into) {
    this.fingerprintWarnings = into;
    return this;
  }

  /**
   * Learns the sides of the log's services from their records while {@code s} is not frozen, and
   * gives them once it is ({@link ServiceSides}); null (the default): neither. Call before reading.
   */
  EventReader sides(ServiceSides s) {
    this.sides = s;
    return this;
  }

  /**
   * Leaves unread the fields of each record that cannot carry a signal of {@code w}: its format
   * cannot extract a field {@code w} asks for, its head (the program's start and its envelopes)
   * gave none, and its body holds none of {@code w}'s literals. Such a record comes with {@link
   * Event#fieldsUnread} and no signals, and must not be annotated (its signals would be those of
   * a record without fields); everything else about it (its place, time, level, logger, side,
   * texts, and what the reading counts and learns of its service's side) is as read whole.
   * For a first pass that wants only the anchor signals. A one-line record whose fields the
   * reader already knows without extracting them (its body in the memo, or an access line like
   * a remembered one but for its port) is read whole all the same: the test would cost more than
   * the extraction it saves. Null (the default): every record whole. Call before reading.
   */
  EventReader wanting(Wanted w) {
    this.wanted = w;
    this.wantedTest = w == null ? null : w.tests().get();
    return this;
  }

  /**
   * Whether the record being finished, with body {@code bodyText}, read on side {@code side},
   * may carry a signal {@link #wanted} asks for.
   */
  private boolean mayBeWanted(Source side, String bodyText) {
    Boolean extracts = extractsWanted.get(headFormat);
    if (extracts == null) {
      extracts = headFormat.mayExtract(wanted.fields());
      extractsWanted.put(headFormat, extracts);
    }
    return extracts || wantedTest.mayCarry(side, head.level(), head.fields(), bodyText);
  }

  /**
   * Takes a line by its bytes alone when it is a one-line record read whole before but for its
   * time (a first pass over a timed log whose lines repeat, such as a client's polling): its
   * record is the one read before ({@link Skim}), with its own place, number and time, and its
   * own text; no String of its body, no head, fields or signals are made again. Every record is
   * passed through {@code annotate} here ({@link #annotated}), and one read whole is remembered
   * for later lines, at its body's second sighting ({@link Skim#worth}), when its line and its
   * format allow it: the line is printable ASCII and starts
   * with a time in Python's shape read by a format of timestamp kind {@code python}, the first of
   * the log's formats to read it reads it as a record's start (not a weak format's under another),
   * and reads the same line with another time of the same hour the same way but for the time. A
   * line is taken only when the next line is also one so known (so each ends its record). For the
   * outputs to stay those of a whole reading, {@code annotate} must give two one-line records that
   * differ only in their place and time the same signals, fields and side, as the signals' own
   * annotation does. Only a log read without envelopes, whose formats are all one line a record,
   * and not a stretch ({@link #range}), is skimmed; otherwise this changes nothing. Call before
   * reading.
   */
  EventReader skimming(java.util.function.UnaryOperator<Event> annotate) {
    return skimming(annotate, null);
  }

  /**
   * As {@link #skimming(java.util.function.UnaryOperator)}; with {@code byContent} (the
   * annotator {@code annotate} stands for), an untimed one-line record is also remembered, and a
   * later line taken by its bytes, when its line differs from the record's only in one run of
   * digits, the value of a field its format's reading shaped (an access line's client port read
   * from a remembered one, {@link FieldMap#shape}) and whose value the annotator sets aside
   * ({@link Records.ByContent#answersByShape}): the record is then the remembered one with that
   * value in its text, body, message and field. Such a template is checked once, when it is
   * remembered, with another value of another length: the log's formats read that line the same
   * way but for the value, and the annotator gives it the same signals and side and no field of
   * its own.
   */
  EventReader skimming(java.util.function.UnaryOperator<Event> annotate, Records.ByContent byContent) {
    boolean oneLine = fallback == null || fallback.spec().lines() <= 1;
    for (Format f : formats) {
      oneLine &= f.spec().lines() <= 1;
    }
    if (envelopes.isEmpty() && range == null && oneLine && annotate != null) {
      skim = new Skim();
      skimAnnotate = annotate;
      byShape = byContent == null ? null : byContent::answersByShape;
    }
    return this;
  }

  @Override
  public boolean annotated() {
    return skim != null;
  }

  /** How many lines were taken by their bytes alone so far ({@link #skimming}). */
  @Override
  public long skimmedLines() {
    return skimmedLines;
  }

  /** Per-part statistics, complete once the reader is exhausted. */
  @Override
  public List<PartStats> stats() {
    return stats;
  }

  /**
   * Reads only a stretch of the log's one part ({@link ChunkedReader}): its lines are numbered
   * from the part's first, its records from 0, and the end of the stretch adds no statistics and
   * no warning of its own (what it counted is {@link #counted()}); what the lines themselves warn
   * of still goes to the warnings. Call before reading.
   */
  EventReader range(Range r) {
    if (file.parts().size() != 1) {
      throw new IllegalArgumentException(file.name() + ": a stretch is read of a log of one part");
    }
    this.range = r;
    return this;
  }

  /** Says that later parts of the log are read by another reader (a half-written last line is the log's last part's only). */
  EventReader notLast() {
    this.endsLog = false;
    return this;
  }

  /** What the reading of a {@link #range} counted, once it is exhausted; null before. */
  Counts counted() {
    return counted;
  }

  /**
   * Whether {@code raw} starts a record of its own whatever came before it: a line that the first
   * of the log's formats to read it reads as the start of a record (and not a weak format's
   * under another), not blank, not a traceback that a chaining line could have announced, not
   * several lines in an envelope. A stretch of a log that begins at such a line is read into the
   * same records as the whole log is there ({@link ChunkedReader}). Uses this reader's scanners:
   * call it on a reader that reads nothing else.
   */
  boolean startsRecordAlone(String raw) {
    if (raw.isBlank()) {
      return false;
    }
    String line = envelopes.isEmpty() ? raw : peel(raw);
    if (line.isBlank() || line.indexOf('\n') >= 0 || line.startsWith(TRACEBACK, leadingSpace(line))) {
      return false;
    }
    boolean blocks = false;
    for (Format.Scanner sc : scans) {
      blocks |= sc.format().spec().lines() > 1;
    }
    for (Format.Scanner sc : scans) {
      Format.Head h = sc.head(line);
      if (h != null) {
        Format f = sc.format();
        // in a log of blocks of lines (a format's lines:), only a block's head is sure to start
        // a record: any other line may be a block's second or third, whatever it reads as
        return h.starts() && !(f.spec().weak() && f != formats.get(0)) && (!blocks || f.spec().lines() > 1);
      }
    }
    return false;
  }

  @Override
  protected Event advance() {
    if (skimHeld != null) {
      Event held = skimHeld;
      skimHeld = null;
      return held;
    }
    while (true) {
      if (reader == null && !openNextPart()) {
        return finished(flush());
      }
      if (skimPart) {
        Event taken = skimmed();
        if (taken != null) {
          return taken;
        }
      }
      String line = reader.hasNext() ? reader.next() : null;
      if (line == null) {
        Event done = finished(flush());
        closePart();
        if (done != null) {
          return done;
        }
        continue;
      }
      lines++;
      Event done = finished(accept(line, reader.lineNumber()));
      if (done != null) {
        return done;
      }
    }
  }

  /**
   * Takes the next line by its bytes when it is a known one-line record ({@link #skimming}) and
   * the line after it is known too: gives the record it finished (when one was being built; its
   * own record is then given next) or its own. Null when the line is to be read whole.
   */
  private Event skimmed() {
    byte[] b = reader.skimBuffer();
    if (b == null) {
      return null;
    }
    int at = reader.skimPosition();
    long fills = reader.fills();
    Event known;
    long time;
    int end;
    Skim.Gap gap;
    int digitsFrom;
    int digitsTo;
    if (fills == aheadFills && at == aheadAt) {
      known = aheadRecord;
      time = aheadTime;
      end = aheadEnd;
      gap = aheadGap;
      digitsFrom = aheadDigitsFrom;
      digitsTo = aheadDigitsTo;
    } else {
      known = skim.known(b, at, reader.skimLimit());
      time = skim.time;
      end = skim.end;
      gap = skim.gap;
      digitsFrom = skim.digitsFrom;
      digitsTo = skim.digitsTo;
    }
    aheadFills = -1;
    if (known == null) {
      return null;
    }
    int next = b[end] == '\r' ? end + 2 : end + 1;
    Event nextKnown = skim.known(b, next, reader.skimLimit());
    if (nextKnown == null) {
      return null;
    }
    aheadFills = fills;
    aheadAt = next;
    aheadEnd = skim.end;
    aheadRecord = nextKnown;
    aheadTime = skim.time;
    aheadGap = skim.gap;
    aheadDigitsFrom = skim.digitsFrom;
    aheadDigitsTo = skim.digitsTo;
    String text = stripTrailingBlank(new String(b, at, end - at, java.nio.charset.StandardCharsets.ISO_8859_1));
    reader.skip(end);
    lines++;
    long number = reader.lineNumber();
    Event done = head != null ? finished(flush()) : null;
    events++;
    skimmedLines++;
    Event mine;
    if (gap == null) {
      first = first == Event.NO_TIME ? time : Math.min(first, time);
      last = last == Event.NO_TIME ? time : Math.max(last, time);
      mine = new Event(known.source(), currentPart().name(), number, number, ordinal++, When.written(time), known.level(),
          known.logger(), known.message(), known.body(), text, known.fields(), known.format(), known.signals());
    } else {
      // the template's record with this line's digits: its body and message are the text after
      // the head, its fields the template's with the digits in the gap's field
      String body = text.substring(gap.head());
      String value = text.substring(digitsFrom - at, digitsTo - at);
      FieldMap fields = gap.fields().shaped(gap.fields().shape(), value);
      mine = new Event(known.source(), currentPart().name(), number, number, ordinal++, known.when(), known.level(),
          known.logger(), body, body, text, fields, known.format(), known.signals());
    }
    if (done == null) {
      return mine;
    }
    skimHeld = mine;
    return done;
  }

  /** A record finished by a reading that skims: annotated, and remembered when it may be ({@link #skimming}). */
  private Event finished(Event e) {
    if (skim == null || e == null) {
      return e;
    }
    String line = flushedLine;
    flushedLine = null;
    Event a = skimAnnotate.apply(e);
    if (line != null && skimPart && !a.hasTime() && byShape != null) {
      rememberGap(line, e, a);
      return a;
    }
    if (line != null && skimPart && a.hasTime() && "python".equals(flushedFormat.spec().timestamp()) && Skim.shaped(line)) {
      byte[] key = skim.key(line);
      int hash = skim.keyHash;
      byte dot = (byte) line.charAt(19);
      if (key != null && skim.worth(key, hash, dot) && sameRead(line, a.time())) {
        skim.remember(key, hash, dot, a);
      }
    }
    return a;
  }

  /**
   * Remembers the untimed one-line record just finished, {@code e} read from {@code line} and
   * annotated as {@code a}, as a template of lines that differ from it only in the digits of its
   * shaped field ({@link #skimming(java.util.function.UnaryOperator, Records.ByContent)}), when
   * all of this holds: its fields carry the shape of its body and the head gave none; the
   * annotator sets that field aside for its format; the line is printable ASCII with nothing
   * after the body, which is the message and the prefix, the value and the suffix of the shape;
   * the value is digits (not {@code 0} alone) and the first whole token of its kind in the body,
   * with no letter or digit on either side; the annotation added no field; and the same line with
   * another value reads and is annotated the same way but for it ({@link #sameGapRead}).
   */
  private void rememberGap(String line, Event e, Event a) {
    if (!(e.fields() instanceof FieldMap f) || f.shape() == null || !flushedHead.fields().isEmpty()
        || line.length() > Skim.MAX_KEY || !line.equals(e.text()) || !e.message().equals(e.body())) {
      return;
    }
    BodyShape shape = f.shape();
    String value = f.valueAt(shape.index());
    String body = e.body();
    int head = line.length() - body.length();
    int gapAt = shape.prefix().length();
    if (!line.endsWith(body) || !shape.fits(body, value)
        || !body.startsWith(shape.prefix()) || !body.startsWith(value, gapAt) || !digits(value, 1, Skim.MAX_DIGITS)
        || value.equals("0") || (gapAt > 0 && Character.isLetterOrDigit(body.charAt(gapAt - 1)))
        || (!shape.suffix().isEmpty() && Character.isLetterOrDigit(shape.suffix().charAt(0))) || !a.fields().equals(f)
        || !byShape.test(e)) {
      return;
    }
    byte[] bytes = Skim.printable(line, 0, line.length());
    if (bytes == null) {
      return;
    }
    byte[] prefix = java.util.Arrays.copyOf(bytes, head + gapAt);
    byte[] suffix = shape.suffix().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    if (skim.knowsGap(prefix, suffix)) {
      return;
    }
    List<String> tokens = digitTokens(shape.prefix());
    String other = value.length() < Skim.MAX_DIGITS - 1 ? "65" + value : "7";
    // the value's first whole token must be at the gap, and so must the other value's
    if (!tokens.contains(value) && !tokens.contains(other) && sameGapRead(line, head, shape, f, e, a, other)) {
      byte[][] tokenBytes = new byte[tokens.size()][];
      for (int i = 0; i < tokenBytes.length; i++) {
        tokenBytes[i] = Skim.printable(tokens.get(i), 0, tokens.get(i).length());
      }
      skim.rememberGap(new Skim.Gap(prefix, suffix, tokenBytes, a, f, head));
    }
  }

  private static boolean digits(String s, int min, int max) {
    if (s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The runs of digits in {@code s} with no letter or digit on either side (a value equal to one occurs there first). */
  private static List<String> digitTokens(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      if (!Character.isLetterOrDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      boolean allDigits = true;
      while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
        allDigits &= s.charAt(j) >= '0' && s.charAt(j) <= '9';
        j++;
      }
      if (allDigits) {
        out.add(s.substring(i, j));
      }
      i = j;
    }
    return out;
  }

  /**
   * Whether the untimed line of the record just finished, with {@code other} in place of its
   * shaped field's value, is read by the same format first, as a record's start, with no time,
   * the same level, logger and no head fields, the body as its message, and the fields the
   * template's shape gives for {@code other}; and whether the annotator gives that record the
   * signals and side it gave {@code e} (as {@code a}), and no field of its own.
   */
  private boolean sameGapRead(String line, int head, BodyShape shape, FieldMap f, Event e, Event a, String other) {
    String body = shape.prefix() + other + shape.suffix();
    String otherLine = line.substring(0, head) + body;
    Format.Head h = flushedScansFirst(otherLine);
    if (h == null || h.time() != Event.NO_TIME || !h.message().equals(body) || !h.fields().isEmpty()) {
      return false;
    }
    FieldMap expected = f.shaped(shape, other);
    Map<String, String> read = flushedScan.likeRemembered(body);
    if (read == null) {
      FieldMap.Builder c = new FieldMap.Builder();
      flushedScan.extract(body, c);
      read = c.build();
    }
    if (!read.equals(expected)) {
      return false;
    }
    Event probe = new Event(e.source(), e.file(), e.line(), e.lastLine(), e.ordinal(), e.when(), e.level(), e.logger(), body,
        body, otherLine, expected, e.format(), List.of());
    Event said = skimAnnotate.apply(probe);
    return said.signals().equals(a.signals()) && said.source() == a.source() && said.fields().equals(expected);
  }

  /**
   * Whether the line of the record just finished, with {@code time}, is read as its hour's start
   * plus its minutes, seconds and milliseconds ({@link Skim#learnHour}, learned here), and the
   * same line with another time of that hour is read by the same format first, as a record's
   * start, with the time it says and the same level, logger, message and fields.
   */
  private boolean sameRead(String line, long time) {
    long into = Skim.intoHour(line);
    long start = time - into;
    long otherInto = (into + 7 * 60_000 + 13_000 + 111) % 3_600_000;
    char[] c = line.toCharArray();
    int min = (int) (otherInto / 60_000);
    int sec = (int) (otherInto / 1000 % 60);
    int ms = (int) (otherInto % 1000);
    c[14] = (char) ('0' + min / 10);
    c[15] = (char) ('0' + min % 10);
    c[17] = (char) ('0' + sec / 10);
    c[18] = (char) ('0' + sec % 10);
    c[20] = (char) ('0' + ms / 100);
    c[21] = (char) ('0' + ms / 10 % 10);
    c[22] = (char) ('0' + ms % 10);
    Format.Head h = flushedScansFirst(new String(c));
    if (h == null || h.time() != start + otherInto || !h.message().equals(flushedHead.message())
        || !h.fields().equals(flushedHead.fields())) {
      return false;
    }
    return skim.learnHour(line, time) == start;
  }

  /**
   * The head the scanner of the record just finished reads {@code line} with, when it is the first
   * of the log's scanners to read it and reads it as a record's start with that record's level and
   * logger; else null.
   */
  private Format.Head flushedScansFirst(String line) {
    for (Format.Scanner sc : scans) {
      Format.Head h = sc.head(line);
      if (sc == flushedScan) {
        return h != null && h.starts() && h.level().equals(flushedHead.level()) && h.logger().equals(flushedHead.logger())
            ? h : null;
      }
      if (h != null) {
        return null;
      }
    }
    return null;
  }

  private Event accept(String raw, long number) {
    if (raw.isBlank()) {
      return continueWith(raw, raw, number);
    }
    String line = envelopes.isEmpty() ? raw : peel(raw);
    if (line.isBlank()) {
      return continueWith(raw, line, number);
    }
    int nl = envelopes.isEmpty() ? -1 : line.indexOf('\n'); // raw lines hold none
    if (nl >= 0) {
      // an envelope held several lines (a JSON line's message and its traceback): the first is
      // read as a line, the others continue the record it is in, all at this line's number
      Event done = read(raw, line.substring(0, nl), number);
      for (String more : line.substring(nl + 1).split("\r?\n", -1)) {
        continueWith(more, more, number); // a continuation never finishes a record
      }
      return done;
    }
    return read(raw, line, number);
  }

  private Event read(String raw, String line, long number) {
    if (blockLeft > 0 && head != null) {
      // a line of a record that is a block of so many lines (its format's {@code lines})
      blockLeft--;
      return continueWith(raw, line, number);
    }
    if (chainOpen && head != null && line.startsWith(TRACEBACK, leadingSpace(line))) {
      // the traceback a chaining line announces belongs to the same failure, even in a log of
      // bare tracebacks, where a traceback otherwise starts a record of its own
      return continueWith(raw, line, number);
    }
    for (Format.Scanner sc : scans) {
      Format f = sc.format();
      Format.Head h = sc.head(line);
      if (h == null) {
        continue;
      }
      if (h.starts()) {
        if (f.spec().weak() && f != formats.get(0) && head != null) {
          return continueWith(raw, h.message(), number);
        }
        Event done = flush();
        begin(h, sc, number, raw);
        // a weak format's record under another's is a start only where no record is open
        headStarts = !(f.spec().weak() && f != formats.get(0));
        return done;
      }
      // a wrapper read the line but its inner formats start no record: continue by shape, or
      // start a record of the wrapper's (its time, the wrapped text)
      if (head != null && continues(h.message())) {
        return continueWith(raw, h.message(), number);
      }
      Event done = flush();
      begin(new Format.Head(h.time(), h.level(), h.logger(), h.message(), h.fields(), true), sc, number, raw);
      return done;
    }
    if (head != null && (fallback == null || (continues(line) && !otherService()))) {
      return continueWith(raw, line, number);
    }
    if (fallback == null) {
      unparsed++;
      return null;
    }
    plain++;
    if (envelopes.isEmpty() || envTime == Event.NO_TIME || envLevel.isEmpty()) {
      bare++;
    }
    Event done = flush();
    begin(new Format.Head(Event.NO_TIME, "", "", line, Map.of(), true), fallbackScan, number, raw);
    return done;
  }

  /**
   * Whether the line's envelopes name a service other than the one of the record above (or the
   * record above had none): an indented line of another compose service, dyno or unit is that
   * writer's own line, not a continuation of another writer's record ("app[web.1]:  * Running
   * on ..." after "heroku[web.1]: Starting process"). A line whose envelopes name no service
   * continues by its shape alone, as before.
   */
  private boolean otherService() {
    if (envFields.isEmpty()) {
      return false;
    }
    String service = envFields.get("service");
    return service != null && !service.equals(headServiceName);
  }

  /** Peels the envelopes off a line: what they give is kept for the record the line may start. */
  private String peel(String line) {
    envTime = Event.NO_TIME;
    envLevel = "";
    envFields = Map.of();
    envSource = null;
    envService = null;
    return Formats.peel(envelopes, line, this::keepEnvelope);
  }

  /** Keeps what one envelope of the current line gave: the outermost time, fields, the service's side. */
  private void keepEnvelope(Format.Scanner by, Format.Head h) {
    if (envTime == Event.NO_TIME) {
      envTime = h.time();
    }
    if (envLevel.isEmpty()) {
      envLevel = h.level();
    }
    if (!h.fields().isEmpty() || !h.logger().isEmpty()) {
      // the first envelope to give fields finds none and no side yet: what it makes depends on
      // what it gave alone, the same as the last line's when the same objects were given
      boolean alone = envFields.isEmpty();
      if (alone && by == lastEnvBy && h.fields() == lastEnvIn && h.logger() == lastEnvLogger) {
        envFields = lastEnvFields;
        envSource = lastEnvSource;
        envService = lastEnvService;
        return;
      }
      Map<String, String> merged = new LinkedHashMap<>(envFields);
      h.fields().forEach(merged::putIfAbsent);
      // the outermost writer's name is the service, unless its name says nothing of its side and an
      // inner envelope names a writer too: then the service is the inner one within the outer, a path
      // ("svc-1  | [0] ...": concurrently's command 0 inside a compose service that could be anything,
      // the service "svc/0", its side that of "0")
      if (!h.logger().isEmpty() && (!merged.containsKey("service") || envService != null)) {
        String outer = merged.get("service");
        String service = outer == null ? h.logger() : outer + "/" + h.logger();
        merged.put("service", service);
        Source s = sideOfLogger(by.format(), h.logger());
        envSource = s == null ? Source.OTHER : s;
        envService = s == null ? service : null;
      }
      envFields = FieldMap.copyOf(merged);
      if (alone) {
        lastEnvBy = by;
        lastEnvIn = h.fields();
        lastEnvLogger = h.logger();
        lastEnvFields = envFields;
        lastEnvSource = envSource;
        lastEnvService = envService;
      }
    }
  }

  /**
   * Whether a line continues the record above by its shape: indented (traceback frames and
   * code, caret lines, wrapped messages), a traceback's header or chaining line, a PowerShell
   * error-record line, or the exception line that closes an open traceback. Anything else
   * starts a record of its own: the last line of a log is often the crash itself.
   */
  private boolean continues(String s) {
    if (s.isEmpty()) {
      return true;
    }
    int indent = indentOf(s);
    if (indent > headIndent) {
      return true;
    }
    // as deep as the record's own first line (or shallower): only a known continuation shape
    String t = s.substring(indent);
    if (t.isEmpty()) {
      return true;
    }
    char c = t.charAt(0);
    if (c == '\u2502' || c == '\u2514' || c == '\u251c') {
      return true;
    }
    if (t.startsWith(TRACEBACK) || chains(t, 0) || t.startsWith("> File ")
        || t.startsWith("At line:") || t.startsWith("+ ")) {
      return true;
    }
    if (tracebackOpen && ipythonFrame(t, 0)) {
      return true;
    }
    return tracebackOpen && lastIndented && EXCEPTION_LINE.matcher(t).matches();
  }

  /**
   * Whether {@code t} from {@code at} (a line's text after its indent) is a line of IPython's traceback layout
   * that starts at the margin: a frame's head ("Cell In[2], line 89", "File PATH:LINE, in
   * FUNC(ARGS)") or its marked source line ("---> 89 ...", "----> 1 ..."); the numbered source lines are indented.
   */
  private static boolean ipythonFrame(String t, int at) {
    if (at >= t.length()) {
      return false;
    }
    char c = t.charAt(at);
    if (c == 'C') {
      return t.startsWith("Cell In[", at);
    }
    if (c == '-') {
      // the arrow is as long as the line numbers are wide: "---> 89", "----> 1", "-> 1042"
      int i = at;
      while (i < t.length() && t.charAt(i) == '-') {
        i++;
      }
      return i < t.length() - 2 && t.charAt(i) == '>' && t.charAt(i + 1) == ' ';
    }
    return c == 'F' && t.startsWith("File ", at)
        && IPYTHON_FILE_FRAME.matcher(t).region(at, t.length()).lookingAt();
  }

  /** IPython's frame head: "File PATH:LINE, in FUNC" (Python's own is "File \"PATH\", line N"). */
  private static final Pattern IPYTHON_FILE_FRAME = Pattern.compile("File [^\"\\s].*?:\\d+, in ");

  private static final String TRACEBACK = "Traceback (most recent call last)";

  /**
   * Whether {@code t} from {@code at} is Python's line between two chained tracebacks of one
   * failure (raise ... from, or raised while handling).
   */
  private static boolean chains(String t, int at) {
    return t.startsWith("During handling of the above exception", at) || t.startsWith("The above exception was the direct cause", at);
  }

  /** The whitespace a line starts with, as {@link String#stripLeading} counts it (no copy made). */
  private static int leadingSpace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The spaces and tabs a line starts with. */
  private static int indentOf(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** A traceback's last line: the exception's (dotted) name, a colon and its message. */
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile("[A-Za-z_][\\w.]{0,200}(?::.*)?");

  /** Follows the traceback state over a record's lines (their text inside any prefix). */
  private void track(String inner, boolean first) {
    boolean blank = inner.isBlank();
    if (blank && tracebackOpen && !first) {
      // IPython's traceback puts a blank line between its frames and before the exception, and a
      // log viewer's copy one after every line: a blank line leaves the traceback as it was
      return;
    }
    boolean indented = !blank && indentOf(inner) > headIndent;
    if (!blank) {
      chainOpen = chains(inner, leadingSpace(inner));
    }
    if (inner.contains(TRACEBACK)) {
      tracebackOpen = true;
      indented = true; // its exception line may follow at once
    } else if (first) {
      tracebackOpen = false;
    } else if (tracebackOpen && !blank && ipythonFrame(inner, leadingSpace(inner))) {
      indented = true; // IPython's frame at the margin: its source lines or the exception follow
      ipythonOpen = true;
    } else if (tracebackOpen && lastIndented && !indented && !inner.isBlank()) {
      tracebackOpen = false; // the exception line closed it
    }
    if (first) {
      ipythonOpen = false;
    }
    lastIndented = indented;
  }

  private Event continueWith(String raw, String inner, long number) {
    if (head == null) {
      unparsed++;
      return null;
    }
    track(inner, false);
    lastLine = number;
    if (textLines == 1) {
      // a second line: only now is the record copied into builders (most records are one line)
      text.setLength(0);
      body.setLength(0);
      text.append(firstLine);
      body.append(head.message());
    }
    if (textLines < MAX_RECORD_LINES && text.length() < MAX_RECORD_CHARS) {
      text.append('\n').append(raw);
      body.append('\n').append(inner);
      textLines++;
    }
    return null;
  }

  private void begin(Format.Head h, Format.Scanner sc, long number, String line) {
    Format f = sc.format();
    headStarts = false;
    headOwnFields = !h.fields().isEmpty();
    if (!envelopes.isEmpty()) {
      // what the program's line lacks, its envelopes give: one head made, not one per thing given
      long time = h.time() == Event.NO_TIME ? envTime : h.time();
      String level = h.level().isEmpty() ? envLevel : h.level();
      Map<String, String> fields = h.fields();
      if (!envFields.isEmpty()) {
        if (fields.isEmpty()) {
          fields = envFields; // the same names and values in the same order as a copy
        } else {
          fields = new LinkedHashMap<>(h.fields());
          envFields.forEach(fields::putIfAbsent);
        }
      }
      if (time != h.time() || !level.equals(h.level()) || fields != h.fields()) {
        h = new Format.Head(time, level, h.logger(), h.message(), fields, h.starts());
      }
    }
    headEnvSource = envelopes.isEmpty() ? null : envSource;
    headService = envelopes.isEmpty() ? null : envService;
    headServiceName = envelopes.isEmpty() ? null : envFields.get("service");
    headIndent = f == fallback ? indentOf(h.message()) : 0;
    blockLeft = Math.max(0, f.spec().lines() - 1);
    track(h.message(), true);
    head = h;
    headFormat = f;
    headScan = sc;
    headFile = currentPart().name();
    headLine = number;
    lastLine = number;
    textLines = 1;
    firstLine = line;
    events++;
    if (h.time() != Event.NO_TIME) {
      first = first == Event.NO_TIME ? h.time() : Math.min(first, h.time());
      last = last == Event.NO_TIME ? h.time() : Math.max(last, h.time());
    }
  }

  private Event flush() {
    if (head == null) {
      return null;
    }
    String bodyText = textLines == 1 ? head.message() : body.toString();
    // its side first: what a pass wants of a record depends on it
    Source source = headFormat.shapeSource();
    boolean sure = source != null;
    if (source == null) {
      // the logger's side, else the envelope's service's, else the file's
      Source said = sideOfLogger(headFormat, head.logger());
      sure = said != null;
      source = said != null ? said : headEnvSource != null ? headEnvSource : fileSource;
      if (!sure && textLines > 1) {
        // a traceback folded into the record: its frames may say whose process it is
        Source byFrames = headFormat.sideOfFrames(bodyText);
        source = byFrames != null ? byFrames : source;
      }
    }
    if (headService != null && sides != null) {
      // a service whose name says no side: what its own sure records say of it (ServiceSides)
      if (sure) {
        if (source == Source.SERVER) {
          sides.learn(headService);
        }
      } else if (sides.serves(headService)) {
        source = Source.SERVER;
      }
    }
    Map<String, String> fields;
    if (textLines == 1 && (head.fields().isEmpty() || (!headOwnFields && headScan.extractsAlone()))) {
      BodyMemo<Map<String, String>> memo = headFormat == memoFormat ? lastMemo : memoFor(headFormat);
      // an access line like a recent one but for its client port, or a body read whole before,
      // is read whole again at no cost: what a pass wants is asked only of a record whose fields
      // would have to be extracted (reading whole is always right). The access line is asked
      // first and never kept in the memo: its port makes each one new, so it would only push
      // out the bodies that do repeat
      fields = headScan.likeRemembered(bodyText);
      if (fields == null) {
        fields = memo.get(bodyText);
        if (fields == null) {
          if (wanted != null && !mayBeWanted(source, bodyText)) {
            fields = FieldMap.UNREAD; // the pass wants nothing of this record but its place (see wanting)
          } else {
            collected.clear();
            headScan.extract(bodyText, collected);
            fields = collected.build();
            headScan.remember(bodyText, fields);
            memo.put(bodyText, fields);
          }
        }
      }
      if (fields != FieldMap.UNREAD && !head.fields().isEmpty()) {
        fields = join(head.fields(), fields);
      }
    } else if (wanted != null && !mayBeWanted(source, bodyText)) {
      fields = FieldMap.UNREAD; // the pass wants nothing of this record but its place (see wanting)
    } else {
      collected.clear();
      collected.putAll(head.fields());
      headScan.extract(bodyText, collected);
      fields = collected.build();
    }
    String fullText = textLines == 1 ? stripTrailingBlank(firstLine) : stripTrailingBlank(text);
    long t = head.time();
    String message = head.message();
    if (message.isEmpty() && textLines > 1 && headFormat.spec().lines() > 1) {
      // a block whose first line gave only its time: its other lines (a reason, a message) say what happened
      message = bodyText.substring(bodyText.indexOf('\n') + 1).strip().replace('\n', ' ');
    }
    Event e = new Event(source, headFile, headLine, lastLine, ordinal++, When.written(t),
        head.level(), head.logger(),
        message, bodyText, fullText, fields, headFormat.id(), List.of());
    if (skim != null) {
      flushedLine = textLines == 1 && headStarts ? firstLine : null;
      flushedScan = headScan;
      flushedHead = head;
      flushedFormat = headFormat;
    }
    head = null;
    return e;
  }


  /**
   * The envelope's fields, then the body's that they lack: what extracting the body into the
   * envelope's fields gives ({@link Format.Scanner#extractsAlone}). The last record's answer
   * when both are the same objects.
   */
  private Map<String, String> join(Map<String, String> env, Map<String, String> bodyFields) {
    if (env == lastJoinEnv && bodyFields == lastJoinBody) {
      return lastJoined;
    }
    collected.clear();
    collected.putAll(env);
    bodyFields.forEach((k, v) -> {
      if (!collected.containsKey(k)) {
        collected.addAbsent(k, v);
      }
    });
    lastJoinEnv = env;
    lastJoinBody = bodyFields;
    return lastJoined = collected.build();
  }

  /** The side {@code f}'s {@code sourceByLogger} gives {@code name}, or null ({@link #loggerSides}). */
  private Source sideOfLogger(Format f, String name) {
    if (f == lastSideFormat && name == lastSideName) {
      return lastSide;
    }
    if (!f.mayHaveSide(name)) {
      lastSideFormat = f;
      lastSideName = name;
      return lastSide = null;
    }
    Map<String, Optional<Source>> sides = loggerSides.computeIfAbsent(f, k -> new HashMap<>());
    Optional<Source> side = sides.get(name);
    if (side == null) {
      side = Optional.ofNullable(f.sideOfLogger(name));
      if (sides.size() < MEMO) {
        sides.put(name, side);
      }
    }
    lastSideFormat = f;
    lastSideName = name;
    return lastSide = side.orElse(null);
  }

  private BodyMemo<Map<String, String>> memoFor(Format f) {
    memoFormat = f;
    lastMemo = extracted.computeIfAbsent(f, k -> new BodyMemo<>());
    return lastMemo;
  }

  private static String stripTrailingBlank(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  private static String stripTrailingBlank(StringBuilder sb) {
    int end = sb.length();
    while (end > 0 && Character.isWhitespace(sb.charAt(end - 1))) {
      end--;
    }
    return sb.substring(0, end);
  }

  private LogFile.Part currentPart() {
    return file.parts().get(partIndex);
  }

  private boolean openNextPart() {
    while (partIndex + 1 < file.parts().size()) {
      partIndex++;
      lines = 0;
      events = 0;
      unparsed = 0;
      plain = 0;
      bare = 0;
      first = Event.NO_TIME;
      last = Event.NO_TIME;
      LogFile.Part p = currentPart();
      try {
        reader = range == null ? LineReader.open(p, warnings, fingerprintWarnings != null)
            : LineReader.openRange(p, range.encoding(), range.from(), range.to(), range.linesBefore(), range.last(), warnings);
        encoding = reader.encoding().label();
        skimPart = skim != null && asciiAsIs(reader.encoding().charset());
        if (reader.encoding().binary() && range == null) {
          warnings.add(p.name() + ": looks like binary data, not text; read anyway, unreadable lines are counted as unparsed");
        }
        return true;
      } catch (IOException e) {
        warnings.add(p.name() + ": cannot be opened (" + e.getMessage() + "); skipped");
        if (range != null) {
          counted = new Counts(0, 0, 0, 0, 0, Event.NO_TIME, Event.NO_TIME, false, true); // ends the part, as a failed read does
          continue;
        }
        stats.add(new PartStats(p, fileSource, formatId(), "", 0, 0, 0, Event.NO_TIME, Event.NO_TIME,
            fingerprintWarnings == null ? "" : LineReader.sha256(p, fingerprintWarnings)));
      }
    }
    return false;
  }

  /** Whether a charset reads every byte below 0x80 as that ASCII character (a skimmed line's text is made so). */
  private static boolean asciiAsIs(java.nio.charset.Charset c) {
    String n = c.name();
    return n.equals("UTF-8") || n.equals("US-ASCII") || n.equals("ISO-8859-1") || n.equals("windows-1252");
  }

  /** The id the statistics give the log's format: its main program format's, else the fallback's, else "none". */
  String formatId() {
    return !formats.isEmpty() ? formats.get(0).id() : fallback != null ? fallback.id() : "none";
  }

  private void closePart() {
    LogFile.Part p = currentPart();
    Counts c = new Counts(lines, events, unparsed, plain, bare, first, last, reader.lastLineUnterminated(), reader.readFailed());
    if (range != null) {
      counted = c;
    } else {
      stats.add(partEnd(p, endsLog && partIndex == file.parts().size() - 1, c, formats, envelope(),
          fileSource, formatId(), encoding, fingerprintWarnings == null ? "" : reader.fingerprint(fingerprintWarnings), warnings));
    }
    try {
      reader.close();
    } catch (IOException e) {
      warnings.add(p.name() + ": " + e.getMessage());
    }
    reader = null;
  }

  /**
   * What the end of a part's reading says: its warnings (a last line without an ending, lines
   * no format read) and its statistics. Also for a part read in stretches ({@link ChunkedReader}),
   * with what they counted together.
   *
   * @param lastPart whether it is the log's last part (only there is an unended line a half-written file)
   * @param envelope the first envelope format of the log, or null
   */
  static PartStats partEnd(LogFile.Part p, boolean lastPart, Counts c, List<Format> formats, Format envelope, Source fileSource,
      String formatId, String encoding, String fingerprint, Warnings warnings) {
    if (c.unterminated() && lastPart && c.lines() > 0) {
      warnings.add(p.name() + ":" + c.lines() + ": last line has no line ending (the file was still being written); read as it is");
    }
    if (c.unparsed() > 0) {
      warnings.add(p.name() + ": " + c.unparsed() + " of " + c.lines() + " lines match no known format"
          + (formats.isEmpty() ? " (add a format in rules/formats/ or with --rules)" : " and continue no record") + "; counted as unparsed");
    }
    if (c.plain() > 0 && !formats.isEmpty()) {
      warnings.add(p.name() + ": " + c.plain() + " of " + c.lines() + " lines match none of its formats ("
          + formats.get(0).id() + ", ...); read as plain-text records, which signals still see");
    } else if (c.bare() > 0) {
      // a record whose envelope gave its time and level lacks nothing a program format would add
      // for the timeline (a JSON log's "message" is the program's message itself): not said
      String inside = envelope == null ? "" : " inside its " + envelope.id() + " prefix";
      String which = c.bare() == c.plain() ? "" : ", " + c.bare() + " of them without a time or a level from it";
      warnings.add(p.name() + ": no known program format" + inside + "; its " + c.lines() + " lines were read as " + c.plain()
          + " plain-text records" + which + ", which signals still see (add a format in rules/formats/ or with --rules for levels and times)");
    }
    return new PartStats(p, fileSource, formatId, encoding, c.lines(), c.events(), c.unparsed(), c.first(), c.last(), fingerprint);
  }

  /** The program formats, main one first (no envelope, no fallback). */
  List<Format> programFormats() {
    return formats;
  }

  /** The log's first envelope format, or null. */
  Format envelope() {
    return envelopes.isEmpty() ? null : envelopes.get(0).format();
  }

  @Override
  public void close() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        // closing a read-only file: nothing was lost
      }
      reader = null;
    }
  }
}
