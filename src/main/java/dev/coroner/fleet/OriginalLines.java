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

  /** The lines {@code e.line()} to {@code e.lastLine()} of its file joined with '\n', or {@code e.text()} when they cannot be read. */
  String text(Event e) {
    LogFile.Part part = parts.get(e.file());
    if (part == null || e.lastLine() < e.line()) {
      return e.text();
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
          return e.text();
        }
        r.next();
      }
      StringBuilder sb = new StringBuilder();
      for (long n = e.line(); n <= e.lastLine(); n++) {
        if (!r.hasNext()) {
          return e.text();
        }
        String l = r.next();
        if (n > e.line()) {
          sb.append('\n');
        }
        sb.append(l);
      }
      return sb.toString();
    } catch (IOException ex) {
      return e.text();
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
