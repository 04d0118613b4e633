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

  @Override
  public void close() {
    // a leftover in the cache is harmless; the next run uses a new folder
    FileTrees.deleteQuietly(dir);
  }
}
