package dev.coroner.cli;

import dev.coroner.ExitStatus;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * The last resort: a failure nothing else handled (an Error in any thread, OutOfMemoryError
 * above all) ends the process promptly with one line and {@link ExitStatus#INTERNAL}. Everything
 * it needs is made at start-up (the line for an OutOfMemoryError, the stream, the thread that
 * halts the JVM if shutting down takes more than {@link #GRACE_MS}), because after an
 * OutOfMemoryError allocating, or starting a thread, may fail: the JVM would then live on as a
 * zombie that even SIGTERM cannot end (the signal's handler needs a new thread).
 */
final class Fatal {
  /** How long shutdown hooks (temporary files) may take before the JVM is halted. */
  static final long GRACE_MS = 2_000;
  private static final byte[] OUT_OF_MEMORY = ("coroner: internal error: out of memory (the heap is capped at "
      + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; raise it with CORONER_JAVA_OPTS=-Xmx...)\n")
      .getBytes(StandardCharsets.UTF_8);
  private static final FileOutputStream ERR = new FileOutputStream(FileDescriptor.err);
  private static final Object LOCK = new Object();
  private static volatile int status = -1;
  private static volatile boolean dying;
  private static Thread halter;

  private Fatal() {}

  /** Starts the halting thread (parked until needed) and catches the Errors no thread caught. */
  static synchronized void install() {
    if (halter != null) {
      return;
    }
    halter = new Thread(Fatal::haltWhenAsked, "coroner-fatal");
    halter.setDaemon(true);
    halter.start();
    // an Error (OutOfMemoryError above all) that no thread handled ends the run; an uncaught
    // RuntimeException of a helper thread keeps the JVM's default (a trace on stderr), since its
    // owner sees the thread end
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (e instanceof Error) {
        die(e);
      } else {
        // what the JVM prints without a handler (ThreadGroup would call this handler again)
        System.err.print("Exception in thread \"" + t.getName() + "\" ");
        e.printStackTrace(System.err);
      }
    });
  }

  /** Whether {@code t} is, or was caused by, running out of memory. */
  static boolean outOfMemory(Throwable t) {
    for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  /**
   * Says what happened in one line and exits with {@link ExitStatus#INTERNAL}; halts the JVM if
   * the exit does not complete within {@link #GRACE_MS}. Never returns.
   */
  static void die(Throwable t) {
    synchronized (LOCK) {
      if (!dying) {
        dying = true;
        writeLine(t);
      }
    }
    status = ExitStatus.INTERNAL.code();
    Thread h = halter;
    if (h != null) {
      LockSupport.unpark(h);
    }
    System.exit(ExitStatus.INTERNAL.code());
  }

  private static void writeLine(Throwable t) {
    try {
      if (outOfMemory(t)) {
        ERR.write(OUT_OF_MEMORY);
      } else {
        String msg = t.getMessage();
        ERR.write(("coroner: internal error: " + t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""))
            + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException | Error e) {
      // nowhere left to say it: the exit status still does
    }
  }

  private static void haltWhenAsked() {
    while (status < 0) {
      LockSupport.park();
    }
    long end = System.nanoTime() + GRACE_MS * 1_000_000;
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
    Runtime.getRuntime().halt(status);
  }
}
