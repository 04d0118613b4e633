package dev.coroner.launch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An append-only UTF-8 log written one whole line at a time and flushed after each, so that a crash
 * of anything (child, launcher, machine short of a power cut) loses no line already written. Thread
 * safe. A write failure (disk full, file removed) never stops the caller: the line is counted as
 * dropped and reported once, because a capture thread that stopped reading would block the child.
 */
final class LineLog implements AutoCloseable {
  private final Path file;
  private final Writer out;
  private final Consumer<String> warn;
  private final AtomicLong dropped = new AtomicLong();
  private boolean failed;

  private LineLog(Path file, Writer out, Consumer<String> warn) {
    this.file = file;
    this.out = out;
    this.warn = warn;
  }

  /** Opens {@code file} for appending, creating it; an {@link IOException} when it cannot be written. */
  static LineLog open(Path file, Consumer<String> warn) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
        StandardCharsets.UTF_8));
    return new LineLog(file, w, warn);
  }

  Path file() {
    return file;
  }

  /** Writes {@code line} plus a newline and flushes. */
  synchronized void write(String line) {
    try {
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      dropped.incrementAndGet();
      if (!failed) {
        failed = true;
        warn.accept("cannot write " + file + " (" + e.getMessage() + "); further lines are dropped and counted");
      }
    }
  }

  long dropped() {
    return dropped.get();
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      dropped.incrementAndGet();
    }
  }
}
