package dev.coroner.diagnose;

import dev.coroner.format.Event;
import dev.coroner.format.TimeKind;
import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a rule's text: {@code {count:SIGNAL}}, {@code {first:SIGNAL}}, {@code {last:SIGNAL}},
 * {@code {SIGNAL.field}}, {@code {duration}}; what cannot be filled reads "?". {@code {one:SIGNAL}}
 * writes nothing and has a value only when the signal occurred exactly once: it marks the
 * singular alternative of a summary ("the client's connection attempt{one:X} at ... was refused"),
 * so a single event is not told as "1 connection attempts from T to T". "from {first:X} to
 * {last:X}" whose two times read the same is written "at T" ("some time before T" alone), so
 * several events of one second, or of one unknown time, are not told as a span from T to T.
 * A count of one is not told in the plural: "{count:X} times" is written "once", and
 * "{count:X} requests" (up to two words between, "connection attempts") in the singular, for the
 * plural nouns of {@link #ONE} (and a "were" or "are" right after such a noun).
 */
final class Placeholders {
  private static final Pattern P = Pattern.compile("\\{([a-z]+:)?([a-z0-9_.-]+)\\}");
  /** A count, then up to two words and a plural noun that a count of one writes in the singular; or "times". */
  private static final Pattern ONE = Pattern.compile("\\{count:([a-z0-9_.-]+)\\}(?: times\\b|((?: [a-z']+){0,2}?)"
      + " (request|attempt|answer|record|failure|refusal|error|timeout|probe|reset|line|event|connection)s\\b"
      + "(?: (were|are)\\b)?)");
  private static final Pattern SPAN = Pattern.compile("from \\{first:([a-z0-9_.-]+)\\} to \\{last:\\1\\}");
  private final Window w;
  private final LongFunction<String> clock;
  private final long start;
  private final long end;

  Placeholders(Window w, LongFunction<String> clock, long start, long end) {
    this.w = w;
    this.clock = clock;
    this.start = start;
    this.end = end;
  }

  /** The first text whose placeholders all have values (no "?", no zero count); else the last, filled. */
  String fillFirst(List<String> texts) {
    for (String t : texts) {
      if (complete(t)) {
        return fill(t);
      }
    }
    return fill(texts.get(texts.size() - 1));
  }

  /** Whether every placeholder of a text has a value (no "?", no zero count). */
  boolean complete(String text) {
    Matcher m = P.matcher(text);
    while (m.find()) {
      String v = value(m.group(1), m.group(2));
      if (v.equals("?") || ("count:".equals(m.group(1)) && v.equals("0"))) {
        return false;
      }
    }
    return true;
  }

  String fill(String text) {
    Matcher one = ONE.matcher(text);
    StringBuilder ones = new StringBuilder();
    while (one.find()) {
      String n = value("count:", one.group(1));
      String verb = one.group(4) == null ? "" : one.group(4).equals("were") ? " was" : " is";
      String said = !n.equals("1") ? one.group() : one.group(3) == null ? "once" : "1" + one.group(2) + " " + one.group(3) + verb;
      one.appendReplacement(ones, Matcher.quoteReplacement(said));
    }
    one.appendTail(ones);
    text = ones.toString();
    Matcher span = SPAN.matcher(text);
    StringBuilder spans = new StringBuilder();
    while (span.find()) {
      String first = value("first:", span.group(1));
      String same = first.equals(value("last:", span.group(1))) && !first.equals("?")
          ? (first.startsWith("some time") ? first : "at " + first)
          : span.group();
      span.appendReplacement(spans, Matcher.quoteReplacement(same));
    }
    span.appendTail(spans);
    Matcher m = P.matcher(spans);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1), m.group(2))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String value(String fn, String ref) {
    if (fn == null && ref.equals("duration")) {
      return duration(end - start);
    }
    if (fn != null) {
      SignalTally o = find(ref);
      if (o == null) {
        return fn.equals("count:") ? "0" : "?";
      }
      return switch (fn) {
        case "count:" -> Long.toString(o.count);
        case "one:" -> o.count == 1 ? "" : "?";
        case "first:" -> time(o.first);
        case "last:" -> time(o.last);
        default -> "?";
      };
    }
    int dot = ref.lastIndexOf('.');
    if (dot > 0) {
      SignalTally o = find(ref.substring(0, dot));
      String field = ref.substring(dot + 1);
      if (o != null) {
        for (Event e : o.events()) {
          String v = switch (field) {
            case "file" -> e.line() > 0 ? e.file() : "";
            case "line" -> e.line() > 0 ? Long.toString(e.line()) : "";
            case "ref" -> e.line() > 0 ? e.ref() : "";
            case "time" -> e.hasTime() ? time(e) : "";
            default -> e.field(field);
          };
          if (!v.isEmpty()) {
            return v;
          }
        }
      }
    }
    return "?";
  }

  private SignalTally find(String signal) {
    SignalTally o = w.get(Scope.EPISODE, signal);
    if (o == null) {
      o = w.get(Scope.WINDOW, signal);
    }
    return o != null ? o : w.get(Scope.ALL, signal);
  }

  private String time(Event e) {
    if (e == null || !e.hasTime()) {
      return "?";
    }
    if (e.timeKind() != TimeKind.EXACT && e.earliest() == Event.NO_TIME && e.latest() != Event.NO_TIME
        && e.latest() != Long.MAX_VALUE) {
      // no timestamp and nothing to pair it with: all that is known is that it happened before
      // its file was last written (the estimate is that bound, not a time it happened at)
      return "some time before " + clock.apply(e.latest());
    }
    return (e.timeKind() == TimeKind.EXACT ? "" : "~") + clock.apply(e.time());
  }

  static String duration(long ms) {
    if (ms < 0) {
      return "?";
    }
    long s = ms / 1000;
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
