package dev.coroner.launch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An append-only UTF-8 log written one whole line at a time. Thread safe. Two promises:
 * <ul>
 *   <li>{@link Durability#EACH_LINE} (the launcher's own events): flushed after each line, so a
 *       crash of anything, the launcher included, loses no line already written;
 *   <li>{@link Durability#BATCHED} (captured output, which a chatty child writes by the megabyte):
 *       lines are buffered and flushed by a shared background thread every
 *       {@value #FLUSH_EVERY_MS} ms, so every line reaches the file within a second of being
 *       captured. A crash of the child loses nothing (the launcher lives on and flushes); only a
 *       SIGKILL of the launcher itself can lose the last fraction of a second. Flushing each line
 *       instead held a chatty child to the speed of one write system call per line.
 * </ul>
 * A write failure (disk full, file removed) never stops the caller: the line is counted as
 * dropped and reported once, because a capture thread that stopped reading would block the child.
 */
final class LineLog implements AutoCloseable {
  /** How often the background thread flushes {@link Durability#BATCHED} logs. */
  static final long FLUSH_EVERY_MS = 200;

  /** When written lines reach the file. */
  enum Durability { EACH_LINE, BATCHED }

  private static final Set<LineLog> BATCHED_OPEN = ConcurrentHashMap.newKeySet();
  private static Thread flusher;

  private final Path file;
  private final Writer out;
  private final Durability durability;
  private final Consumer<String> warn;
  private final AtomicLong dropped = new AtomicLong();
  private boolean failed;
  private boolean dirty;
  private boolean closed;

  private LineLog(Path file, Writer out, Durability durability, Consumer<String> warn) {
    this.file = file;
    this.out = out;
    this.durability = durability;
    this.warn = warn;
  }

  /** Opens {@code file} for appending, creating it; an {@link IOException} when it cannot be written. */
  static LineLog open(Path file, Durability durability, Consumer<String> warn) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
        StandardCharsets.UTF_8), 1 << 16);
    LineLog log = new LineLog(file, w, durability, warn);
    if (durability == Durability.BATCHED) {
      BATCHED_OPEN.add(log);
      startFlusher();
    }
    return log;
  }

  private static synchronized void startFlusher() {
    if (flusher != null && flusher.isAlive()) {
      return;
    }
    flusher = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(FLUSH_EVERY_MS);
        } catch (InterruptedException e) {
          return;
        }
        for (LineLog log : BATCHED_OPEN) {
          log.flushIfDirty();
        }
      }
    }, "coroner-log-flusher");
    flusher.setDaemon(true);
    flusher.start();
  }

  Path file() {
    return file;
  }

  /** Writes {@code line} plus a newline; flushes now or within {@value #FLUSH_EVERY_MS} ms, by the log's durability. */
  synchronized void write(String line) {
    if (closed) {
      dropped.incrementAndGet();
      return;
    }
    try {
      out.write(line);
      out.write('\n');
      if (durability == Durability.EACH_LINE) {
        out.flush();
      } else {
        dirty = true;
      }
    } catch (IOException e) {
      failed(e);
    }
  }

  synchronized void flushIfDirty() {
    if (dirty && !closed) {
      dirty = false;
      try {
        out.flush();
      } catch (IOException e) {
        failed(e);
      }
    }
  }

  private void failed(IOException e) {
    dropped.incrementAndGet();
    if (!failed) {
      failed = true;
      warn.accept("cannot write " + file + " (" + e.getMessage() + "); further lines are dropped and counted");
    }
  }

  long dropped() {
    return dropped.get();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    BATCHED_OPEN.remove(this);
    try {
      out.close();
    } catch (IOException e) {
      failed(e);
    }
  }
}
