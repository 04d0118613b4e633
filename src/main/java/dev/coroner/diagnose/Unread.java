package dev.coroner.diagnose;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What coroner could not read: the records that no signal explains but that matter (an error
 * level, a failure word, or the last record of a log), grouped into templates by masking what
 * varies (numbers, hex, addresses, paths, ids), each with a count and where it stands. Bounded:
 * at most {@link #MAX_TEMPLATES} templates and {@link #MAX_REFS} places each; the last records
 * of at most {@link #MAX_FILES} logs.
 */
public final class Unread {
  static final int MAX_TEMPLATES = 100;
  static final int MAX_REFS = 3;
  static final int MAX_FILES = 1000;
  private static final int MAX_TEXT = 300;
  private static final Pattern FAILURE = Pattern.compile(
      "(?i)\\b(fatal|killed|segmentation|abort(ed)?|panic|exit code|exited|core dump(ed)?|out of memory|denied|refused|timed out|traceback|crash(ed)?)\\b");
  /**
   * A first line of a record without a level that starts with an exception's name and its
   * message, as a runtime writes an uncaught one ({@code ValueError: ...}, {@code pydantic.error_wrappers.ValidationError: 2
   * validation errors}, {@code java.net.ConnectException: ...}): the name ends in Error,
   * Exception or Failure, after an optional dotted module path.
   */
  private static final Pattern EXCEPTION = Pattern.compile(
      "\\s*(?:[A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*(?:Error|Exception|Failure)(?::(?:\\s|$)|$)");
  private static final List<Map.Entry<Pattern, String>> MASKS = List.of(
      Map.entry(Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"), "<id>"),
      Map.entry(Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b"), "<hex>"),
      Map.entry(Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b|\\[[0-9a-fA-F:]*:[0-9a-fA-F:]*\\](?::\\d+)?"), "<address>"),
      Map.entry(Pattern.compile("(?:[A-Za-z]:)?(?:[\\\\/][\\w.@+-]+){2,}[\\\\/]?"), "<path>"),
      Map.entry(Pattern.compile("\\d+"), "<n>"));

  /** Why a record is listed. */
  enum Reason {
    LEVEL("error level"), FAILURE_WORD("failure word"), LAST("last record of its log");

    final String text;

    Reason(String text) {
      this.text = text;
    }
  }

  /** One template: its masked text, how often, where, why. */
  public record Template(String template, String level, String reason, long count, List<String> refs, String example) {}

  private static final class Acc {
    final String level;
    final Reason reason;
    final String example;
    long count;
    final List<String> refs = new ArrayList<>(MAX_REFS);

    Acc(String level, Reason reason, String example) {
      this.level = level;
      this.reason = reason;
      this.example = example;
    }
  }

  private final Map<String, Acc> templates = new LinkedHashMap<>();
  /** Per log, a holder of its last record (updated in place). */
  private final Map<String, Event[]> lastByFile = new LinkedHashMap<>();
  /**
   * The holders by the log's name as an object: the records of one log share their name's
   * string, so the logs of a folder whose records interleave each find their holder without the
   * name being compared.
   */
  private final Map<String, Event[]> holders = new IdentityHashMap<>();

  private void keepLast(Event e) {
    String file = e.file();
    Event[] h = holders.get(file);
    if (h == null) {
      if (file.isEmpty()) {
        return;
      }
      // the parts of a rotated log are one log, whose last record is its current part's
      String log = dev.coroner.ingest.FolderScanner.logOf(file);
      h = lastByFile.get(log);
      if (h == null) {
        if (lastByFile.size() >= MAX_FILES) {
          return;
        }
        h = new Event[1];
        lastByFile.put(log, h);
      }
      if (holders.size() < 2 * MAX_FILES) { // bounded, should names come as new strings
        holders.put(file, h);
      }
    }
    h[0] = e;
  }

  private long dropped;

  /**
   * Looks at one record: an unexplained one that matters is counted, and returned as true
   * (error level or failure word), so the engine can tell rules about it.
   */
  boolean accept(Event e) {
    keepLast(e);
    if (!e.signals().isEmpty()) {
      return false;
    }
    Reason r = reason(e);
    if (r == null) {
      return false;
    }
    add(e, r);
    return true;
  }

  private Reason reason(Event e) {
    String level = e.level();
    if (level != lastLevel) {
      lastLevel = level;
      lastLevelKind = levelKind(level);
    }
    return reasonOf(lastLevelKind, level, e.message());
  }

  /**
   * Whether a record that carries no signal would be listed here (an error level, a failure
   * word, an uncaught exception's line): {@link #accept}'s test, without its memo.
   */
  public static boolean wants(Event e) {
    return reasonOf(levelKind(e.level()), e.level(), e.message()) != null;
  }

  private static Reason reasonOf(int levelKind, String level, String message) {
    if (levelKind == ERROR_LEVEL) {
      return Reason.LEVEL;
    }
    if (levelKind == ROUTINE_LEVEL) {
      return null; // a record its writer calls routine is not a failure for a word in it (a command line's --timeout)
    }
    String first = firstLine(message);
    if (FAILURE.matcher(first).find()) {
      return Reason.FAILURE_WORD;
    }
    // an exception's line that no logger wrote (no level): the runtime's word on an uncaught one;
    // a logger's "HTTPException: 405" at WARNING is an app's handled answer
    return level.isEmpty() && EXCEPTION.matcher(first).lookingAt() ? Reason.FAILURE_WORD : null;
  }

  /** The last level asked about and its kind: records of a log share a few level strings. */
  private String lastLevel;
  private int lastLevelKind;
  private static final int OTHER_LEVEL = 0;
  private static final int ERROR_LEVEL = 1;
  private static final int ROUTINE_LEVEL = 2;

  private static int levelKind(String level) {
    if (level.isEmpty()) {
      return OTHER_LEVEL;
    }
    for (String bad : ERROR_LEVELS) {
      if (level.regionMatches(true, 0, bad, 0, bad.length())) {
        return ERROR_LEVEL;
      }
    }
    for (String routine : ROUTINE_LEVELS) {
      if (level.equalsIgnoreCase(routine)) {
        return ROUTINE_LEVEL;
      }
    }
    return OTHER_LEVEL;
  }

  /** Level names (or their starts) of records that report an error. */
  private static final List<String> ERROR_LEVELS = List.of("ERR", "CRIT", "FATAL", "SEVERE", "PANIC", "EMERG", "ALERT");
  private static final List<String> ROUTINE_LEVELS = List.of("INFO", "DEBUG", "TRACE", "SUCCESS");

  /** The last records of the logs that carry no signal (call once, after the last record). */
  List<Event> finishLast() {
    List<Event> out = new ArrayList<>();
    for (Event[] h : lastByFile.values()) {
      Event e = h[0];
      if (e.signals().isEmpty() && reason(e) == null) {
        add(e, Reason.LAST);
        out.add(e);
      }
    }
    return out;
  }

  private void add(Event e, Reason r) {
    String text = firstLine(e.message());
    String t = mask(text);
    Acc a = templates.get(t);
    if (a == null) {
      if (templates.size() >= MAX_TEMPLATES) {
        dropped++;
        return;
      }
      a = new Acc(e.level(), r, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text);
      templates.put(t, a);
    }
    a.count++;
    if (a.refs.size() < MAX_REFS) {
      a.refs.add(e.ref());
    }
  }

  /** The templates, most frequent first (ties in order of first appearance). */
  List<Template> templates() {
    List<Template> out = new ArrayList<>();
    templates.forEach((t, a) -> out.add(new Template(t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "..." : t, a.level,
        a.reason.text, a.count, List.copyOf(a.refs), a.example)));
    out.sort((x, y) -> Long.compare(y.count(), x.count()));
    return out;
  }

  /** Records not listed because the template cap was reached. */
  long dropped() {
    return dropped;
  }

  static String mask(String s) {
    String out = s;
    for (Map.Entry<Pattern, String> m : MASKS) {
      out = m.getKey().matcher(out).replaceAll(m.getValue());
    }
    return out.strip();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
