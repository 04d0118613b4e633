package dev.coroner.timeline;

import dev.coroner.CoronerException;
import dev.coroner.FileTrees;
import dev.coroner.LookAhead;
import dev.coroner.format.Event;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The temporary folder of a merge of more logs than may be open at once ({@link Timeline}):
 * groups of logs are merged into runs, files of encoded events ({@link SpillCodec}), and the runs
 * are merged in turn. The folder is made outside the evidence folder (in {@code $TMPDIR}, else
 * {@code java.io.tmpdir}), named {@code coroner-merge-PID-N}; it is removed on close, by a
 * shutdown hook on SIGINT/SIGTERM or an internal error (which exits through {@code System.exit}),
 * and, when a run was killed outright, by the next run that spills (the pid is gone).
 */
final class Spill implements AutoCloseable {
  static final String PREFIX = "coroner-merge-";
  /** The buffer of a run being read: the last merge reads up to {@link Timeline#FAN_IN} runs at once. */
  private static final int READ_BUFFER = 32 * 1024;
  private static final int WRITE_BUFFER = 64 * 1024;
  private final Path dir;
  private final Thread hook;
  private int runs;
  private boolean closed;

  private Spill(Path dir) {
    this.dir = dir;
    this.hook = new Thread(() -> FileTrees.deleteQuietly(dir), "coroner-merge-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * A new spill folder for the merge of {@code evidence}'s logs.
   *
   * @throws CoronerException when no temporary folder outside the evidence folder can be made
   */
  static Spill create(Path evidence) {
    Path root = root();
    Path evidenceReal;
    Path rootReal;
    try {
      evidenceReal = evidence.toRealPath();
      rootReal = root.toRealPath();
    } catch (IOException e) {
      throw CoronerException.badInput("cannot merge the logs of " + evidence + ": temporary folder " + root
          + " is not usable (" + e.getMessage() + "); set TMPDIR");
    }
    if (rootReal.startsWith(evidenceReal)) {
      throw CoronerException.badInput("cannot merge the logs of " + evidence + ": the temporary folder " + root
          + " is inside the evidence folder, and coroner never writes there; set TMPDIR to another folder");
    }
    removeOrphans(rootReal);
    try {
      return new Spill(Files.createTempDirectory(rootReal, PREFIX + ProcessHandle.current().pid() + "-"));
    } catch (IOException | RuntimeException e) {
      throw CoronerException.badInput("cannot merge the logs of " + evidence + ": cannot make a temporary folder in "
          + root + " (" + e.getMessage() + "); set TMPDIR");
    }
  }

  /** Where spill folders are made ({@link FileTrees#tempRoot}). */
  static Path root() {
    return FileTrees.tempRoot();
  }

  Path dir() {
    return dir;
  }

  /** A new, empty run to write. */
  Writer newRun() {
    try {
      Path p = dir.resolve("run-" + runs++);
      return new Writer(p, new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), WRITE_BUFFER)));
    } catch (IOException e) {
      throw spillFailed(e);
    }
  }

  static UncheckedIOException spillFailed(IOException e) {
    return new UncheckedIOException("cannot write the merge's temporary files: " + e.getMessage(), e);
  }

  /** A run being written, in merge order. */
  static final class Writer implements AutoCloseable {
    private final Path path;
    private final DataOutputStream out;
    private final SpillCodec codec = new SpillCodec();
    private boolean closed;

    private Writer(Path path, DataOutputStream out) {
      this.path = path;
      this.out = out;
    }

    void add(Event e, int file) {
      try {
        codec.write(out, e, file);
      } catch (IOException ex) {
        throw spillFailed(ex);
      }
    }

    /** Finishes the run and returns it, to read. */
    Path finish() {
      close();
      return path;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        try {
          out.close();
        } catch (IOException ex) {
          throw spillFailed(ex);
        }
      }
    }
  }

  /** Reads a run back; deletes it at its end or when closed. */
  static final class Reader extends LookAhead<Event> implements Timeline.Stream {
    private final Path path;
    private final DataInputStream in;
    private final SpillCodec codec = new SpillCodec();
    private int file = -1;
    private boolean done;

    Reader(Path path) {
      this.path = path;
      try {
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), READ_BUFFER));
      } catch (IOException e) {
        throw spillFailed(e);
      }
    }

    @Override
    protected Event advance() {
      if (done) {
        return null;
      }
      try {
        SpillCodec.Entry en = codec.read(in);
        if (en == null) {
          close();
          return null;
        }
        file = en.file();
        return en.event();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the merge's temporary files: " + e.getMessage(), e);
      }
    }

    /** The log of the event {@link #next()} gave last (the merge takes each as soon as it is made). */
    @Override
    public int file() {
      return file;
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        try {
          in.close();
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // the folder goes at the end anyway
        }
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    FileTrees.deleteQuietly(dir);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down already: the hook deletes what is left
    }
  }

  /** Removes the spill folders of runs that are no longer alive (killed with SIGKILL, power lost). */
  static void removeOrphans(Path root) {
    FileTrees.removeOrphans(root, PREFIX);
  }
}
