package dev.coroner.fleet;

import dev.coroner.format.Event;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines of a record exactly as the file has them (an event's {@code text} drops trailing
 * blanks, and a format that needs them, such as the launcher's capture of an empty line
 * {@code <time> err }, would not read the rebuilt file alike). Each file is read once more,
 * forward: the timeline gives a file's records in line order. At most {@link #OPEN} files are
 * open at once; a file read past is reopened.
 */
final class OriginalLines implements AutoCloseable {
  static final int OPEN = 32;

  private final Map<String, LogFile.Part> parts = new HashMap<>();
  private final Warnings quiet = new Warnings();
  private final LinkedHashMap<String, LineReader> open = new LinkedHashMap<>(16, 0.75f, true);

  OriginalLines(Iterable<LogFile.Part> all) {
    for (LogFile.Part p : all) {
      parts.put(p.name(), p);
    }
  }

  /**
   * A record as its file has it: its lines joined with '\n', and the byte offset of its first
   * line in the file ({@link LineReader#offset()}), or -1 when it is not known.
   */
  record Original(String text, long offset) {}

  /** The lines {@code e.line()} to {@code e.lastLine()} of its file, or {@code e.text()} (offset -1) when they cannot be read. */
  Original text(Event e) {
    Original fallback = new Original(e.text(), -1);
    LogFile.Part part = parts.get(e.file());
    if (part == null || e.lastLine() < e.line()) {
      return fallback;
    }
    try {
      LineReader r = open.get(e.file());
      if (r != null && r.lineNumber() >= e.line()) {
        r.close();
        open.remove(e.file());
        r = null;
      }
      if (r == null) {
        if (open.size() >= OPEN) {
          Iterator<Map.Entry<String, LineReader>> it = open.entrySet().iterator();
          it.next().getValue().close();
          it.remove();
        }
        r = LineReader.open(part, quiet);
        open.put(e.file(), r);
      }
      while (r.lineNumber() < e.line() - 1) {
        if (!r.hasNext()) {
          return fallback;
        }
        r.next();
      }
      StringBuilder sb = new StringBuilder();
      long offset = -1;
      for (long n = e.line(); n <= e.lastLine(); n++) {
        if (!r.hasNext()) {
          return fallback;
        }
        String l = r.next();
        if (n > e.line()) {
          sb.append('\n');
        } else {
          offset = r.offset();
        }
        sb.append(l);
      }
      return new Original(sb.toString(), offset);
    } catch (IOException ex) {
      return fallback;
    }
  }

  @Override
  public void close() {
    for (LineReader r : open.values()) {
      try {
        r.close();
      } catch (IOException e) {
        // read only
      }
    }
    open.clear();
  }
}
