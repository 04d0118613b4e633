package dev.coroner.fleet;

import dev.coroner.CoronerException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The logs read back from a cluster, rebuilt file by file in bounded memory while the documents
 * arrive in time order: each document is appended, with its place (line, byte offset, time, and
 * its rank in the read), to a run file of its log in the spool; when the read ends, each run is
 * put in line order (a run that arrived in order, the common case, is copied; another is sorted
 * in chunks of at most {@link #CHUNK_BYTES} and merged, {@link #FAN_IN} chunks at a time) and
 * written as the log, its gaps filled with empty lines so that {@code file:line} is the
 * original's. At most {@link #OPEN} run files are open at once; the spool's disk use is counted
 * and a read that would pass {@code limit} bytes stops with one line (exit 3).
 *
 * <p>The order inside a file is that of {@code log.file.line}, then {@code log.offset}, then
 * {@code @timestamp} (a missing one last), then the order of the read: the order in which the
 * documents were read before they were read in time order, so the rebuilt files are the same.
 */
final class SpoolFiles implements AutoCloseable {
  static final int OPEN = 16;
  static final int CHUNK_BYTES = 4 << 20;
  static final int FAN_IN = 32;
  static final long NONE = Long.MAX_VALUE;

  private final Path dir;
  private final long limit;
  private final int chunkBytes;
  private final int fanIn;
  private final Map<String, Pending> files = new TreeMap<>();
  private final LinkedHashMap<String, DataOutputStream> open = new LinkedHashMap<>(16, 0.75f, true);
  private long used;
  private long peak;
  private long seq;
  private int runs;
  long duplicates;
  int reordered;

  /** One log being rebuilt: its run file and what is known of its times. */
  private static final class Pending {
    final Path run;
    final String rel;
    long records;
    long lastLine = Long.MIN_VALUE;
    long lastOffset = Long.MIN_VALUE;
    long lastTime = Long.MIN_VALUE;
    boolean inOrder = true;
    long mtime = Long.MIN_VALUE;
    long latest = Long.MIN_VALUE;

    Pending(Path run, String rel) {
      this.run = run;
      this.rel = rel;
    }
  }

  /** A document's place and text. */
  record Rec(long line, long offset, long time, long seq, byte[] body) {}

  static final Comparator<Rec> ORDER = Comparator.comparingLong(Rec::line).thenComparingLong(Rec::offset)
      .thenComparingLong(Rec::time).thenComparingLong(Rec::seq);

  SpoolFiles(Path dir, long limit) {
    this(dir, limit, CHUNK_BYTES, FAN_IN);
  }

  /** With a chunk size and fan-in of its own (tests make both small to sort through several merge passes). */
  SpoolFiles(Path dir, long limit, int chunkBytes, int fanIn) {
    this.dir = dir;
    this.limit = limit;
    this.chunkBytes = chunkBytes;
    this.fanIn = Math.max(2, fanIn);
  }

  /** The folder's disk use at its highest so far, in bytes. */
  long peak() {
    return peak;
  }

  int files() {
    return files.size();
  }

  /** Makes the log {@code rel} (empty if nothing else comes) and counts its modification time. */
  void touch(String rel, long mtime) throws IOException {
    Pending p = pending(rel);
    if (mtime != Long.MIN_VALUE) {
      p.mtime = Math.max(p.mtime, mtime);
    }
  }

  /**
   * Adds a document's text to the log {@code rel}.
   *
   * @param line {@code log.file.line}, or {@link #NONE}
   * @param offset {@code log.offset}, or {@link #NONE}
   * @param time {@code @timestamp} in epoch ms, or {@link #NONE}
   */
  void add(String rel, long line, long offset, long time, byte[] body) throws IOException {
    Pending p = pending(rel);
    if (time != NONE) {
      p.latest = Math.max(p.latest, time);
    }
    if (p.inOrder && p.records > 0 && before(line, offset, time, p.lastLine, p.lastOffset, p.lastTime)) {
      p.inOrder = false;
      reordered++;
    }
    p.lastLine = line;
    p.lastOffset = offset;
    p.lastTime = time;
    p.records++;
    DataOutputStream out = stream(p);
    write(out, new Rec(line, offset, time, seq++, body));
    grow(36L + body.length);
  }

  /** Whether a place comes before another in {@link #ORDER} (the read's rank aside, which only grows). */
  private static boolean before(long line, long offset, long time, long line2, long offset2, long time2) {
    if (line != line2) {
      return line < line2;
    }
    if (offset != offset2) {
      return offset < offset2;
    }
    return time < time2;
  }

  private Pending pending(String rel) {
    return files.computeIfAbsent(rel, r -> new Pending(dir.resolve(".runs").resolve("run-" + (runs++)), r));
  }

  private DataOutputStream stream(Pending p) throws IOException {
    DataOutputStream out = open.get(p.rel);
    if (out != null) {
      return out;
    }
    if (open.size() >= OPEN) {
      Iterator<Map.Entry<String, DataOutputStream>> it = open.entrySet().iterator();
      it.next().getValue().close();
      it.remove();
    }
    Files.createDirectories(p.run.getParent());
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p.run, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE), 1 << 15));
    open.put(p.rel, out);
    return out;
  }

  private static void write(DataOutputStream out, Rec r) throws IOException {
    out.writeLong(r.line());
    out.writeLong(r.offset());
    out.writeLong(r.time());
    out.writeLong(r.seq());
    out.writeInt(r.body().length);
    out.write(r.body());
  }

  private static Rec read(DataInputStream in) throws IOException {
    long line;
    try {
      line = in.readLong();
    } catch (EOFException e) {
      return null;
    }
    long offset = in.readLong();
    long time = in.readLong();
    long s = in.readLong();
    byte[] body = new byte[in.readInt()];
    in.readFully(body);
    return new Rec(line, offset, time, s, body);
  }

  private void grow(long bytes) {
    used += bytes;
    peak = Math.max(peak, used);
    if (used > limit) {
      throw CoronerException.badInput("the documents read would take more than the spool limit of " + Spool.shownSize(limit)
          + " on disk (read fewer with --host/--since/--until, or raise --spool-limit); nothing was kept");
    }
  }

  private void shrink(Path p) throws IOException {
    if (Files.exists(p)) {
      used -= Files.size(p);
      Files.delete(p);
    }
  }

  /** Writes every log in line order, then removes the runs. */
  void finish() throws IOException {
    closeStreams();
    for (Pending p : files.values()) {
      Path target = dir.resolve(p.rel);
      Files.createDirectories(target.getParent());
      try (Log log = new Log(target)) {
        if (p.records > 0) {
          if (p.inOrder) {
            copy(p.run, log);
          } else {
            sorted(p, log);
          }
        }
      }
      shrink(p.run);
      long t = p.mtime != Long.MIN_VALUE ? p.mtime : p.latest;
      if (t != Long.MIN_VALUE) {
        Files.setLastModifiedTime(target, FileTime.fromMillis(t));
      }
    }
    Files.deleteIfExists(dir.resolve(".runs"));
  }

  private void copy(Path run, Log log) throws IOException {
    try (DataInputStream in = input(run)) {
      for (Rec r = read(in); r != null; r = read(in)) {
        log.add(r);
      }
    }
  }

  /** An external merge sort of one run: sorted chunks of bounded size, merged FAN_IN at a time. */
  private void sorted(Pending p, Log log) throws IOException {
    List<Path> chunks = new ArrayList<>();
    List<Rec> chunk = new ArrayList<>();
    try (DataInputStream in = input(p.run)) {
      long bytes = 0;
      for (Rec r = read(in); r != null; r = read(in)) {
        chunk.add(r);
        bytes += 36L + r.body().length;
        if (bytes >= chunkBytes) {
          chunks.add(writeChunk(chunk, p));
          chunk.clear();
          bytes = 0;
        }
      }
    }
    chunk.sort(ORDER);
    if (chunks.isEmpty()) {
      for (Rec r : chunk) {
        log.add(r);
      }
      return;
    }
    if (!chunk.isEmpty()) {
      chunks.add(writeChunk(chunk, p));
      chunk.clear();
    }
    shrink(p.run);
    while (chunks.size() > fanIn) {
      List<Path> first = new ArrayList<>(chunks.subList(0, fanIn));
      chunks.subList(0, fanIn).clear();
      Path merged = chunkPath(p);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(merged), 1 << 15))) {
        merge(first, r -> {
          write(out, r);
          grow(36L + r.body().length);
        });
      }
      for (Path c : first) {
        shrink(c);
      }
      chunks.add(merged);
    }
    merge(chunks, log::add);
    for (Path c : chunks) {
      shrink(c);
    }
  }

  private int chunkCount;

  private Path chunkPath(Pending p) {
    return p.run.resolveSibling(p.run.getFileName() + ".chunk-" + (chunkCount++));
  }

  private Path writeChunk(List<Rec> chunk, Pending p) throws IOException {
    chunk.sort(ORDER);
    Path c = chunkPath(p);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(c), 1 << 15))) {
      for (Rec r : chunk) {
        write(out, r);
        grow(36L + r.body().length);
      }
    }
    return c;
  }

  private interface Sink {
    void accept(Rec r) throws IOException;
  }

  private record Head(Rec rec, DataInputStream in) {}

  private static void merge(List<Path> chunks, Sink sink) throws IOException {
    PriorityQueue<Head> q = new PriorityQueue<>(Comparator.comparing(Head::rec, ORDER));
    List<DataInputStream> ins = new ArrayList<>();
    try {
      for (Path c : chunks) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(c), 1 << 13));
        ins.add(in);
        Rec r = read(in);
        if (r != null) {
          q.add(new Head(r, in));
        }
      }
      while (!q.isEmpty()) {
        Head h = q.poll();
        sink.accept(h.rec());
        Rec next = read(h.in());
        if (next != null) {
          q.add(new Head(next, h.in()));
        }
      }
    } finally {
      for (DataInputStream in : ins) {
        in.close();
      }
    }
  }

  private static DataInputStream input(Path run) throws IOException {
    InputStream in = Files.newInputStream(run);
    return new DataInputStream(new BufferedInputStream(in, 1 << 15));
  }

  private void closeStreams() throws IOException {
    IOException first = null;
    for (DataOutputStream out : open.values()) {
      try {
        out.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() {
    try {
      closeStreams();
    } catch (IOException e) {
      // the spool folder is removed with everything in it
    }
  }

  /** A rebuilt log: records in line order, a gap filled with empty lines, a line read twice dropped. */
  private final class Log implements AutoCloseable {
    private final OutputStream out;
    private long line;

    Log(Path target) throws IOException {
      OutputStream os = Files.newOutputStream(target);
      if (target.getFileName().toString().endsWith(".gz")) {
        os = new GZIPOutputStream(os, 1 << 16);
      }
      out = new BufferedOutputStream(os, 1 << 16);
    }

    void add(Rec r) throws IOException {
      long target = r.line() == NONE ? -1 : r.line();
      if (target > 0) {
        if (target <= line) {
          duplicates++;
          return;
        }
        long gap = target - 1 - line;
        if (gap > 0) {
          grow(gap); // counted first: a line number far ahead stops here, not after a disk of empty lines
        }
        for (; line < target - 1; line++) {
          out.write('\n');
        }
      }
      out.write(r.body());
      out.write('\n');
      grow(r.body().length + 1L);
      line++;
      for (byte b : r.body()) {
        if (b == '\n') {
          line++;
        }
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
