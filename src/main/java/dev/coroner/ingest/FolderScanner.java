package dev.coroner.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the log files of an incident folder (recursively, following links with loop detection)
 * and joins rotations: {@code app.log.2.gz}, {@code app.log.1} and {@code app.log} become one
 * {@link LogFile}, oldest part first. Files that are plainly not logs (markdown, code, the
 * launcher's pid and ready files) are skipped; what content they hold is decided later. The
 * members of a zip, tar, tar.gz or tar.bz2 are listed as files under the archive's name
 * ({@link Archives}); a 7z or rar is named in a warning.
 */
public final class FolderScanner {
  private static final int MAX_DEPTH = 16;
  private static final int MAX_FILES = 20_000;
  /** Markdown documents kept for a folder that holds no log, at most. */
  private static final int MAX_DOCUMENTS = 100;
  static final Set<String> NOT_LOGS = Set.of(
      "md", "py", "pyc", "json", "yaml", "yml", "toml", "ini", "cfg", "html", "css", "js", "png",
      "jpg", "jpeg", "gif", "svg", "pdf", "zip", "jar", "class", "java", "sh", "cmd", "bat",
      "ps1", "pid", "ready", "lock", "exe", "dll", "so",
      // documents and packages that are zips inside: not bundles of logs, so never unpacked
      "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "whl", "egg", "war", "ear", "apk", "ipa",
      "nupkg", "vsix", "xpi");
  /** name, then an optional rotation suffix (.N or .DATE), then an optional .gz */
  private static final Pattern ROTATION = Pattern.compile(
      "^(.+?)(?:\\.(\\d{1,4}|\\d{4}-\\d{2}-\\d{2}(?:[_.T-]\\d{2}(?:[-:]?\\d{2}){0,2})?))?(\\.gz)?$");

  private FolderScanner() {}

  /** Where a symbolic link points, as written in it; "a missing target" when that cannot be read. */
  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "a missing target";
    }
  }

  /** The log files under {@code folder} (or {@code folder} itself, one file), sorted by name. */
  public static List<LogFile> scan(Path folder, Warnings warnings) throws IOException {
    return scan(folder, warnings, true);
  }

  /**
   * The log files under {@code folder}; an archive's members among them when {@code unpack},
   * else the archive itself as one part (enough to know whether anything changed, and nothing
   * unpacked for that).
   */
  public static List<LogFile> scan(Path folder, Warnings warnings, boolean unpack) throws IOException {
    if (Files.isRegularFile(folder)) {
      // one log file given instead of a folder: read it, whatever its name (its owner chose it)
      String name = folder.getFileName().toString();
      BasicFileAttributes attrs = Files.readAttributes(folder, BasicFileAttributes.class);
      String kind = archive(folder);
      if (kind != null && !Archives.readable(kind)) {
        throw dev.coroner.CoronerException.badInput(folder + ": " + unpack(kind));
      }
      if (kind != null && unpack) {
        List<LogFile.Part> members = Archives.members(folder, name, kind, folder, warnings);
        if (members.isEmpty()) {
          throw dev.coroner.CoronerException.badInput(folder + ": a " + kind + " archive with no log in it"
              + (warnings.isEmpty() ? "" : " that coroner could read (" + warnings.list().get(warnings.list().size() - 1) + ")"));
        }
        return group(members);
      }
      return group(List.of(part(folder, name, attrs)));
    }
    List<LogFile.Part> found = new ArrayList<>();
    // markdown documents, skipped; read when nothing else is a log (an issue's text with the
    // console pasted into it is then all the evidence there is)
    List<LogFile.Part> documents = new ArrayList<>();
    Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
            return !dir.equals(folder) && n.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile()) {
              String where = relative(folder, file);
              if (attrs.isDirectory()) {
                // walkFileTree hands directories at the depth limit over as files
                warnings.add(where + ": deeper than " + MAX_DEPTH + " levels under the folder; not read");
              } else if (file.getFileName().toString().startsWith(".")) {
                // hidden: not named, as hidden files are not read
              } else if (attrs.isSymbolicLink()) {
                // a link is handed over with its own attributes when its target cannot be reached
                warnings.add(where + ": symbolic link to " + linkTarget(file) + ", which does not exist; skipped");
              } else {
                warnings.add(where + ": not a regular file (a device, FIFO or socket); skipped");
              }
              return FileVisitResult.CONTINUE;
            }
            String rel = relative(folder, file);
            String n = file.getFileName().toString();
            if (n.startsWith(".")) {
              return FileVisitResult.CONTINUE;
            }
            String ext = extension(n);
            boolean notLog = NOT_LOGS.contains(ext) && !jsonLines(file, n)
                && !(ext.equals("json") && JsonDocument.isLog(file, attrs.size()));
            // a file plainly not a log is skipped unread (a .jar is a zip too, but nobody's bundle
            // of logs); a .zip, and any file of another name, is first looked at as an archive
            if (notLog && !ext.equals("zip")) {
              if (ext.equals("md") && documents.size() < MAX_DOCUMENTS && Files.isReadable(file)) {
                documents.add(part(file, rel, attrs));
              }
              return FileVisitResult.CONTINUE;
            }
            byte[] head = head(file);
            String kind = archive(file, head);
            if (kind != null && !Archives.readable(kind)) {
              warnings.add(rel + ": " + unpack(kind));
              return FileVisitResult.CONTINUE;
            }
            if (kind != null && unpack) {
              for (LogFile.Part p : Archives.members(file, rel, kind, folder, warnings)) {
                if (found.size() >= MAX_FILES) {
                  warnings.add("more than " + MAX_FILES + " files under the folder: the rest are not read");
                  return FileVisitResult.TERMINATE;
                }
                found.add(p);
              }
              return FileVisitResult.CONTINUE;
            }
            if (kind != null) {
              found.add(part(file, rel, attrs));
              return FileVisitResult.CONTINUE;
            }
            if (notLog) {
              return FileVisitResult.CONTINUE;
            }
            String binary = binaryKind(head);
            if (binary != null) {
              warnings.add(rel + ": " + binary + ", not a log; not read");
              return FileVisitResult.CONTINUE;
            }
            if (found.size() >= MAX_FILES) {
              warnings.add("more than " + MAX_FILES + " files under the folder: the rest are not read");
              return FileVisitResult.TERMINATE;
            }
            if (!Files.isReadable(file)) {
              warnings.add(rel + ": not readable (permission denied); skipped");
              return FileVisitResult.CONTINUE;
            }
            found.add(part(file, rel, attrs));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            String rel = relative(folder, file);
            if (exc instanceof FileSystemLoopException) {
              warnings.add(rel + ": symbolic link loop; not followed");
            } else if (exc instanceof AccessDeniedException) {
              warnings.add(rel + ": not readable (permission denied); skipped");
            } else if (exc instanceof NoSuchFileException) {
              warnings.add(rel + ": vanished while the folder was read (or a dangling link); skipped");
            } else {
              warnings.add(rel + ": cannot be read (" + exc.getMessage() + "); skipped");
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (found.isEmpty() && !documents.isEmpty()) {
      documents.sort(java.util.Comparator.comparing(LogFile.Part::name));
      List<String> names = new ArrayList<>();
      for (LogFile.Part d : documents) {
        names.add(d.name());
      }
      warnings.add("no log files found; the markdown " + (names.size() == 1 ? "document " : "documents ")
          + String.join(", ", names) + (names.size() == 1 ? " was" : " were")
          + " read for the logs pasted into it (its code blocks, when it has some)");
      return group(documents);
    }
    return group(found);
  }

  /** A file to read, under the name evidence cites it by; gzipped when its name ends in .gz. */
  private static LogFile.Part part(Path file, String rel, BasicFileAttributes attrs) {
    return new LogFile.Part(file, rel, file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz"),
        attrs.size(), attrs.lastModifiedTime().toMillis());
  }

  /** What to say of an archive whose members coroner cannot unpack (7z, rar). */
  private static String unpack(String kind) {
    return "a " + kind + " archive; the logs inside it are not read (unpack it into a folder and give that folder)";
  }

  /**
   * The kind of archive {@code file} is, by its first bytes (a gzip or bzip2 stream's first
   * bytes unpacked): zip, 7z, rar, tar, tar.gz or tar.bz2; null for anything else (a gzip of one
   * log is a log).
   */
  static String archive(Path file) {
    return archive(file, head(file));
  }

  /**
   * The first bytes of {@code file}, as many as {@link #archive} and {@link #binaryKind} look at
   * (fewer in a short file), read once for both; empty when it cannot be read (said where it is
   * read).
   */
  private static byte[] head(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(512 + 8);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** {@link #archive(Path)} of a file whose first bytes {@link #head} read. */
  private static String archive(Path file, byte[] head) {
    int n = head.length;
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
      return "zip";
    }
    if (n >= 6 && head[0] == '7' && head[1] == 'z' && (head[2] & 0xff) == 0xBC && (head[3] & 0xff) == 0xAF) {
      return "7z";
    }
    if (n >= 4 && head[0] == 'R' && head[1] == 'a' && head[2] == 'r' && head[3] == '!') {
      return "rar";
    }
    if (ustar(head, n)) {
      return "tar";
    }
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
        byte[] inner = new byte[512];
        return ustar(inner, in.readNBytes(inner, 0, inner.length)) ? "tar.gz" : null;
      } catch (IOException e) {
        return null; // a broken gzip: said where it is read
      }
    }
    if (n >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
      try (java.io.InputStream in = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(
          Files.newInputStream(file))) {
        byte[] inner = new byte[512];
        return ustar(inner, in.readNBytes(inner, 0, inner.length)) ? "tar.bz2" : null;
      } catch (IOException | RuntimeException e) {
        return null; // not a bzip2 stream after all: read as text
      }
    }
    return null;
  }

  /**
   * What a file is by its first bytes when they say it is a program's or a database's, never
   * text: an ELF core dump (what a process that crashed in native code left, {@code core.PID}),
   * another ELF file, a Mach-O file, a Windows minidump, an SQLite database; null for anything
   * else. Such a file beside the logs (a core dump copied with them) is no log, and its bytes
   * read as lines would be records no signal explains, the last of them "the last record of its
   * log". Other bytes that look binary are still read, with a warning (a log that a crash left
   * NULs in is still a log).
   */
  static String binaryKind(byte[] h) {
    int n = h.length;
    if (n >= 18 && (h[0] & 0xff) == 0x7F && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
      // e_type, a half-word at offset 16 in the file's byte order (EI_DATA: 1 little-endian, 2 big)
      int type = h[5] == 2 ? ((h[16] & 0xff) << 8) | (h[17] & 0xff) : ((h[17] & 0xff) << 8) | (h[16] & 0xff);
      return type == 4 ? "an ELF core dump (a process's memory when it crashed or was dumped)" : "an ELF program or library";
    }
    if (n >= 4) {
      int magic = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
      if (magic == 0xFEEDFACE || magic == 0xFEEDFACF || magic == 0xCEFAEDFE || magic == 0xCFFAEDFE) {
        return "a Mach-O program or core dump";
      }
      if (h[0] == 'M' && h[1] == 'D' && h[2] == 'M' && h[3] == 'P') {
        return "a Windows minidump (a process's memory when it crashed)";
      }
    }
    if (n >= 16 && new String(h, 0, 16, java.nio.charset.StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
      return "an SQLite database";
    }
    return null;
  }

  /** Whether {@code head} is a tar header: "ustar" at offset 257 (POSIX and GNU tar). */
  private static boolean ustar(byte[] head, int n) {
    return n >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r';
  }

  /** Joins rotated parts under the name of their current file, oldest part first. */
  static List<LogFile> group(List<LogFile.Part> parts) {
    Map<String, List<LogFile.Part>> byBase = new TreeMap<>();
    for (LogFile.Part p : parts) {
      byBase.computeIfAbsent(base(p.name()), k -> new ArrayList<>()).add(p);
    }
    List<LogFile> out = new ArrayList<>();
    byBase.forEach((base, ps) -> {
      ps.sort(Comparator.comparing(FolderScanner::age).reversed());
      out.add(new LogFile(base, ps));
    });
    return out;
  }

  private static String base(String name) {
    Matcher m = ROTATION.matcher(name);
    return m.matches() ? m.group(1) : name;
  }

  /**
   * The log a part belongs to, by the part's name as records carry it ({@code app.log.2.gz},
   * {@code logs/app.log.1}, {@code app.log}: {@code app.log}, {@code logs/app.log}): the parts
   * that {@link #group} joins name one log, whose lines are in the order they were written from
   * its oldest part to its current file. What "its log ends" or "written in one file" means is
   * of the log, not of the part that rotation cut.
   */
  public static String logOf(String partName) {
    int n = partName.length();
    if (n == 0 || !Character.isDigit(partName.charAt(n - 1)) && !partName.endsWith(".gz")) {
      return partName; // no rotation suffix: the current file of its log (most names, asked per record)
    }
    return base(partName);
  }

  /**
   * How old a part is, as a sortable key: the current file is youngest, numbered rotations grow
   * older with their number, dated ones are older than numbered ones and order by their date.
   */
  private static String age(LogFile.Part p) {
    Matcher m = ROTATION.matcher(p.name());
    if (!m.matches() || m.group(2) == null) {
      return "0";
    }
    String suffix = m.group(2);
    if (suffix.length() <= 4) {
      return "1" + String.format(Locale.ROOT, "%05d", Integer.parseInt(suffix));
    }
    // Dated: a later date is younger. Invert the digits so a string sort puts older last.
    StringBuilder inv = new StringBuilder("2");
    for (char c : suffix.toCharArray()) {
      inv.append(Character.isDigit(c) ? (char) ('9' - (c - '0')) : c);
    }
    return inv.toString();
  }

  /**
   * Whether a {@code .json} file is a log of one JSON object per line ({@code journalctl -o json
   * > journal.json}), not a document: its first two lines are each a whole object. A
   * pretty-printed or one-line document (a config, a report) is not.
   */
  static boolean jsonLines(Path file, String name) {
    if (!extension(name).equals("json")) {
      return false;
    }
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      char[] head = new char[1 << 16];
      int n = r.read(head);
      if (n <= 0) {
        return false;
      }
      String[] lines = new String(head, 0, n).split("\r?\n", 3);
      return lines.length >= 2 && isObject(lines[0]) && isObject(lines[1]);
    } catch (IOException | RuntimeException e) {
      return false; // unreadable or not text: not a log of JSON lines
    }
  }

  /** Whether {@code line} is a whole JSON object on its own (a line of a log of JSON lines), a byte-order mark aside. */
  static boolean isObject(String line) {
    String t = line.strip();
    if (!t.isEmpty() && t.charAt(0) == '\uFEFF') {
      t = t.substring(1);
    }
    return t.length() > 1 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}';
  }

  static String extension(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1);
  }

  private static String relative(Path folder, Path file) {
    return folder.relativize(file).toString().replace('\\', '/');
  }
}
