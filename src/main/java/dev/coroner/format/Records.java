package dev.coroner.format;

import dev.coroner.ingest.Encoding;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * The records of one logical log, in order, as one reading gives them: by one thread
 * ({@link EventReader}) or, for a large file when cores are free, by several at once
 * ({@link ChunkedReader}); the records, their numbers, the statistics and the warnings are the
 * same either way.
 */
public interface Records extends Iterator<Event>, Closeable {
  /** Per-part statistics, complete once the records are all read. */
  List<PartStats> stats();

  @Override
  void close();

  /** Whether the records are read on threads of their own already (no reading thread needs to be put in front). */
  default boolean threaded() {
    return false;
  }

  /**
   * An annotator whose answer for a one-line record depends only on what the record says (its
   * side, level, logger, format, fields and body), not on its place or its time, as the signals'
   * own annotation ({@link dev.coroner.signal.Signals#annotator}): a reading may then give a record
   * that repeats another but for its place and time the other's signals ({@link EventReader#skimming}).
   */
  interface ByContent extends java.util.function.UnaryOperator<Event> {
    /**
     * Whether every one-line record of {@code e}'s shape (its fields carry the shape of its body,
     * {@link FieldMap#shape}) with {@code e}'s side, level, logger and format, whose gap holds a
     * value that is not empty nor {@code 0} and is the first whole token of its kind in the body,
     * gets one answer: the same signals and side, and its own fields (none captured). The signals'
     * annotation says so of a shape whose gap is the one field its format masks ({@link
     * dev.coroner.signal.Signals#masking}) and whose masked body captures nothing. A reading may
     * then take a line that differs from {@code e}'s only in that value by its bytes ({@link
     * EventReader#skimming}). False unless said.
     */
    default boolean answersByShape(Event e) {
      return false;
    }
  }

  /** How many lines this reading took by their bytes alone ({@link EventReader#skimming}); 0 for one that reads every line whole. */
  default long skimmedLines() {
    return 0;
  }

  /**
   * Whether the records come annotated: passed through the {@code annotate} given to {@link
   * #open} on the reading's own threads (a stretched reading); false when the caller must.
   */
  default boolean annotated() {
    return false;
  }

  /**
   * A reading of {@code file} in {@code formats}. With {@code threads} above one, each plain
   * part (not .gz) of at least {@code minBytes} in an encoding whose line break is one byte is
   * read in stretches on that many threads, the other parts by one reader each, in order; with
   * none such, one reader reads the log.
   *
   * @param fingerprints where a part that cannot be fingerprinted is told of, when parts are
   *     fingerprinted (their SHA-256 in the statistics); null: none
   */
  static Records open(LogFile file, List<Format> formats, Source source, Warnings warnings, Warnings fingerprints,
      int threads, long minBytes) {
    return open(file, formats, source, warnings, fingerprints, threads, minBytes, null);
  }

  /**
   * As {@link #open(LogFile, List, Source, Warnings, Warnings, int, long)}; a reading in
   * stretches also passes each record through {@code annotate} (thread-safe; null: none) on its
   * threads, so that matching signals is shared out too ({@link #annotated}).
   */
  static Records open(LogFile file, List<Format> formats, Source source, Warnings warnings, Warnings fingerprints,
      int threads, long minBytes, java.util.function.UnaryOperator<Event> annotate) {
    return open(file, formats, source, warnings, fingerprints, threads, minBytes, annotate, null);
  }

  /**
   * As {@link #open(LogFile, List, Source, Warnings, Warnings, int, long, java.util.function.UnaryOperator)};
   * every reader of the log learns its services' sides into {@code sides}, or gives them once it
   * is frozen ({@link ServiceSides}; null: neither).
   */
  static Records open(LogFile file, List<Format> formats, Source source, Warnings warnings, Warnings fingerprints,
      int threads, long minBytes, java.util.function.UnaryOperator<Event> annotate, ServiceSides sides) {
    return open(file, formats, source, warnings, fingerprints, threads, minBytes, annotate, sides, null);
  }

