package dev.coroner.search;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;

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
 *       logger format signal}, and every captured field under its own name ({@code port pid errno
 *       status path exception method host ...});
 *   <li>numbers: {@code line lastLine} (exact or ranges);
 *   <li>analysed text ({@link LogTextAnalyzer}): {@code message} (first line) and {@code text}
 *       (every line, the default field).
 * </ul>
 */
public final class IndexSchema {
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
  /** Prefix of a captured field whose name is taken by the schema itself. */
  static final String CAPTURED_PREFIX = "field.";

  /** Fields holding epoch milliseconds: queried with readable times. */
  public static final Set<String> TIME_FIELDS = Set.of(TIME, EARLIEST, LATEST);
  /** Fields holding longs (points). */
  public static final Set<String> LONG_FIELDS = Set.of(SEQ, TIME, EARLIEST, LATEST);
  /** Fields holding ints (points). */
  public static final Set<String> INT_FIELDS = Set.of(LINE, LAST_LINE);
  /** Analysed fields. */
  public static final Set<String> TEXT_FIELDS = Set.of(MESSAGE, TEXT);
  /** The fixed fields, in the order help and completion list them. */
  public static final List<String> FIXED_FIELDS = List.of(TIME, EARLIEST, LATEST, TIME_KIND, SOURCE,
      FILE, LINE, LAST_LINE, LEVEL, LOGGER, FORMAT, SIGNAL, MESSAGE, TEXT, SEQ);
  private static final Set<String> RESERVED = Set.copyOf(concat(FIXED_FIELDS, List.of(ORDINAL)));

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

  /** Whether a field name is matched whole (not analysed, not numeric). */
  public static boolean isKeyword(String field) {
    return !TEXT_FIELDS.contains(field) && !LONG_FIELDS.contains(field) && !INT_FIELDS.contains(field);
  }

  /** The document of one event at position {@code seq} of the timeline. */
  public static Document toDocument(Event e, long seq) {
    Document d = new Document();
    d.add(new LongPoint(SEQ, seq));
    d.add(new NumericDocValuesField(SEQ, seq));
    d.add(new StoredField(SEQ, seq));
    if (e.hasTime()) {
      d.add(new LongPoint(TIME, e.time()));
    }
    d.add(new NumericDocValuesField(TIME, e.time()));
    d.add(new StoredField(TIME, e.time()));
    d.add(new LongPoint(EARLIEST, e.earliest()));
    d.add(new StoredField(EARLIEST, e.earliest()));
    // An unknown upper bound is no bound: the event may have happened at any later time.
    d.add(new LongPoint(LATEST, e.latest() == Event.NO_TIME ? Long.MAX_VALUE : e.latest()));
    d.add(new StoredField(LATEST, e.latest()));
    keyword(d, TIME_KIND, e.timeKind().id(), true);
    keyword(d, SOURCE, e.source().id(), true);
    keyword(d, FILE, e.file(), true);
    d.add(new IntPoint(LINE, e.line()));
    d.add(new StoredField(LINE, e.line()));
    d.add(new IntPoint(LAST_LINE, e.lastLine()));
    d.add(new StoredField(LAST_LINE, e.lastLine()));
    d.add(new StoredField(ORDINAL, e.ordinal()));
    keyword(d, LEVEL, e.level(), true);
    keyword(d, LOGGER, e.logger(), true);
    keyword(d, FORMAT, e.format(), true);
    for (String s : e.signals()) {
      keyword(d, SIGNAL, s, true);
    }
    for (Map.Entry<String, String> f : e.fields().entrySet()) {
      keyword(d, capturedField(f.getKey()), f.getValue(), true);
    }
    d.add(new TextField(MESSAGE, e.message(), Field.Store.YES));
    // For one-line events text equals message: store it once.
    d.add(new TextField(TEXT, e.text(), e.text().equals(e.message()) ? Field.Store.NO : Field.Store.YES));
    return d;
  }

  private static void keyword(Document d, String name, String value, boolean store) {
    d.add(new StringField(name, KeywordAnalyzer.fold(value), Field.Store.NO));
    if (store) {
      d.add(new StoredField(name, value));
    }
  }

  /**
   * The event a stored document describes. Its {@code body} is its {@code text} (the index does
   * not keep the signal-matching body separately).
   */
  public static Event toEvent(Document d) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> signals = new ArrayList<>();
    for (IndexableField f : d.getFields()) {
      String n = f.name();
      if (n.equals(SIGNAL)) {
        signals.add(f.stringValue());
      } else if (!RESERVED.contains(n)) {
        fields.put(n.startsWith(CAPTURED_PREFIX) ? n.substring(CAPTURED_PREFIX.length()) : n, f.stringValue());
      }
    }
    String message = d.get(MESSAGE);
    String text = d.get(TEXT) == null ? message : d.get(TEXT);
    return new Event(Source.of(d.get(SOURCE)), d.get(FILE), num(d, LINE).intValue(), num(d, LAST_LINE).intValue(),
        num(d, ORDINAL).longValue(), num(d, TIME).longValue(), num(d, EARLIEST).longValue(), num(d, LATEST).longValue(),
        TimeKind.valueOf(d.get(TIME_KIND).toUpperCase(Locale.ROOT)), d.get(LEVEL), d.get(LOGGER), message, text, text,
        fields, d.get(FORMAT), signals);
  }

  /** The timeline position of a stored document. */
  public static long seq(Document d) {
    return num(d, SEQ).longValue();
  }

  private static Number num(Document d, String name) {
    IndexableField f = d.getField(name);
    if (f == null || f.numericValue() == null) {
      throw new IllegalStateException("index document without '" + name + "': rebuild the index");
    }
    return f.numericValue();
  }
}
