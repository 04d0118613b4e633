package dev.coroner.ingest;

import dev.coroner.FileTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The logs inside an archive of an incident folder (zip, tar, tar.gz, tar.bz2), unpacked into
 * a private temporary folder outside the evidence folder and read from there as any log is.
 * Evidence cites a member as the archive's path, a slash and the member's path ({@code
 * logs.tar.gz/server/app.log}). Members are written under numbered names, never under their own
 * paths, so a member named {@code ../../x} writes nothing outside that folder. Unpacking is
 * bounded: at most {@link #LIMIT} bytes in all (a zip bomb stops there, with a warning), and it
 * stops when the temporary folder's disk runs low. The folder is removed when the process ends
 * (and a dead process's folder at the next run). An archive is unpacked once per process however
 * often the folder is listed.
 */
final class Archives {
  /** At most this many bytes are unpacked from the archives of one process. */
  static final long LIMIT = 4L << 30;
  /** Unpacking stops while less than this is left free where it writes. */
  private static final long RESERVE = 256L << 20;
  private static final String PREFIX = "coroner-unpack-";

  /** What one archive gave: its members as parts, and what was said of them. */
  record Unpacked(List<LogFile.Part> parts, List<String> warnings) {}

  private static final Map<String, Unpacked> DONE = new HashMap<>();
  /** What may still be unpacked in this process. */
  private static final long[] LEFT = {LIMIT};
  private static Path dir;
  private static int serial;

  private Archives() {}

  /** Whether coroner reads the members of an archive of this kind. */
  static boolean readable(String kind) {
    return kind.equals("zip") || kind.equals("tar") || kind.equals("tar.gz") || kind.equals("tar.bz2");
  }

  /**
   * The members of {@code archive} that are logs, named under {@code rel}; warnings for what is
   * not read. Members that are plainly not logs (by the folder's rules) are skipped unnamed, as
   * in a folder.
   *
   * @param evidence the evidence folder (or the archive itself when it was given alone): the
   *     unpacking folder is never inside it
   */
  static synchronized List<LogFile.Part> members(Path archive, String rel, String kind, Path evidence,
      Warnings warnings) {
    String key;
    try {
      key = archive.toRealPath() + "\0" + Files.size(archive) + "\0" + Files.getLastModifiedTime(archive).toMillis();
    } catch (IOException e) {
      warnings.add(rel + ": cannot be read (" + e.getMessage() + "); skipped");
      return List.of();
    }
    Unpacked u = DONE.get(key);
    if (u == null) {
      u = unpack(archive, rel, kind, evidence, LEFT);
      DONE.put(key, u);
    }
    u.warnings().forEach(warnings::add);
    return u.parts();
  }

  /**
   * Unpacks {@code archive}'s log members.
   *
   * @param left the bytes that may still be unpacked: lowered by what is written
   */
  static Unpacked unpack(Path archive, String rel, String kind, Path evidence, long[] left) {
    List<LogFile.Part> parts = new ArrayList<>();
    List<String> said = new ArrayList<>();
    Path to;
    try {
      to = folder(evidence);
    } catch (IOException e) {
      said.add(rel + ": a " + kind + " archive, not read: " + e.getMessage());
      return new Unpacked(List.of(), List.of(said.get(0)));
    }
    Sink sink = new Sink(rel, to, parts, said, left);
    try {
      if (kind.equals("zip")) {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
          for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
            if (e.isDirectory()) {
              continue;
            }
            if (e.isUnixSymlink()) {
              sink.skip(e.getName(), "a symbolic link");
              continue;
            }
            if (!zip.canReadEntryData(e)) {
              sink.skip(e.getName(), "encrypted or packed in a way coroner cannot unpack");
              continue;
            }
            if (!sink.wants(e.getName())) {
              continue;
            }
            try (InputStream in = zip.getInputStream(e)) {
              if (!sink.take(e, in)) {
                break;
              }
            }
          }
        }
      } else {
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        InputStream in = switch (kind) {
          case "tar.gz" -> new GzipCompressorInputStream(raw, true);
          case "tar.bz2" -> new BZip2CompressorInputStream(raw, true);
          default -> raw;
        };
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
          TarArchiveEntry e;
          while ((e = tar.getNextEntry()) != null) {
            if (e.isDirectory()) {
              continue;
            }
            if (e.isSymbolicLink() || e.isLink()) {
              sink.skip(e.getName(), "a link to " + e.getLinkName());
              continue;
            }
            if (!e.isFile()) {
              sink.skip(e.getName(), "not a regular file");
              continue;
            }
            if (!sink.wants(e.getName())) {
              continue;
            }
            if (!sink.take(e, tar)) {
              break;
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // a half-written or damaged archive: what came before the damage is read
      said.add(rel + ": the " + kind + " archive is damaged after " + parts.size() + " log"
          + (parts.size() == 1 ? "" : "s") + " (" + oneLine(e) + "); the rest of it is not read");
    }
    return new Unpacked(List.copyOf(parts), List.copyOf(said));
  }

  /** Where one archive's members go, and the bounds they are written within. */
  private static final class Sink {
    private final String rel;
    private final Path to;
    private final List<LogFile.Part> parts;
    private final List<String> said;
    private final long[] left;

    Sink(String rel, Path to, List<LogFile.Part> parts, List<String> said, long[] left) {
      this.rel = rel;
      this.to = to;
      this.parts = parts;
      this.said = said;
      this.left = left;
    }

    void skip(String member, String why) {
      if (!hidden(clean(member))) {
        said.add(rel + "/" + clean(member) + ": " + why + " in the archive; skipped");
      }
    }

    /** Whether a member of this name is read at all: not hidden, not plainly something else. */
    boolean wants(String member) {
      String name = clean(member);
      if (name.isEmpty() || hidden(name)) {
        return false;
      }
      String last = name.substring(name.lastIndexOf('/') + 1);
      String ext = FolderScanner.extension(last);
      // a .json member is kept for now; whether it is a log of JSON lines is asked once it is out
      return !FolderScanner.NOT_LOGS.contains(ext) || ext.equals("json");
    }

    /** Writes one member out; false when unpacking must stop (the limit, the disk). */
    boolean take(ArchiveEntry e, InputStream in) throws IOException {
      String name = clean(e.getName());
      long free = Files.getFileStore(to).getUsableSpace();
      if (left[0] <= 0 || free < RESERVE) {
        said.add(rel + ": stopped unpacking at " + name + " (" + (left[0] <= 0
            ? "coroner unpacks at most " + (LIMIT >> 20) + " MiB of archives"
            : "less than " + (RESERVE >> 20) + " MiB free in " + to.getParent()) + "); the rest of the archive is not read");
        return false;
      }
      String last = name.substring(name.lastIndexOf('/') + 1);
      Path file = to.resolve(Integer.toString(serial++)).resolve(last.isEmpty() ? "member" : last);
      Files.createDirectories(file.getParent());
      long room = Math.min(left[0], free - RESERVE);
      long n;
      try (OutputStream out = Files.newOutputStream(file)) {
        n = copy(in, out, room);
      }
      left[0] -= n;
      boolean cut = n == room && in.read() >= 0;
      if (cut) {
        said.add(rel + "/" + name + ": cut after " + n + " bytes (coroner unpacks at most " + (LIMIT >> 20)
            + " MiB of archives, or the disk is nearly full); the rest of it is not read");
      }
      if (FolderScanner.extension(last).equals("json") && !FolderScanner.jsonLines(file, last)) {
        Files.deleteIfExists(file);
        return !cut;
      }
      String kind = FolderScanner.archive(file);
      if (kind != null) {
        said.add(rel + "/" + name + ": a " + kind + " archive inside an archive; not read (unpack it into a folder)");
        Files.deleteIfExists(file);
        return !cut;
      }
      long modified = e.getLastModifiedDate() == null ? 0 : e.getLastModifiedDate().getTime();
      parts.add(new LogFile.Part(file, rel + "/" + name, last.toLowerCase(Locale.ROOT).endsWith(".gz"), n, modified));
      return !cut;
    }
  }

  private static long copy(InputStream in, OutputStream out, long max) throws IOException {
    byte[] buf = new byte[1 << 16];
    long n = 0;
    while (n < max) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, max - n));
      if (r < 0) {
        break;
      }
      out.write(buf, 0, r);
      n += r;
    }
    return n;
  }

  /**
   * A member's path as evidence cites it: forward slashes, no empty, "." or ".." segment (a
   * member named {@code ../../x.log} is cited as {@code x.log}).
   */
  static String clean(String member) {
    StringBuilder b = new StringBuilder();
    for (String seg : member.replace('\\', '/').split("/")) {
      if (!seg.isEmpty() && !seg.equals(".") && !seg.equals("..")) {
        b.append(b.length() == 0 ? "" : "/").append(seg);
      }
    }
    return b.toString();
  }

  /** A member under a hidden folder, a hidden file, or macOS's resource forks. */
  private static boolean hidden(String name) {
    for (String seg : name.split("/")) {
      if (seg.startsWith(".") || seg.equals("__MACOSX")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  /** This process's unpacking folder, made on first use outside {@code evidence}. */
  private static Path folder(Path evidence) throws IOException {
    if (dir != null) {
      return dir;
    }
    Path root = FileTrees.tempRoot().toRealPath();
    Path ev = evidence.toRealPath();
    if (root.startsWith(ev)) {
      throw new IOException("the temporary folder " + root + " is inside the evidence folder, and coroner never"
          + " writes there; set TMPDIR to another folder");
    }
    FileTrees.removeOrphans(root, PREFIX);
    Path d = Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(d), "coroner-unpack-cleanup"));
    dir = d;
    return d;
  }
}
