package dev.coroner.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One generated log file: a large buffered writer that counts bytes and lines, and writes
 * Python logging's {@code %(asctime)s - %(name)s - %(levelname)s - %(message)s} lines without
 * formatting a date per line (the {@code yyyy-MM-dd HH:mm:ss} part is cached per second).
 *
 * <p>Everything the generator writes is ASCII, so one char is one byte and the byte count is
 * exact without encoding twice.
 */
final class LogSink implements AutoCloseable {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The prefix another tool writes before every line (docker compose, journald). */
  interface Envelope {
    /** The prefix of a line whose last known time is {@code lastTimeMs} (naive local millis). */
    String prefix(long lastTimeMs);
  }

  private final Writer out;
  private final Envelope envelope;
  private boolean lineStart = true;
  private final char[] millis = new char[4];
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedStamp = "";
  private long bytes;
  private long lines;
  private long lastTime = Long.MIN_VALUE;

  LogSink(Path file) throws IOException {
    this(file, null);
  }

  /** A log whose every line starts with {@code envelope}'s prefix (none when null). */
  LogSink(Path file, Envelope envelope) throws IOException {
    this.envelope = envelope;
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.out = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    millis[0] = ',';
  }

  /** A Python-logging line stamped {@code timeMs} (naive local time as epoch millis in UTC). */
  void py(long timeMs, String nameAndLevel, String message) {
    stamp(timeMs);
    put(nameAndLevel);
    put(message);
    newline();
  }

  /** Starts a Python-logging line whose message the caller completes with {@link #put}. */
  void pyStart(long timeMs, String nameAndLevel) {
    stamp(timeMs);
    put(nameAndLevel);
  }

  /** A raw line (no timestamp): uvicorn's default format, traceback frames. */
  void line(String text) {
    put(text);
    newline();
  }

  /** Ends a line started with {@link #pyStart}. */
  void end() {
    newline();
  }

  private void newline() {
    put("\n");
    lines++;
    lineStart = true;
  }

  void put(String s) {
    if (lineStart) {
      envelope();
    }
    try {
      out.write(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes += s.length();
  }

  void put(char[] chars, int len) {
    if (lineStart) {
      envelope();
    }
    try {
      out.write(chars, 0, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes += len;
  }

  private void envelope() {
    lineStart = false;
    if (envelope != null) {
      put(envelope.prefix(lastTime));
    }
  }

  /** Records that something happened at {@code timeMs} in a file without timestamps. */
  void touch(long timeMs) {
    lastTime = Math.max(lastTime, timeMs);
  }

  private void stamp(long timeMs) {
    long second = Math.floorDiv(timeMs, 1000);
    if (second != cachedSecond) {
      cachedSecond = second;
      cachedStamp = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).format(SECONDS);
    }
    int ms = (int) Math.floorMod(timeMs, 1000);
    millis[1] = (char) ('0' + ms / 100);
    millis[2] = (char) ('0' + ms / 10 % 10);
    millis[3] = (char) ('0' + ms % 10);
    touch(timeMs); // first: an envelope's prefix carries this line's time
    put(cachedStamp);
    put(millis, 4);
  }

  long bytes() {
    return bytes;
  }

  long lines() {
    return lines;
  }

  /** The time of the last event written, or {@code Long.MIN_VALUE} when nothing was. */
  long lastTime() {
    return lastTime;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
