package dev.coroner.format;

import dev.coroner.LookAhead;
import dev.coroner.ingest.Encoding;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.util.ArrayList;
import java.util.List;

/**
 * A log of several parts (its rotations) some of which are read in stretches ({@link
 * ChunkedReader}): the parts in order, each large plain one by its stretched reading, each run of
 * other parts by one {@link EventReader}, the records renumbered after those of the parts
 * before. A record never spans two parts (a reader ends its record where its part ends), so this
 * gives what one reader of the whole log gives.
 */
final class PartsReader extends LookAhead<Event> implements Records {
  private final LogFile file;
  private final List<Format> formats;
  private final Source source;
  private final Warnings warnings;
  private final Warnings fingerprints;
  /** Per part, its encoding when it is read in stretches, else null. */
  private final List<Encoding> stretched;
  private final int threads;
  private final long stretch;
  private final java.util.function.UnaryOperator<Event> annotate;
  /** The services' sides its readers learn or give ({@link EventReader#sides}), or null. */
  private final ServiceSides sides;
  private final List<PartStats> stats = new ArrayList<>();
  private int nextPart;
  private Records current;
  private long before;
  private long given;

  PartsReader(LogFile file, List<Format> formats, Source source, Warnings warnings, Warnings fingerprints,
      List<Encoding> stretched, int threads, long stretch, java.util.function.UnaryOperator<Event> annotate,
      ServiceSides sides) {
    this.annotate = annotate;
    this.sides = sides;
    this.file = file;
    this.formats = formats;
    this.source = source;
    this.warnings = warnings;
    this.fingerprints = fingerprints;
    this.stretched = stretched;
    this.threads = threads;
    this.stretch = stretch;
  }

  @Override
  protected Event advance() {
    while (true) {
      if (current == null) {
        if (nextPart >= file.parts().size()) {
          return null;
        }
        current = openNext();
      }
      if (current.hasNext()) {
        Event e = current.next();
        given++;
        if (annotate != null && !current.annotated()) {
          e = annotate.apply(e); // a part read by one reader: annotated here, as the reading promises
        }
        return before == 0 ? e : e.withOrdinal(e.ordinal() + before);
      }
      stats.addAll(current.stats());
      current.close();
      current = null;
      before = given;
    }
  }

  /** The reader of the next part, or of the run of parts up to the next one read in stretches. */
  private Records openNext() {
    List<LogFile.Part> parts = file.parts();
    int i = nextPart;
    if (stretched.get(i) != null) {
      nextPart = i + 1;
      return new ChunkedReader(new LogFile(file.name(), List.of(parts.get(i))), formats, source, warnings, fingerprints,
          stretched.get(i), threads, stretch, nextPart == parts.size(), annotate, sides);
    }
    int j = i;
    while (j < parts.size() && stretched.get(j) == null) {
      j++;
    }
    nextPart = j;
    EventReader r = new EventReader(new LogFile(file.name(), parts.subList(i, j)), formats, source, warnings)
        .fingerprint(fingerprints).sides(sides);
    return j == parts.size() ? r : r.notLast();
  }

  @Override
  public List<PartStats> stats() {
    return stats;
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public boolean threaded() {
    return true;
  }

  @Override
  public boolean annotated() {
    return annotate != null;
  }
}
