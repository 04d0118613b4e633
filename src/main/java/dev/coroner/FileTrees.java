package dev.coroner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temporary folders coroner makes (index builds, merge runs, spools). */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code p} and everything below it, best effort: what cannot be deleted stays (a
   * leftover only costs disk space). Links are removed, never followed.
   */
  public static void deleteQuietly(Path p) {
    if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          // best effort
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }

  /**
   * Removes the folders named {@code prefix + PID + "-..."} under {@code root} whose process is
   * no longer alive: what a killed run left behind. Best effort.
   */
  public static void removeOrphans(Path root, String prefix) {
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(root, prefix + "*")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        int dash = n.indexOf('-', prefix.length());
        long pid = -1;
        if (dash > prefix.length()) {
          try {
            pid = Long.parseLong(n.substring(prefix.length(), dash));
          } catch (NumberFormatException e) {
            pid = -1;
          }
        }
        boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (pid > 0 && !alive && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          deleteQuietly(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: an orphan only costs disk space
    }
  }

  /** Where coroner makes its temporary folders: {@code $TMPDIR} when set, else {@code java.io.tmpdir}. */
  public static Path tempRoot() {
    String t = System.getenv("TMPDIR");
    return Path.of(t != null && !t.isEmpty() ? t : System.getProperty("java.io.tmpdir"));
  }
}