  /**
   * As {@link #open(LogFile, List, Source, Warnings, Warnings, int, long, java.util.function.UnaryOperator, ServiceSides)};
   * one reader of the whole log leaves unread the fields of the records that cannot carry what
   * {@code wanted} asks for ({@link EventReader#wanting}; null: none), a reading in stretches
   * reads every record whole.
   */
  static Records open(LogFile file, List<Format> formats, Source source, Warnings warnings, Warnings fingerprints,
      int threads, long minBytes, java.util.function.UnaryOperator<Event> annotate, ServiceSides sides, Wanted wanted) {
    return open(file, formats, source, warnings, fingerprints, threads, minBytes, annotate, sides, wanted, null);
  }

  /**
   * As {@link #open(LogFile, List, Source, Warnings, Warnings, int, long, java.util.function.UnaryOperator, ServiceSides, Wanted)};
   * with {@code skim} (the annotator {@code annotate} stands for; null: none), one reader of the
   * whole log takes the lines that repeat a one-line record but for its time, or but for the value
   * the annotator sets aside, by their bytes, and annotates every record itself ({@link
   * EventReader#skimming}: where {@code annotate} is the pass's own); the records, statistics and
   * warnings are the same.
   */
  static Records open(LogFile file, List<Format> formats, Source source, Warnings warnings, Warnings fingerprints,
      int threads, long minBytes, java.util.function.UnaryOperator<Event> annotate, ServiceSides sides, Wanted wanted,
      ByContent skim) {
    long[] forced = Seam.forced;
    if (forced != null) {
      threads = (int) forced[2];
      minBytes = forced[1];
    }
    if (threads > 1) {
      List<Encoding> stretched = new java.util.ArrayList<>();
      boolean any = false;
      for (LogFile.Part p : file.parts()) {
        Encoding enc = stretchable(p, minBytes);
        stretched.add(enc);
        any |= enc != null;
      }
      if (any && file.parts().size() == 1) {
        return new ChunkedReader(file, formats, source, warnings, fingerprints, stretched.get(0), threads,
            forced != null ? forced[0] : ChunkedReader.STRETCH, true, annotate, sides);
      }
      if (any) {
        return new PartsReader(file, formats, source, warnings, fingerprints, stretched, threads,
            forced != null ? forced[0] : ChunkedReader.STRETCH, annotate, sides);
      }
    }
    EventReader one = new EventReader(file, formats, source, warnings).fingerprint(fingerprints).sides(sides).wanting(wanted);
    return skim != null ? one.skimming(annotate, skim) : one;
  }

  /**
   * The encoding of a part that is worth reading in stretches: plain (not .gz), at least
   * {@code minBytes}, in an encoding whose line break is one byte and that is text; else null.
   */
  private static Encoding stretchable(LogFile.Part p, long minBytes) {
    if (p.gzip() || p.size() < minBytes) {
      return null;
    }
    try (LineReader r = LineReader.open(p, new Warnings())) {
      Encoding enc = r.encoding();
      return enc.isUtf16() || enc.binary() || r.document() ? null : enc;
    } catch (IOException e) {
      return null; // the reading says so
    }
  }

  /**
   * Test seam: every reading from now on cuts logs of at least {@code minBytes} into stretches
   * of {@code stretch} bytes read by {@code threads} threads, whatever the callers ask, so that
   * small files exercise the stretches' seams ({@link #unforce} gives the choice back).
   */
  static void force(long stretch, long minBytes, int threads) {
    Seam.forced = new long[] {stretch, minBytes, threads};
  }

  /** Ends {@link #force}. */
  static void unforce() {
    Seam.forced = null;
  }

  /** Where the test seam lives (an interface holds no mutable field of its own). */
  final class Seam {
    static volatile long[] forced;

    private Seam() {}
  }
}
