package dev.coroner.format;

import dev.coroner.Handoff;
import dev.coroner.LookAhead;
import dev.coroner.ingest.Encoding;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The records of a large log of one plain part, read (and, when asked, annotated) in stretches by
 * several threads at once and given out in order: the same records, numbers, statistics and warnings as one {@link
 * EventReader} gives (a record may span lines, so a stretch starts only at a line that starts a
 * record whatever came before it, {@link EventReader#startsRecordAlone}).
 *
 * <p>The part is cut every {@link #STRETCH} bytes; stretch k begins at the first such line at or
 * after its cut (looked for over at most {@link #STRETCH} bytes; where there is none, the
 * stretch before it goes on) and ends where stretch k+1 begins. With n threads, thread j reads
 * stretches j, j+n, j+2n, ...: it counts the line endings from its last stretch to this one (a
 * byte loop, so that lines and warnings carry their numbers in the part) and reads the stretch
 * into records; the caller takes each stretch's records in turn, renumbering them after the
 * records of the stretches before, then its warnings. Each thread's queue holds about one
 * stretch, so memory is bounded by the threads, not the file. A read that fails ends the part
 * there, as it does for one reader.
 */
final class ChunkedReader extends LookAhead<Event> implements Records {
  /** Bytes between two cuts. */
  static final long STRETCH = 1L << 20;
  /** Handed over a thousand records at a time, or once their text reaches 256 Ki chars. */
  private static final Handoff.Batching<Event> BATCHES = new Handoff.Batching<>(1024, 256 * 1024, e -> e.text().length() + 1);
  /** Batches a thread's queue holds: a stretch of text and some (its records reach a batch's weight about four times). */
  private static final int CAPACITY = 6;
  /** The end of a stretch in a thread's records (by identity). */
  private static final Event END = new Event(Source.OTHER, "", 0, 0, -1, When.written(Event.NO_TIME), "", "", "", "", "",
      Map.of(), "", List.of());
  private final LogFile file;
  private final LogFile.Part part;
  private final List<Format> formats;
  private final Source source;
  private final Warnings warnings;
  private final Warnings fingerprints;
  private final Encoding encoding;
  private final long size;
  private final long bom;
  private final long stretch;
  private final long count;
  /** Where each stretch begins (by its number), once found, until it was given out (a few entries: the stretches in flight). */
  private final Map<Long, Long> starts = new ConcurrentHashMap<>();
  /** What each read stretch counted and warned of, until the caller takes it. */
  private final Map<Long, Done> done = new ConcurrentHashMap<>();
  private final List<Handoff.Ahead<Event>> lanes = new ArrayList<>();
  private final EventReader meta;
  private final List<PartStats> stats = new ArrayList<>();
  private long next;
  /** What the stretches given out so far counted together. */
  private EventReader.Counts total = EventReader.Counts.NONE;
  private boolean ended;
  /** Whether the part is the log's last. */
  private final boolean lastPart;
  /** The services' sides its stretches learn or give ({@link EventReader#sides}), or null. */
  private final ServiceSides sides;
  /** What each record is passed through on the reading threads (signals), or null. */
  private final java.util.function.UnaryOperator<Event> annotate;

  private record Done(EventReader.Counts counts, Warnings warnings) {}

  /** Reads {@code file}, a log of one part (or one part of a log, {@code lastPart} when it is its last). */
  ChunkedReader(LogFile file, List<Format> formats, Source source, Warnings warnings, Warnings fingerprints,
      Encoding encoding, int threads, long stretch, boolean lastPart, java.util.function.UnaryOperator<Event> annotate,
      ServiceSides sides) {
    this.file = file;
    this.sides = sides;
    this.lastPart = lastPart;
    this.annotate = annotate;
    this.part = file.parts().get(0);
    this.formats = formats;
    this.source = source;
    this.warnings = warnings;
    this.fingerprints = fingerprints;
    this.encoding = encoding;
    this.size = part.size();
    this.bom = encoding.bomLength();
    this.stretch = stretch;
    this.count = Math.max(1, (size - bom + stretch - 1) / stretch);
    this.meta = new EventReader(file, formats, source, new Warnings());
    try {
      for (int j = 0; j < threads; j++) {
        Lane lane = new Lane(j, threads);
        lanes.add(Handoff.ahead("coroner-stretch " + file.name() + " " + j, "read", CAPACITY, BATCHES, lane, lane::close));
      }
    } catch (RuntimeException | Error e) {
      lanes.forEach(Handoff.Ahead::close);
      throw e;
    }
  }

  @Override
  protected Event advance() {
    while (!ended) {
      if (next >= count || total.readFailed()) {
        finish();
        break;
      }
      Handoff.Ahead<Event> lane = lanes.get((int) (next % lanes.size()));
      if (!lane.hasNext()) {
        throw new IllegalStateException(file.name() + ": stretch " + next + " ended without its mark");
      }
      Event e = lane.next();
      if (e != END) {
        return total.events() == 0 ? e : e.withOrdinal(e.ordinal() + total.events());
      }
      Done d = done.remove(next);
      starts.remove(next); // asked for again by no thread: each asks only for its own stretches' ends, in order
      warnings.addAll(d.warnings());
      total = total.then(d.counts());
      next++;
    }
    return null;
  }

  /** The part's statistics and end-of-part warnings, as one reader gives them. */
  private void finish() {
    ended = true;
    closeLanes();
    String fp = fingerprints == null ? "" : LineReader.sha256(part, fingerprints);
    stats.add(EventReader.partEnd(part, lastPart, total, meta.programFormats(), meta.envelope(), source, meta.formatId(),
        encoding.label(), fp, warnings));
  }

  @Override
  public List<PartStats> stats() {
    return stats;
  }

  @Override
  public void close() {
    closeLanes();
  }

  @Override
  public boolean threaded() {
    return true;
  }

  @Override
  public boolean annotated() {
    return annotate != null;
  }

  private void closeLanes() {
    for (Handoff.Ahead<Event> l : lanes) {
      l.close();
    }
  }

  /** Where stretch {@code k} begins: the first line at or after its cut that starts a record alone. */
  private long start(long k, Probe probe) {
    if (k <= 0) {
      return bom;
    }
    long j = k;
    long at = size;
    while (j < count) {
      Long known = starts.get(j);
      if (known != null) {
        at = known;
        break;
      }
      long found = probe.search(bom + j * stretch);
      if (found >= 0) {
        at = found;
        break;
      }
      j++;
    }
    for (long i = k; i <= j && i < count; i++) {
      starts.putIfAbsent(i, at);
    }
    return at;
  }

  /** Reads bytes of the part and tries lines, for one thread. */
  private final class Probe implements AutoCloseable {
    private final FileChannel ch;
    private final byte[] buf = new byte[64 * 1024];
    private final EventReader judge = new EventReader(file, formats, source, new Warnings());

    Probe() throws IOException {
      ch = FileChannel.open(part.path(), StandardOpenOption.READ);
    }

    /** The line endings in bytes [from, to) of the part. */
    long breaks(long from, long to) throws IOException {
      long n = 0;
      int prev = -1;
      for (long at = from; at < to; ) {
        int got = read(at, (int) Math.min(buf.length, to - at));
        if (got <= 0) {
          break;
        }
        n += LineReader.lineBreaks(buf, 0, got, prev);
        prev = buf[got - 1];
        at += got;
      }
      return n;
    }

    /**
     * The first line start at or after {@code cut}, before {@code cut + stretch} and the end of
     * the part, whose line starts a record alone; -1 when there is none.
     */
    long search(long cut) {
      long end = Math.min(size, cut + stretch);
      try {
        int prev = cut > 0 ? byteAt(cut - 1) : -1;
        for (long at = cut; at < end; ) {
          int got = read(at, (int) Math.min(buf.length, end - at));
          if (got <= 0) {
            return -1;
          }
          for (int i = 0; i < got; i++) {
            int b = buf[i];
            // a line starts after LF, or after a CR that no LF follows
            if ((prev == '\n' || (prev == '\r' && b != '\n')) && startsAlone(at + i)) {
              return at + i;
            }
            prev = b;
          }
          at += got;
        }
      } catch (IOException e) {
        return -1;
      }
      return -1;
    }

    private int byteAt(long pos) throws IOException {
      ByteBuffer one = ByteBuffer.allocate(1);
      return ch.read(one, pos) == 1 ? one.get(0) : -1;
    }

    private boolean startsAlone(long pos) throws IOException {
      Warnings w = new Warnings();
      try (LineReader r = LineReader.openRange(part, encoding, pos, size, 0, false, w)) {
        String line = r.hasNext() ? r.next() : null;
        return line != null && w.list().isEmpty() && judge.startsRecordAlone(line);
      }
    }

    private int read(long pos, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
      int got = 0;
      while (bb.hasRemaining()) {
        int n = ch.read(bb, pos + got);
        if (n < 0) {
          break;
        }
        got += n;
      }
      return got;
    }

    @Override
    public void close() {
      try {
        ch.close();
      } catch (IOException e) {
        // a read-only file: nothing lost
      }
    }
  }

  /** One thread's stretches: j, j+n, j+2n, ... */
  private final class Lane implements Supplier<Event> {
    private final int step;
    private long k;
    private Probe probe;
    private EventReader reader;
    /** The reader of this thread's last stretch, whose scanners and memos the next one takes over. */
    private EventReader last;
    private Warnings said;
    /** Where this thread's last stretch ended (the part's start at first), the lines before it and in it. */
    private long prevEnd = bom;
    private long linesBefore;
    private long ownLines;

    Lane(int index, int step) {
      this.k = index;
      this.step = step;
    }

    @Override
    public Event get() {
      try {
        while (true) {
          if (reader == null) {
            if (k >= count) {
              return null;
            }
            if (probe == null) {
              probe = new Probe();
            }
            long from = start(k, probe);
            long to = start(k + 1, probe);
            if (from >= to) {
              done.put(k, new Done(EventReader.Counts.NONE, new Warnings()));
              k += step;
              return END;
            }
            // the lines before this stretch: those before this thread's last one, its own (which
            // its reader counted), and the other threads' since (counted here, a byte loop)
            linesBefore += ownLines + probe.breaks(prevEnd, from);
            prevEnd = to;
            said = new Warnings();
            EventReader.Range r = new EventReader.Range(encoding, from, to, linesBefore, to >= size);
            reader = last == null ? new EventReader(file, formats, source, said).sides(sides).range(r) : last.then(said, r);
          }
          if (reader.hasNext()) {
            Event e = reader.next();
            return annotate == null ? e : annotate.apply(e);
          }
          reader.close();
          done.put(k, new Done(reader.counted(), said));
          ownLines = reader.counted().lines();
          last = reader;
          reader = null;
          k += step;
          return END;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void close() {
      if (reader != null) {
        reader.close();
        reader = null;
      }
      if (probe != null) {
        probe.close();
        probe = null;
      }
    }
  }
}
