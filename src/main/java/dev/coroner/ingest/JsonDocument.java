package dev.coroner.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * A log exported as one JSON document rather than as lines: {@code aws logs filter-log-events}
 * ({@code {"events": [{"timestamp": ..., "message": ...}, ...]}}), {@code gcloud logging read
 * --format=json} (an indented array of entries, {@code textPayload} among their keys), a search
 * API's hits ({@code "_source"}), {@code kubectl get events -o json}, or a log of JSON lines passed
 * through {@code jq .} (one indented object after another). Its lines are no records: a key and its
 * value on one line, the entry's time ten lines from its message.
 *
 * <p>Such a document is read entry by entry: each entry is handed on as one line of compact JSON,
 * at the line where the entry opens, which the format of JSON lines reads as it reads a line of
 * {@code journalctl -o json}. The document's other lines (the rest of each entry, its brackets, the
 * keys around the entries such as a next-page token) are not read as lines of their own; line
 * numbers stay those of the file. Entries that share a line (a document written on one line) are
 * handed on one after another, all at that line. An entry is an object that holds a log's text under one of {@link
 * #TEXT_KEYS} (those the JSON lines format reads a message from) and a time under one of {@link
 * #TIME_KEYS}, that is a top-level value, an element of an array, or the {@code _source} of one, and
 * that is inside no other entry. The time is asked for so that a document that merely holds a
 * message somewhere (a pod's conditions in {@code kubectl get pod -o json}, a tool's report) stays
 * text, every line of it seen as before.
 *
 * <p>Where the JSON ends early or goes wrong (a half-written export, text after it), every line
 * after the last whole entry is read as it is, as text: nothing is lost, and the reader says
 * where. An entry longer than a line may be ({@link LineReader#MAX_LINE}) is read as its own lines.
 * A document with no entry, and one larger than {@link #MAX_BYTES} as stored, are not documents
 * here and are read as text, as before.
 *
 * <p>The parser reads the text the reader gives ({@link LineReader#openText}: decoded, a .gz part
 * inflated, colour codes taken off, a markdown document's code taken out), each line without a
 * console's prefix that every line of the document carries (compose's, kubectl's), so the same
 * export reads alike bare, behind that prefix, pasted into an issue or gzipped.
 *
 * <p>A few lines of text may come before the document ({@link #MAX_PREAMBLE}): the command that
 * printed it ({@code $ aws logs filter-log-events ...}), a title, as people paste an export. They are
 * read as text, as they are; the document then opens on a line that is a bracket or a brace
 * followed by a key, an object, an array or nothing ({@link #opens}), not on a line such as
 * {@code [2024-03-01 10:00:00] INFO ...}.
 */
final class JsonDocument {
  /** Documents larger than this are read as text (the entries' places are kept in memory). */
  static final long MAX_BYTES = 64L << 20;
  /** Entries kept at most (their places are three numbers each); past them the document is read as text. */
  static final int MAX_ENTRIES = 1 << 20;
  /** The keys a log entry holds its text under; the same as the JSON lines format's message keys. */
  static final Set<String> TEXT_KEYS = Set.of("message", "msg", "log", "MESSAGE", "event", "text", "textPayload",
      "jsonPayload");
  /** The keys a log entry holds its time under. */
  static final Set<String> TIME_KEYS = Set.of("@timestamp", "timestamp", "time", "asctime", "ts", "t",
      "__REALTIME_TIMESTAMP", "date", "eventTime", "lastTimestamp", "firstTimestamp", "receiveTimestamp");
  private static final JsonFactory JSON = JsonFactory.builder().build();
  /** Lines with text that may come before the document (a command, a title), read as text. */
  static final int MAX_PREAMBLE = 3;

  private final LogFile.Part part;
  /** The console's prefix before every line of the document (compose's, kubectl's), given back before each entry; or "". */
  private final String prefix;
  /** The entries, in order: the line and column where each opens, the line where it closes. */
  private final long[] startLine;
  private final int[] startColumn;
  private final long[] endLine;
  private final int count;
  /** Lines after this one are read as they are (0: none; past the end of a whole document). */
  private final long rawAfter;
  /** The line the document opens on; the lines before it are read as they are. */
  private final long from;
  /** Why the JSON ended early, with its line; null when it did not. */
  private final String broken;

  // the reading: a second parser, in step with the lines
  private JsonParser parser;
  private long line;
  private int next;
  /** The entry whose lines are being read and whether it is read as its own lines (too long). */
  private int open = -1;
  private boolean openRaw;
  private final java.util.ArrayDeque<String> more = new java.util.ArrayDeque<>();
  private long skipped;
  /** Lines read as text after the JSON went wrong. */
  private long asText;
  /** Lines read as text before the document. */
  private long before;
  private long rawEntries;

  private JsonDocument(LogFile.Part part, Scan scan, String prefix) {
    this.part = part;
    this.prefix = prefix;
    this.startLine = scan.startLine;
    this.startColumn = scan.startColumn;
    this.endLine = scan.endLine;
    this.count = scan.count;
    this.rawAfter = scan.broken == null ? Long.MAX_VALUE : scan.count == 0 ? 0 : scan.endLine[scan.count - 1];
    this.broken = scan.broken;
    this.from = scan.text.from;
  }

  /**
   * The reading of {@code part} as a JSON document, or null when it is none: {@code head} (its
   * first {@code n} bytes, in {@code encoding}) must open with a bracket or a brace, and not with a
   * whole object on the first line (a log of JSON lines), and the document must hold an entry.
   */
  static JsonDocument of(LogFile.Part part, byte[] head, int n, Encoding encoding, boolean markdown) {
    if (part.size() > MAX_BYTES || encoding.binary()) {
      return null;
    }
    String prefix = markdown ? "" : opening(head, n, encoding);
    if (prefix == null) {
      return null;
    }
    Scan scan = scan(part, prefix, false);
    return scan == null || scan.count == 0 ? null : new JsonDocument(part, scan, prefix);
  }

  /**
   * Whether {@code file} (a {@code .json} file, which is read only when it is a log) is a JSON
   * document of log entries: not a configuration, a manifest or a report.
   */
  static boolean isLog(Path file, long size) {
    if (size > MAX_BYTES) {
      return false;
    }
    LogFile.Part part = new LogFile.Part(file, file.getFileName().toString(), false, size, 0);
    Scan scan = scan(part, "", true);
    return scan != null && scan.count > 0;
  }

  /** A console's prefix before every line of a document: compose's {@code svc-1  | }, kubectl's {@code [pod/NAME/CONTAINER] }. */
  private static final java.util.regex.Pattern PREFIX =
      java.util.regex.Pattern.compile("^(?:[\\w.-]+ *\\| ?|\\[pod/[^\\]\\s]+\\] )(?=\\s*[\\[{])");

  /**
   * The prefix of the document's lines ("" for none) when a line with text in {@code head} (colour
   * codes taken off, as the reader takes them off), the first or one after at most {@link
   * #MAX_PREAMBLE} lines of text, opens a document: a bracket or a brace ({@link #opens} after
   * lines of text), and not a whole object on that line (a log of JSON lines); null when none
   * does. Most logs are told apart by the bytes of their first lines (no bracket or brace in
   * them), before any String is made of their head.
   */
  private static String opening(byte[] head, int n, Encoding encoding) {
    int m = Math.min(n, 1 << 14);
    if (!encoding.isUtf16()) {
      int i = encoding.bomLength();
      while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) {
        i++;
      }
      if (i >= n) {
        return null;
      }
      // the lines the loop below may look at: a prefix or a few lines of text may come first
      boolean brace = false;
      boolean text = false;
      int lines = 0;
      int k = i;
      for (; k < m && lines <= MAX_PREAMBLE; k++) {
        byte b = head[k];
        brace |= b == '{' || b == '[';
        if (b == '\n') {
          lines += text ? 1 : 0;
          text = false;
        } else if (b != ' ' && b != '\t' && b != '\r') {
          text = true;
        }
      }
      if (!brace && head[i] != 0x1b) {
        return null; // most logs are told apart here, before any String is made of their head
      }
      m = k;
    }
    String text = encoding.isUtf16() ? new String(head, 0, m - (m % 2), encoding.charset())
        : new String(head, 0, m, encoding.charset().name().equals("UTF-8") ? java.nio.charset.StandardCharsets.UTF_8
            : java.nio.charset.StandardCharsets.ISO_8859_1);
    Preamble preamble = new Preamble();
    for (String raw : (Iterable<String>) text.lines()::iterator) {
      String line = LineReader.clean(raw);
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      String prefix = "";
      java.util.regex.Matcher pm = PREFIX.matcher(line);
      if (pm.find()) {
        prefix = pm.group();
        line = line.substring(prefix.length());
      }
      String t = line.strip();
      switch (preamble.step(t)) {
        case NONE:
          return null;
        case OPENS:
          return FolderScanner.isObject(t) ? null : prefix;
        default:
          continue;
      }
    }
    return null;
  }

  /** What a line's text is to {@link Preamble#step}. */
  private enum Before { BLANK, TEXT, OPENS, NONE }

  /**
   * The lines before a document, read in turn (by the head's check and by the reader alike): up
   * to {@link #MAX_PREAMBLE} lines of text, then the line that opens it ({@link #opens} after text).
   */
  private static final class Preamble {
    private int lines;

    /** What {@code t} is, after the lines before it: a line's text, stripped, without its prefix. */
    Before step(String t) {
      if (t.isEmpty()) {
        return Before.BLANK;
      }
      if (t.charAt(0) != '[' && t.charAt(0) != '{') {
        return ++lines > MAX_PREAMBLE ? Before.NONE : Before.TEXT;
      }
      return lines > 0 && !opens(t) ? Before.NONE : Before.OPENS;
    }
  }

  /**
   * Whether {@code t}, a line's text with no blank around it, opens a document after lines of
   * text: a bracket or a brace alone, or followed by a key, an object or an array.
   */
  static boolean opens(String t) {
    if (t.isEmpty() || (t.charAt(0) != '[' && t.charAt(0) != '{')) {
      return false;
    }
    int i = 1;
    while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
      i++;
    }
    return i == t.length() || t.charAt(i) == '"' || t.charAt(i) == '{' || t.charAt(i) == '[';
  }

  /** Where a document's entries lie, found by reading it once. */
  private static final class Scan {
    long[] startLine = new long[16];
    int[] startColumn = new int[16];
    long[] endLine = new long[16];
    int count;
    String broken;
    /** The text that was read: where the document opens ({@link Text#from}). */
    Text text;

    void add(long start, int column, long end) {
      if (count == startLine.length) {
        startLine = Arrays.copyOf(startLine, count * 2);
        startColumn = Arrays.copyOf(startColumn, count * 2);
        endLine = Arrays.copyOf(endLine, count * 2);
      }
      startLine[count] = start;
      startColumn[count] = column;
      endLine[count] = end;
      count++;
    }

    /** Drops the entries that opened at or after {@code line}:{@code column} (inside one that just closed). */
    void dropFrom(long line, int column) {
      while (count > 0 && (startLine[count - 1] > line
          || (startLine[count - 1] == line && startColumn[count - 1] >= column))) {
        count--;
      }
    }
  }

  /** An object being read: where it opened, whether it may be an entry, whether it is one. */
  private static final class Frame {
    final boolean object;
    final boolean mayBeEntry;
    final long line;
    final int column;
    boolean text;
    boolean time;
    /** The field whose value comes next (objects only). */
    String field;

    Frame(boolean object, boolean mayBeEntry, long line, int column) {
      this.object = object;
      this.mayBeEntry = mayBeEntry;
      this.line = line;
      this.column = column;
    }
  }

  /**
   * Reads the document at {@code file} once for its entries' places; with {@code firstOnly}, stops
   * at the first entry. Null when it cannot be read at all.
   */
  private static Scan scan(LogFile.Part part, String prefix, boolean firstOnly) {
    Scan scan = new Scan();
    try (Text in = new Text(part, prefix); JsonParser p = JSON.createParser(in)) {
      scan.text = in;
      java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
      try {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          Frame top = stack.peek();
          switch (t) {
            case START_OBJECT, START_ARRAY -> {
              boolean object = t == JsonToken.START_OBJECT;
              boolean may = object && (top == null || !top.object || "_source".equals(top.field));
              JsonLocation at = p.currentTokenLocation();
              stack.push(new Frame(object, may, at.getLineNr(), at.getColumnNr()));
            }
            case END_OBJECT, END_ARRAY -> {
              Frame done = stack.pop();
              if (done.object && done.mayBeEntry && done.text && done.time) {
                scan.dropFrom(done.line, done.column);
                scan.add(done.line, done.column, p.currentTokenLocation().getLineNr());
                if (firstOnly) {
                  return scan;
                }
                if (scan.count >= MAX_ENTRIES) {
                  scan.broken = "more than " + MAX_ENTRIES + " entries";
                  return scan;
                }
              }
            }
            case FIELD_NAME -> {
              String name = p.currentName();
              top.field = name;
              if (TEXT_KEYS.contains(name)) {
                JsonToken v = p.nextToken();
                top.text |= v == JsonToken.VALUE_STRING || (v == JsonToken.START_OBJECT && name.equals("jsonPayload"));
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                  JsonLocation at = p.currentTokenLocation();
                  stack.push(new Frame(v == JsonToken.START_OBJECT, false, at.getLineNr(), at.getColumnNr()));
                }
              } else if (TIME_KEYS.contains(name)) {
                top.time = true;
              }
            }
            default -> { }
          }
        }
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException
            || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")) {
          scan.broken = "the JSON ends early, inside the document";
          return scan;
        }
        scan.broken = "not valid JSON at line " + (at == null ? "?" : at.getLineNr()) + " (" + e.getOriginalMessage()
            .lines().findFirst().orElse("") + ")";
      }
      if (scan.broken == null && !stack.isEmpty()) {
        scan.broken = "the JSON ends early, inside the document";
      }
      return scan;
    } catch (IOException | RuntimeException e) {
      return null; // read as text; the reading says what went wrong
    }
  }

  /**
   * The line as read: an entry's compact JSON at the line it opens, or null for a line of the
   * document that is not read (the rest of an entry, the brackets and keys around the entries).
   */
  String keep(String text) {
    line++;
    if (line < from && !text.isBlank()) {
      before++;
      return text;
    }
    if (line > rawAfter) {
      asText++;
      return text;
    }
    if (open >= 0 && line > endLine[open]) {
      open = -1;
    }
    String first = null;
    while (next < count && startLine[next] == line) {
      String entry = entry(next);
      if (entry == null) {
        open = next;
        openRaw = true;
        rawEntries++;
        first = first == null ? text : first;
      } else if (first == null) {
        first = prefix + entry;
      } else {
        more.add(prefix + entry);
      }
      if (entry != null && (open < 0 || !openRaw || endLine[next] > endLine[open])) {
        open = next;
        openRaw = false;
      }
      next++;
    }
    if (first != null) {
      return first;
    }
    if (open >= 0 && openRaw) {
      return text;
    }
    skipped++;
    return null;
  }

  /** The next entry that opened on the line last kept, or null. */
  String more() {
    return more.poll();
  }

  /** Entry {@code i} as one line of compact JSON, or null when it is longer than a line may be or cannot be read. */
  private String entry(int i) {
    try {
      if (parser == null) {
        parser = JSON.createParser(new Text(part, prefix));
      }
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          JsonLocation at = parser.currentTokenLocation();
          if (at.getLineNr() == startLine[i] && at.getColumnNr() == startColumn[i]) {
            Capped out = new Capped(LineReader.MAX_LINE);
            try (JsonGenerator g = JSON.createGenerator(out)) {
              g.copyCurrentStructure(parser);
            } catch (Capped.Full full) {
              return null; // the search for the next entry goes on from inside this one
            }
            return out.toString();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the scan read this text whole: the entry is read as its own lines, and counted so
    }
    return null;
  }

  /** Says at the end what was read as the document's structure, and where the JSON went wrong. */
  void close(Warnings warnings) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // the lines were read; nothing to say
      }
    }
    StringBuilder s = new StringBuilder(part.name()).append(": a JSON document, read entry by entry: ").append(count)
        .append(count == 1 ? " entry" : " entries").append(" as records");
    if (before > 0) {
      s.append(" (its first ").append(before).append(before == 1 ? " line, before the document, was" : " lines, before the document, were")
          .append(" read as text)");
    }
    if (rawEntries > 0) {
      s.append(" (").append(rawEntries).append(" too long or unreadable as JSON, read as their lines)");
    }
    s.append("; its other ").append(skipped).append(skipped == 1 ? " line is" : " lines are")
        .append(" the rest of each entry and the brackets and keys around them, no records of their own");
    if (broken != null) {
      s.append("; ").append(broken);
      if (asText > 0) {
        s.append(", so its ").append(asText).append(asText == 1 ? " line" : " lines").append(" after line ").append(rawAfter)
            .append(asText == 1 ? " was" : " were").append(" read as text");
      }
    }
    warnings.add(s.toString());
  }

  /**
   * The document's text as the reader gives its lines (decoded, a .gz part inflated, colour codes
   * taken off, a markdown document's code taken out), each line without the console's prefix and
   * ended by a line feed, so that the parser's line numbers are the reader's; it ends at the first
   * line with text that lacks the prefix.
   */
  private static final class Text extends java.io.Reader {
    private final LineReader lines;
    private final String prefix;
    private String line;
    private int at;
    private boolean ended;
    /** The line the document opens on: the first whose text is a bracket or a brace; 0 until then. */
    long from;
    private long number;
    private final Preamble preamble = new Preamble();

    Text(LogFile.Part part, String prefix) throws IOException {
      this.lines = LineReader.openText(part, new Warnings());
      this.prefix = prefix;
    }

    @Override
    public int read(char[] into, int off, int len) {
      int done = 0;
      while (done < len && !ended) {
        if (line == null) {
          if (!lines.hasNext()) {
            ended = true;
            break;
          }
          String l = lines.next();
          number++;
          if (from == 0) {
            // before the document: up to MAX_PREAMBLE lines of text, given to the parser as blank lines
            String t = (!prefix.isEmpty() && l.startsWith(prefix) ? l.substring(prefix.length()) : l).strip();
            Before b = preamble.step(t);
            if (b == Before.NONE) {
              ended = true;
              break;
            }
            if (b == Before.TEXT) {
              l = "";
            } else if (b == Before.OPENS) {
              from = number;
            }
          }
          if (!prefix.isEmpty() && from == number) {
            l = l.startsWith(prefix) ? l.substring(prefix.length()) : l;
          } else if (!prefix.isEmpty() && from != 0) {
            if (l.startsWith(prefix)) {
              l = l.substring(prefix.length());
            } else if (!l.isBlank() && !l.equals(prefix.strip())) {
              ended = true;
              break;
            }
          }
          line = l + "\n";
          at = 0;
        }
        int k = Math.min(len - done, line.length() - at);
        line.getChars(at, at + k, into, off + done);
        at += k;
        done += k;
        if (at == line.length()) {
          line = null;
        }
      }
      return done == 0 && ended ? -1 : done;
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }

  /** A writer that stops at a number of chars. */
  private static final class Capped extends Writer {
    static final class Full extends IOException {
      Full() {
        super("longer than a line may be");
      }
    }

    private final StringBuilder sb = new StringBuilder(256);
    private final int cap;

    Capped(int cap) {
      this.cap = cap;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      if (sb.length() + len > cap) {
        throw new Full();
      }
      sb.append(cbuf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
