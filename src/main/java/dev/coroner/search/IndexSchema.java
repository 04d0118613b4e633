package dev.coroner.search;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The one description of an event document, shared by the indexer and the searcher.
 *
 * <ul>
 *   <li>{@code seq}: the event's position in the timeline (0, 1, ...): the default sort and how
 *       context around a hit is fetched;
 *   <li>{@code time}: epoch ms, the exact time or the inferred estimate (absent when unknown);
 *       {@code earliest}/{@code latest}: the interval an inferred time must lie in (equal to
 *       {@code time} when exact, unbounded when not known);
 *   <li>keyword fields, matched whole and case-insensitively: {@code timeKind source file level
 *       logger format signal}, every field the rules capture under its own name ({@code port pid
 *       errno status path exception method host ...}, {@link #KNOWN_FIELDS}), and every other
 *       key=value key of a record in the one field {@code fields} as {@code key=value} terms, so
 *       the schema is closed: a log with a million distinct keys adds no field
 *       ({@code k5_3:v} is searched as {@code fields:"k5_3=v"}). A keyword value longer than
 *       {@link #MAX_KEYWORD_CHARS} is cut there (Lucene refuses a term over 32 KB);
 *   <li>numbers: {@code line lastLine} (exact or ranges). {@code earliest} and {@code latest} are
 *       indexed only for an event whose interval is not just its time (an inferred or unknown
 *       time), {@code lastLine} only for a record of more than one line: every other event holds the
 *       same value in {@code time} or {@code line}, where {@link #longRange} finds it (two points
 *       fewer for nearly every event, the same hits);
 *   <li>analysed text ({@link LogTextAnalyzer}): {@code text} (every line, the default field),
 *       indexed once, with positions and without norms. The message of the record's first line, where {@code text}
 *       holds it literally (between token boundaries, as nearly every plain-text record does), is
 *       the message band of {@code text}: its first token at position {@link #MESSAGE_BAND}, the
 *       tokens before it (time, level, logger) just below, those after it just above, and the
 *       position of the first token after it recorded as the one term of {@link #MESSAGE_END} (only
 *       when there is one). A query {@code message:Q} is Q on {@code text} at positions from the band
 *       on and before that mark ({@link MessageQueries}). A record whose message is not literally in
 *       its text (a JSON record, a decoded message) has an empty band and a {@code message} field of
 *       its own, analysed as before; {@code message:Q} is the OR of both forms.
 * </ul>
 *
 * All of these are indexed only; a hit is read back from one stored value, {@code event}
 * ({@link EventCodec}), and {@code seq} has doc values for sorting. The index is not sorted:
 * documents are added by several threads, and every search sorts by {@code seq} or score.
 */
public final class IndexSchema {
  /** The layout of documents and of the stored event; in the index key, so a change rebuilds old indexes. */
  static final int VERSION = 7;
  public static final String SEQ = "seq";
  public static final String TIME = "time";
  public static final String EARLIEST = "earliest";
  public static final String LATEST = "latest";
  public static final String TIME_KIND = "timeKind";
  public static final String SOURCE = "source";
  public static final String FILE = "file";
  public static final String LINE = "line";
  public static final String LAST_LINE = "lastLine";
  public static final String ORDINAL = "ordinal";
  public static final String LEVEL = "level";
  public static final String LOGGER = "logger";
  public static final String FORMAT = "format";
  public static final String SIGNAL = "signal";
  public static final String MESSAGE = "message";
  public static final String TEXT = "text";
  /**
   * Internal: where the message band of {@code text} ends (one term, {@link #MESSAGE_END_TERM}, at
   * the position of the first token after the message). Not a field queries name.
   */
  static final String MESSAGE_END = "message.end";
  static final String MESSAGE_END_TERM = "e";
  /**
   * The position of a message's first token in {@code text}; a record with more tokens than this
   * before its message keeps a {@code message} field of its own. Small, so that positions stay
   * one-byte numbers in the postings for most lines.
   */
  static final int MESSAGE_BAND = 64;
  /** The one keyword field of the key=value pairs whose keys are not {@link #KNOWN_FIELDS}. */
  public static final String FIELDS = "fields";
  /** A keyword term is cut to this many chars: at most 4 UTF-8 bytes each, under Lucene's 32,766-byte limit. */
  static final int MAX_KEYWORD_CHARS = 8_000;
  /**
   * Captured fields indexed under their own name: the names the bundled rules capture, and the
   * keys coroner's launcher writes. Anything else goes into {@link #FIELDS}.
   */
  public static final Set<String> KNOWN_FIELDS = Set.of(
      // named groups of the bundled formats and signals
      "port", "host", "exception", "path", "scheme", "status", "errno", "pid", "detail", "module", "method",
      "worker", "timeout", "supervisor", "stream", "reloader", "proc", "logger2", "event", "clientport", "client",
      "changed", "attribute",
      // keys of coroner launch's awakening.log
      "code", "command", "cwd", "elapsed_ms", "ended_by", "health_url", "interval_ms", "latency_ms", "line",
      "max_interval_ms", "n", "reason", "restart", "signal", "timeout_s", "uptime_ms", "url");
  /** The stored event (see {@link EventCodec}): the only stored field. */
  static final String STORED = "event";
  /** Prefix of a captured field whose name is taken by the schema itself. */
  static final String CAPTURED_PREFIX = "field.";

  /** Fields holding epoch milliseconds: queried with readable times. */
  public static final Set<String> TIME_FIELDS = Set.of(TIME, EARLIEST, LATEST);
  /** Fields holding longs (points). */
  public static final Set<String> LONG_FIELDS = Set.of(SEQ, TIME, EARLIEST, LATEST, LINE, LAST_LINE);
  /**
   * The long fields indexed only where they differ from another one (index version 7): {@code
   * earliest} and {@code latest} from {@code time}, {@code lastLine} from {@code line}.
   */
  private static final Map<String, String> SHARED = Map.of(EARLIEST, TIME, LATEST, TIME, LAST_LINE, LINE);

  /**
   * The documents whose long field {@code field} holds a value in {@code [lo, hi]}, constant-scored
   * as a point range is: for a field of {@link #SHARED}, the documents with a point of their own in
   * range, or without one and with the field it shares in range.
   */
  public static Query longRange(String field, long lo, long hi) {
    Query own = LongPoint.newRangeQuery(field, lo, hi);
    String shared = SHARED.get(field);
    if (shared == null) {
      return own;
    }
    Query same = new BooleanQuery.Builder()
        .add(LongPoint.newRangeQuery(shared, lo, hi), BooleanClause.Occur.FILTER)
        .add(LongPoint.newRangeQuery(field, Long.MIN_VALUE, Long.MAX_VALUE), BooleanClause.Occur.MUST_NOT)
        .build();
    return new ConstantScoreQuery(new BooleanQuery.Builder()
        .add(own, BooleanClause.Occur.SHOULD)
        .add(same, BooleanClause.Occur.SHOULD)
        .build());
  }

  /** Whether an event indexes its own {@code earliest} and {@code latest} (its interval is more than its time). */
  static boolean ownInterval(long time, long earliest, long latest) {
    return time == dev.coroner.format.Event.NO_TIME || earliest != time || latest != time;
  }

  /** Fields holding ints (points): none since line numbers became longs (index version 4). */
  public static final Set<String> INT_FIELDS = Set.of();
  /** Analysed fields. */
  public static final Set<String> TEXT_FIELDS = Set.of(MESSAGE, TEXT);
  /** The fixed fields, in the order help and completion list them. */
  public static final List<String> FIXED_FIELDS = List.of(TIME, EARLIEST, LATEST, TIME_KIND, SOURCE,
      FILE, LINE, LAST_LINE, LEVEL, LOGGER, FORMAT, SIGNAL, MESSAGE, TEXT, SEQ, FIELDS);
  private static final Set<String> RESERVED = Set.copyOf(concat(FIXED_FIELDS, List.of(ORDINAL, STORED)));

  private IndexSchema() {}

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Keyword fields by default, the log-text analyser for message and text. */
  public static Analyzer analyzer() {
    Analyzer text = new LogTextAnalyzer();
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(MESSAGE, text, TEXT, text));
  }

  /** The index field name of a captured field. */
  public static String capturedField(String name) {
    return RESERVED.contains(name) ? CAPTURED_PREFIX + name : name;
  }

  /**
   * Whether a captured field of this name has an index field of its own; the others are terms
   * {@code key=value} of {@link #FIELDS}.
   */
  public static boolean ownField(String capturedName) {
    return KNOWN_FIELDS.contains(capturedName);
  }

  /** Whether a query's field name is one the index holds as a field (fixed, known or prefixed). */
  public static boolean indexedField(String field) {
    return RESERVED.contains(field) || KNOWN_FIELDS.contains(field) || field.startsWith(CAPTURED_PREFIX);
  }

  /** Whether a field of the index is the schema's own bookkeeping, not one a query names (field lists leave it out). */
  public static boolean internal(String field) {
    return MESSAGE_END.equals(field);
  }

  /** Whether a field name is matched whole (not analysed, not numeric). */
  public static boolean isKeyword(String field) {
    return !TEXT_FIELDS.contains(field) && !LONG_FIELDS.contains(field) && !INT_FIELDS.contains(field);
  }

  /** The event a stored document describes. Its {@code body} is its {@code text}. */
  public static Event toEvent(Document d) {
    return EventCodec.decode(stored(d));
  }

  /** The timeline position of a stored document. */
  public static long seq(Document d) {
    return EventCodec.seq(stored(d));
  }

  private static BytesRef stored(Document d) {
    BytesRef b = d.getBinaryValue(STORED);
    if (b == null) {
      throw new IllegalStateException("index document without '" + STORED + "': rebuild the index");
    }
    return b;
  }
}
