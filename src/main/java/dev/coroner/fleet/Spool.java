package dev.coroner.fleet;

import dev.coroner.CoronerException;
import dev.coroner.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private folder in coroner's cache ({@code $XDG_CACHE_HOME/coroner/fleet/read-*}) that holds
 * the logs read back from a cluster while a command reads them; removed when it closes.
 */
public final class Spool implements AutoCloseable {
  private final Path dir;

  private Spool(Path dir) {
    this.dir = dir;
  }

  public static Spool create(Path cacheHome) {
    try {
      Path base = cacheHome.resolve("fleet");
      Files.createDirectories(base);
      return new Spool(Files.createTempDirectory(base, "read-"));
    } catch (IOException e) {
      throw CoronerException.badInput("cannot make a folder for the logs read from the cluster under " + cacheHome
          + " (" + e.getClass().getSimpleName() + "; set XDG_CACHE_HOME to a writable folder)");
    }
  }

  public Path dir() {
    return dir;
  }

  /**
   * A folder beside the logs for the search index built over them ({@code read-*-index}), made on
   * first use and removed with the spool: an index of a folder that is gone is never reused, so
   * it must not stay in the index cache.
   */
  public Path indexRoot() {
    Path p = dir.resolveSibling(dir.getFileName() + "-index");
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw CoronerException.badInput("cannot make " + p + " (" + e.getClass().getSimpleName() + ")");
    }
    return p;
  }

  /** A sub-folder, made on first use. */
  public Path sub(String name) {
    Path p = dir.resolve(FleetReader.safe(name));
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw CoronerException.badInput("cannot make " + p + " (" + e.getClass().getSimpleName() + ")");
    }
    return p;
  }

  /**
   * A size as {@code --spool-limit} takes it: a whole number of bytes, or of KiB, MiB, GiB or TiB
   * with the suffix {@code k}, {@code m}, {@code g} or {@code t} ({@code 8g}, {@code 500m}).
   */
  public static long parseSize(String option, String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    int shift = 0;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k' -> shift = 10;
        case 'm' -> shift = 20;
        case 'g' -> shift = 30;
        case 't' -> shift = 40;
        default -> shift = -1;
      }
      if (shift >= 0) {
        v = v.substring(0, v.length() - 1);
      } else {
        shift = 0;
      }
    }
    try {
      long n = Long.parseLong(v);
      if (n > 0 && n <= (Long.MAX_VALUE >> shift)) {
        return n << shift;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw CoronerException.usage(option + " '" + value + "': give a size such as 8g, 500m or 1048576 (bytes)");
  }

  /** A size for people: bytes, KiB, MiB or GiB, as {@link #parseSize} reads it back. */
  public static String shownSize(long bytes) {
    String[] units = {"g", "m", "k"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= (1L << shifts[i]) && bytes % (1L << shifts[i]) == 0) {
        return (bytes >> shifts[i]) + units[i];
      }
    }
    return bytes + " bytes";
  }

  @Override
  public void close() {
    // a leftover in the cache is harmless; the next run uses a new folder
    FileTrees.deleteQuietly(dir);
    FileTrees.deleteQuietly(dir.resolveSibling(dir.getFileName() + "-index"));
  }
}
