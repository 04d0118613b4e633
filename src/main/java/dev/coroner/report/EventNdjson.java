package dev.coroner.report;

import dev.coroner.format.Event;
import dev.coroner.format.TimeKind;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code timeline --format ndjson}: one event a line, the object {@link EventJson#write} makes,
 * written char by char into one buffer. The same text as Jackson's generator with a newline as
 * root separator (a test compares them on every kind of char), without its per-value calls, an
 * intermediate writer buffer, or a String per time; the writer was most of the command's main
 * thread.
 */
public final class EventNdjson {
  /** Flushed to the writer when fuller than this; a writer's own buffer of this size is passed by. */
  private static final int SIZE = 1 << 16;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  /** Per ASCII char: 0 as is, -1 as a \\u00XX escape, else the char after the backslash. */
  private static final int[] ESCAPE = new int[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = -1;
    }
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
    ESCAPE['\b'] = 'b';
    ESCAPE['\t'] = 't';
    ESCAPE['\f'] = 'f';
    ESCAPE['\n'] = 'n';
    ESCAPE['\r'] = 'r';
  }

  private final Writer out;
  private final Times times;
  private final char[] buf = new char[SIZE + 256];
  private int pos;
  private boolean first = true;
  private String[] keys = new String[8];

  public EventNdjson(Writer out, Times times) {
    this.out = out;
    this.times = times;
  }

  public void write(Event e) throws IOException {
    if (!first) {
      put('\n');
    }
    first = false;
    raw("{\"time\":");
    time(e.time());
    raw(",\"timeKind\":");
    string(e.timeKind().id());
    if (e.timeKind() != TimeKind.EXACT) {
      raw(",\"earliest\":");
      time(e.earliest());
      raw(",\"latest\":");
      time(e.latest());
    }
    raw(",\"source\":");
    string(e.source().id());
    raw(",\"file\":");
    string(e.file());
    raw(",\"line\":");
    number(e.line());
    raw(",\"lastLine\":");
    number(e.lastLine());
    raw(",\"format\":");
    string(e.format());
    raw(",\"level\":");
    string(e.level());
    raw(",\"logger\":");
    string(e.logger());
    raw(",\"message\":");
    string(e.message());
    if (e.lastLine() > e.line()) {
      raw(",\"text\":");
      string(e.text());
    }
    raw(",\"signals\":[");
    List<String> signals = e.signals();
    for (int i = 0; i < signals.size(); i++) {
      if (i > 0) {
        put(',');
      }
      string(signals.get(i));
    }
    raw("],\"fields\":{");
    Map<String, String> fields = e.fields();
    int n = fields.size();
    if (n > 0) {
      if (keys.length < n) {
        keys = new String[Math.max(n, keys.length * 2)];
      }
      int k = 0;
      for (String key : fields.keySet()) {
        keys[k++] = key;
      }
      Arrays.sort(keys, 0, n);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          put(',');
        }
        string(keys[i]);
        put(':');
        string(fields.get(keys[i]));
      }
      Arrays.fill(keys, 0, n, null);
    }
    raw("}}");
    if (pos >= SIZE) {
      drain();
    }
  }

  /** Ends the last line and hands everything to the writer (which it does not close). */
  public void finish() throws IOException {
    put('\n');
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  private void room(int n) throws IOException {
    if (pos + n > buf.length) {
      drain();
    }
  }

  private void put(char c) throws IOException {
    room(1);
    buf[pos++] = c;
  }

  private void raw(String s) throws IOException {
    int n = s.length();
    room(n);
    s.getChars(0, n, buf, pos);
    pos += n;
  }

  private void time(long millis) throws IOException {
    if (millis == Event.NO_TIME || millis == Long.MAX_VALUE) {
      raw("\"\"");
      return;
    }
    room(42);
    buf[pos++] = '"';
    pos = times.isoInto(millis, buf, pos, 'T', true);
    buf[pos++] = '"';
  }

  private void number(long v) throws IOException {
    raw(Long.toString(v));
  }

  /** A JSON string (null as null), escaped as Jackson escapes: only '"', '\\' and controls. */
  private void string(String s) throws IOException {
    if (s == null) {
      raw("null");
      return;
    }
    int n = s.length();
    if (n + 2 > buf.length - pos && n + 2 <= buf.length) {
      drain();
    }
    if (n + 2 <= buf.length - pos) {
      // copy it whole, then look for what needs an escape (rare): from there on, char by char
      int start = pos + 1;
      buf[pos] = '"';
      s.getChars(0, n, buf, start);
      int end = start + n;
      for (int i = start; i < end; i++) {
        char c = buf[i];
        if (c < 128 && ESCAPE[c] != 0) {
          pos = i; // what came before is in place
          escaped(s, i - start, n);
          return;
        }
      }
      buf[end] = '"';
      pos = end + 1;
      return;
    }
    put('"');
    escaped(s, 0, n);
  }

  /** Writes s[from, n) escaping as needed, and the closing quote; buf[..pos) holds the rest before. */
  private void escaped(String s, int from, int n) throws IOException {
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      int esc = c < 128 ? ESCAPE[c] : 0;
      if (esc == 0) {
        put(c);
      } else if (esc > 0) {
        room(2);
        buf[pos++] = '\\';
        buf[pos++] = (char) esc;
      } else {
        room(6);
        buf[pos++] = '\\';
        buf[pos++] = 'u';
        buf[pos++] = '0';
        buf[pos++] = '0';
        buf[pos++] = HEX[c >> 4];
        buf[pos++] = HEX[c & 0xF];
      }
    }
    put('"');
  }
}
