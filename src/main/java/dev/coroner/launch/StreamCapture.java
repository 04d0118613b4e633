package dev.coroner.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One thread per child stream: reads bytes, splits lines at {@code \r\n} or {@code \n}, decodes
 * UTF-8 (malformed bytes become U+FFFD) and writes each line as {@code <time> <stream> <line>},
 * stripping nothing but the terminator. A last line without a newline is still written at end of
 * stream. A bare {@code \r} (progress bars) also ends a line: written verbatim it would make every
 * line-based reader, {@code diagnose} included, see a line without the time and stream prefix.
 * It keeps reading even when the log cannot be written, so the child never blocks on a full pipe.
 */
final class StreamCapture implements Runnable {
  /** Lines longer than this are split, so a runaway line cannot exhaust memory. */
  static final int MAX_LINE_BYTES = 1 << 20;

  private final InputStream in;
  private final String stream;
  private final LineLog log;
  private final LogStamp stamp;
  private final Consumer<String> onLine;

  StreamCapture(InputStream in, String stream, LineLog log, LogStamp stamp, Consumer<String> onLine) {
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
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      boolean cr = false; // the previous byte was a \r: a \n now makes it \r\n
      while ((n = in.read(buf)) >= 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (cr) {
            cr = false;
            emit(line);
            if (b == '\n') {
              continue;
            }
          }
          if (b == '\n') {
            emit(line);
          } else if (b == '\r') {
            cr = true;
          } else {
            line.write(b);
            if (line.size() >= MAX_LINE_BYTES) {
              emit(line);
            }
          }
        }
      }
      if (cr) {
        emit(line);
      }
    } catch (IOException e) {
      // stream closed under us (process destroyed): fall through and write what we have
    }
    if (line.size() > 0) {
      emit(line);
    }
  }

  private void emit(ByteArrayOutputStream line) {
    String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
    line.reset();
    log.write(stamp.now() + ' ' + stream + ' ' + text);
    try {
      onLine.accept(text);
    } catch (RuntimeException e) {
      // a listener bug must not stop the capture
    }
  }
}
