package dev.coroner.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One thread per child stream: reads bytes, splits lines at {@code \r\n} or {@code \n}, decodes
 * UTF-8 (malformed bytes become U+FFFD) and writes each line as {@code <time> <stream> <line>},
 * stripping nothing but the terminator. A last line without a newline is still written at end of
 * stream. A bare {@code \r} (progress bars) also ends a line: written verbatim it would make every
 * line-based reader, {@code diagnose} included, see a line without the time and stream prefix.
 * A line longer than {@link #MAX_LINE_BYTES} is split into pieces of that size; a terminator right
 * after a piece ends that piece (no empty line follows a line of exactly N MiB).
 * It keeps reading even when the log cannot be written, so the child never blocks on a full pipe.
 */
final class StreamCapture implements Runnable {
  /** Lines longer than this are split, so a runaway line cannot exhaust memory. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /** Told of every captured line, on the capture thread: which stream ({@code out}/{@code err}) and its text. */
  interface LineListener {
    void line(String stream, String text);
  }

  private final InputStream in;
  private final String stream;
  private final LineLog log;
  private final LogStamp stamp;
  private final LineListener onLine;
  private byte[] line = new byte[256];
  private int len;
  /** The last piece was cut at MAX_LINE_BYTES and nothing has come since: a terminator now ends it. */
  private boolean cut;
  private long stampMillis = Long.MIN_VALUE;
  private String stampText;

  StreamCapture(InputStream in, String stream, LineLog log, LogStamp stamp, LineListener onLine) {
    this.in = in;
    this.stream = stream;
    this.log = log;
    this.stamp = stamp;
    this.onLine = onLine;
  }

  /** Starts a daemon thread named after the stream. */
  Thread start(String name) {
    Thread t = new Thread(this, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void run() {
    byte[] buf = new byte[65536];
    try (in) {
      int n;
      boolean cr = false; // the previous byte was a \r: a \n now makes it \r\n
      while ((n = in.read(buf)) >= 0) {
        int i = 0;
        if (cr && n > 0) {
          cr = false;
          terminate();
          if (buf[0] == '\n') {
            i = 1;
          }
        }
        int start = i;
        for (; i < n; i++) {
          byte b = buf[i];
          if (b == '\n' || b == '\r') {
            append(buf, start, i);
            if (b == '\r') {
              if (i + 1 == n) {
                cr = true; // the \n may come in the next read
                start = n;
                break;
              }
              if (buf[i + 1] == '\n') {
                i++;
              }
            }
            terminate();
            start = i + 1;
          }
        }
        if (start < n) {
          append(buf, start, n);
        }
      }
      if (cr) {
        terminate();
      }
    } catch (IOException e) {
      // stream closed under us (process destroyed): fall through and write what we have
    }
    if (len > 0) {
      emit();
    }
  }

  /** Adds {@code buf[from, to)} to the current line, emitting a piece whenever it reaches the cap. */
  private void append(byte[] buf, int from, int to) {
    while (from < to) {
      int take = Math.min(to - from, MAX_LINE_BYTES - len);
      if (len + take > line.length) {
        line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(len + take, line.length * 2)));
      }
      System.arraycopy(buf, from, line, len, take);
      len += take;
      from += take;
      cut = false;
      if (len == MAX_LINE_BYTES) {
        emit();
        cut = true;
      }
    }
  }

  /** A terminator: ends the current line, unless it only ends a piece already written at the cap. */
  private void terminate() {
    if (len == 0 && cut) {
      cut = false;
      return;
    }
    emit();
  }

  private void emit() {
    String text = new String(line, 0, len, StandardCharsets.UTF_8);
    len = 0;
    if (line.length > 65536) {
      line = new byte[256]; // a long line does not pin a large buffer for the rest of the run
    }
    log.write(stamp() + ' ' + stream + ' ' + text);
    try {
      onLine.line(stream, text);
    } catch (RuntimeException e) {
      // a listener bug must not stop the capture
    }
  }

  /** The time prefix, formatted once per millisecond (a chatty child writes many lines in one). */
  private String stamp() {
    java.time.Instant now = stamp.instant();
    long ms = now.toEpochMilli();
    if (ms != stampMillis) {
      stampMillis = ms;
      stampText = stamp.format(now);
    }
    return stampText;
  }
}
