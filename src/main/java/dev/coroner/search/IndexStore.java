package dev.coroner.search;

import dev.coroner.CoronerException;
import dev.coroner.FileTrees;
import dev.coroner.format.Event;
import dev.coroner.report.Times;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * Where indexes live: one directory per folder and content key under a cache root, never inside
 * the evidence folder. An index is built in a temporary directory and moved into place when
 * complete, so an interrupted build is never reused; when a folder's files change, the new index
 * replaces the stale one of the same folder.
 */
public final class IndexStore {
  private final Path root;

  public IndexStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** {@code $XDG_CACHE_HOME/coroner/index}, else {@code ~/.cache/coroner/index}. */
  public static Path defaultRoot(Map<String, String> env, String userHome) {
    return cacheHome(env, userHome).resolve("index");
  }

  /** {@code $XDG_CACHE_HOME/coroner}, else {@code ~/.cache/coroner}: for indexes and the shell's history. */
  public static Path cacheHome(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
    return base.resolve("coroner");
  }

  public Path root() {
    return root;
  }

  /**
   * The index of {@code folder} for {@code key}: reused when present, else built from the events
   * {@code timeline} supplies (opened only then).
   *
   * @param events opens the folder's timeline; closed after the build when it is AutoCloseable
   */
  public EventIndex open(Path folder, IndexKey key, Times times, Supplier<? extends Iterator<Event>> events,
      Map<String, String> meta, IndexProgress progress) {
    Optional<EventIndex> existing = reuse(folder, key, times);
    if (existing.isPresent()) {
      return existing.get();
    }
    Path dir = root.resolve(key.dirName());
    Path tmp = null;
    Thread cleanup = null;
    try {
      Files.createDirectories(root);
      removeOrphans();
      // the builder's pid in the name: a later run removes it if this one dies unannounced
      tmp = Files.createTempDirectory(root, key.dirName() + TMP + ProcessHandle.current().pid() + "-");
      Path building = tmp;
      // SIGINT/SIGTERM during the build: the half-built index goes with the process
      cleanup = new Thread(() -> FileTrees.deleteQuietly(building), "coroner-index-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      Iterator<Event> it = events.get();
      try {
        Indexer.build(tmp, it, meta, progress);
      } finally {
        if (it instanceof AutoCloseable c) {
          c.close();
        }
      }
      writeStamp(tmp);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir);
        tmp = null;
      } catch (java.nio.file.FileSystemException e) {
        // FileAlreadyExists, DirectoryNotEmpty, or a plain ENOTEMPTY: another run built it at
        // the same time, so use theirs when it is complete
        if (!complete(dir)) {
          throw e;
        }
      }
      pruneStale(key);
      return EventIndex.open(dir, true, times);
    } catch (CoronerException e) {
      throw e;
    } catch (Exception e) {
      throw new CoronerException(dev.coroner.ExitStatus.BAD_INPUT.code(),
          root + ": cannot build the index (" + e.getMessage() + "); choose another place with --index-dir");
    } finally {
      if (tmp != null) {
        FileTrees.deleteQuietly(tmp);
      }
      if (cleanup != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
          // shutting down already: the hook deletes what is left
        }
      }
    }
  }

  /** Sizes and modification times of the index's files as built; Lucene never rewrites a file. */
  static final String STAMP = "coroner-files.txt";

  private static void writeStamp(Path dir) throws IOException {
    Files.writeString(dir.resolve(STAMP), stamp(dir), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String stamp(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String n = f.getFileName().toString();
        if (!n.equals(STAMP) && !n.equals("write.lock")) {
          sb.append(n).append(' ').append(Files.size(f)).append(' ')
              .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  /**
   * Whether no file of the index changed since it was built (same names, sizes, modification
   * times): then the checksums of its content need not be read again, which costs as much as
   * reading the whole index. Anything else (a missing or different stamp) means a full check.
   */
  private static boolean stampHolds(Path dir) {
    try {
      return Files.readString(dir.resolve(STAMP), java.nio.charset.StandardCharsets.UTF_8).equals(stamp(dir));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The infix of a folder an index is being built in: {@code KEY.tmpPID-RANDOM}. */
  static final String TMP = ".tmp";

  /** Removes the build folders of runs that are no longer alive (killed with SIGKILL, power lost). */
  void removeOrphans() {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "*" + TMP + "*")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        int at = n.lastIndexOf(TMP);
        int dash = n.indexOf('-', at);
        long pid = -1;
        if (dash > at + TMP.length()) {
          try {
            pid = Long.parseLong(n.substring(at + TMP.length(), dash));
          } catch (NumberFormatException e) {
            pid = -1;
          }
        }
        boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          FileTrees.deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // best effort: an orphan only costs disk space
    }
  }

  /**
   * The index of {@code folder} for {@code key} when a complete one is there, opened once (no
   * separate check that it exists: opening is the check).
   */
  public Optional<EventIndex> reuse(Path folder, IndexKey key, Times times) {
    refuseInside(folder);
    Path dir = root.resolve(key.dirName());
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Optional<EventIndex> found;
    try {
      found = EventIndex.openIfComplete(dir, times);
    } catch (CoronerException e) {
      found = Optional.empty(); // unreadable: rebuilt below
      FileTrees.deleteQuietly(dir);
      return found;
    }
    if (found.isPresent() && !stampHolds(dir)) {
      if (!found.get().verify()) {
        // flipped bytes would give wrong counts or an internal error: rebuild it
        found.get().close();
        FileTrees.deleteQuietly(dir);
        return Optional.empty();
      }
      try {
        writeStamp(dir); // verified: the next reuse need not read it all again
      } catch (IOException e) {
        // then the next reuse verifies again
      }
    }
    return found;
  }

  /** The index directory of a key, when a complete index is there. */
  public Optional<Path> existing(IndexKey key) {
    Path dir = root.resolve(key.dirName());
    return complete(dir) ? Optional.of(dir) : Optional.empty();
  }

  private static boolean complete(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (FSDirectory d = new NIOFSDirectory(dir)) {
      return DirectoryReader.indexExists(d);
    } catch (IOException e) {
      return false;
    }
  }

  /** The evidence folder is read-only: an index root inside it is a usage error. */
  private void refuseInside(Path folder) {
    Path abs = folder.toAbsolutePath().normalize();
    Path real = abs;
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      // the timeline reports an unreadable folder
    }
    Path rootReal = realOfExistingAncestor(root);
    if (root.startsWith(abs) || root.startsWith(real) || rootReal.startsWith(real)) {
      throw CoronerException.usage("index directory " + root + " is inside the evidence folder " + folder
          + "; coroner never writes there (choose another --index-dir)");
    }
  }

  private static Path realOfExistingAncestor(Path p) {
    Path cur = p;
    Path rest = Path.of("");
    for (int i = 0; i < 256 && cur != null; i++) {
      if (Files.exists(cur)) {
        try {
          return cur.toRealPath().resolve(rest);
        } catch (IOException e) {
          return p;
        }
      }
      rest = cur.getFileName() == null ? rest : cur.getFileName().resolve(rest);
      cur = cur.getParent();
    }
    return p;
  }

  /** Deletes this folder's indexes of other content keys (best effort). */
  private void pruneStale(IndexKey key) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, key.folderId() + "-*")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.equals(key.dirName()) && !n.contains(".tmp")) {
          FileTrees.deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // a stale index only costs disk space
    }
  }
}
