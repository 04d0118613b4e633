package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.format.Format;
import dev.coroner.format.PartStats;
import dev.coroner.format.Source;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The first pass over one logical log: decides its formats and side, counts, fingerprints, and
 * keeps what anchors need (bounded): its own exact times, its answered requests or access lines.
 */
final class FileScan {
  private static final int SNIFF_LINES = 200;
  /** Logs larger than this are read by a thread of their own ({@link ReadAhead}). */
  private static final long BIG = 8L << 20;
  private static final int MAX_OWN_ANCHORS = 1 << 15;
  final LogFile file;
  final List<Format> formats;
  final Source source;
  List<PartStats> stats = List.of();
  long events;
  long exactEvents;
  long lastExact = Event.NO_TIME;
  long firstExact = Event.NO_TIME;
  /** Own exact times: (ordinal, time) pairs, thinned to every other when full. */
  final List<long[]> own = new ArrayList<>();
  private int ownStride = 1;
  private long ownSeen;
  /** Timed logs: answered requests per path, value = time. Timeless: access lines per path, value = ordinal. */
  final Map<String, Series> byPath = new HashMap<>();
  /** Timed: pid to the time the process was spawned. Timeless: pid to the ordinal of its start line. */
  final Map<String, Long> byPid = new HashMap<>();
  private static final int MAX_PIDS = 10_000;

  private FileScan(LogFile file, List<Format> formats, Source source) {
    this.file = file;
    this.formats = formats;
    this.source = source;
  }

  /** Decides formats and side from the first lines. */
  static FileScan sniff(LogFile file, dev.coroner.format.Formats all, Warnings warnings) {
    List<String> sample = new ArrayList<>();
    for (LogFile.Part p : file.parts()) {
      if (sample.size() >= SNIFF_LINES) {
        break;
      }
      try (LineReader r = LineReader.open(p, new Warnings())) {
        String line;
        while (sample.size() < SNIFF_LINES && (line = r.next()) != null) {
          if (!line.isBlank()) {
            sample.add(line);
          }
        }
      } catch (IOException e) {
        // reported by the reading pass
      }
    }
    List<Format> formats = all.detect(sample);
    Source source = all.sourceOf(formats, file.name());
    return new FileScan(file, formats, source);
  }

  /** Reads the whole log once, extracting only {@code fields} (null: all). */
  void scan(UnaryOperator<Event> annotate, java.util.Set<String> fields, AnchorSignals anchors, boolean hash, Warnings warnings) {
    List<Format> mine = formats;
    if (fields != null) {
      mine = new ArrayList<>();
      for (Format f : formats) {
        mine.add(f.copy().onlyFields(fields));
      }
    }
    EventReader plain = new EventReader(file, mine, source, warnings);
    ReadAhead ahead = big(file) ? ReadAhead.reading(plain, file.name()) : null;
    java.util.Iterator<Event> r = ahead != null ? ahead : plain;
    try {
      while (r.hasNext()) {
        Event e = annotate.apply(r.next());
        events++;
        if (e.hasTime()) {
          exactEvents++;
          firstExact = firstExact == Event.NO_TIME ? e.time() : Math.min(firstExact, e.time());
          lastExact = lastExact == Event.NO_TIME ? e.time() : Math.max(lastExact, e.time());
          keepOwn(e.ordinal(), e.time());
          if (hasAny(e, anchors.answered()) && !e.field("path").isEmpty()) {
            byPath.computeIfAbsent(e.field("path"), k -> new Series()).add(e.time());
          }
          if (hasAny(e, anchors.spawned()) && !e.field("pid").isEmpty() && byPid.size() < MAX_PIDS) {
            byPid.putIfAbsent(e.field("pid"), e.time());
          }
        } else {
          if (hasAny(e, anchors.access()) && !e.field("path").isEmpty()) {
            byPath.computeIfAbsent(e.field("path"), k -> new Series()).add(e.ordinal());
          }
          if (hasAny(e, anchors.started()) && !e.field("pid").isEmpty() && byPid.size() < MAX_PIDS) {
            byPid.putIfAbsent(e.field("pid"), e.ordinal());
          }
        }
      }
      stats = plain.stats();
    } finally {
      if (ahead != null) {
        ahead.close(); // its thread closes the reader
      } else {
        plain.close();
      }
    }
    if (hash) {
      List<PartStats> hashed = new ArrayList<>();
      for (PartStats s : stats) {
        hashed.add(new PartStats(s.part(), s.source(), s.format(), s.encoding(), s.lines(), s.events(),
            s.unparsed(), s.first(), s.last(), sha256(s.part(), warnings)));
      }
      stats = hashed;
    }
  }

  /** Whether a log is large enough to be worth threads of its own. */
  static boolean big(LogFile file) {
    return file.parts().stream().mapToLong(LogFile.Part::size).sum() > BIG;
  }

  boolean timed() {
    return exactEvents > 0;
  }

  private void keepOwn(long ordinal, long time) {
    if (ownSeen++ % ownStride != 0) {
      return;
    }
    if (own.size() >= MAX_OWN_ANCHORS) {
      List<long[]> kept = new ArrayList<>();
      for (int i = 0; i < own.size(); i += 2) {
        kept.add(own.get(i));
      }
      own.clear();
      own.addAll(kept);
      ownStride *= 2;
    }
    own.add(new long[] {ordinal, time});
  }

  private static boolean hasAny(Event e, java.util.Set<String> names) {
    for (String s : e.signals()) {
      if (names.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static String sha256(LogFile.Part p, Warnings warnings) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(p.path()), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 16];
      long left = p.size();
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        left -= n;
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      warnings.add(p.name() + ": cannot fingerprint (" + e.getMessage() + ")");
      return "";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
