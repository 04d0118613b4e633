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
}
