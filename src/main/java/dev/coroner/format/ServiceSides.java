package dev.coroner.format;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a log's own lines say of its services' sides: an envelope's service whose name says no
 * side (compose's {@code myproj-svc-1}, pm2's {@code 0|main}, a syslog unit, concurrently's
 * {@code [1]}) but which printed at least one record surely the server's (uvicorn's or
 * gunicorn's shape, a server's logger such as {@code uvicorn.error}) is the server: its other
 * records, of side {@code other} by its name, are the server's too, as a guess (never surely:
 * {@link Formats#sureSide} still says null for them, so their outbound refusals stay refusals).
 *
 * <p>Learned while the first pass reads the log ({@link #learn}, from every reading thread),
 * then {@link #freeze}d: only a frozen set gives sides ({@link #serves}), so every record of the
 * second pass gets the same side whatever came before it in the log, and whatever thread read
 * it. A name that says a side (a client's, a launcher's, a data store's {@code other}) is never
 * learned: {@link EventReader} asks only of services it found no side for.
 */
public final class ServiceSides {
  /** Services learned at most; a log that names more learns none (the same answer however its readers interleave). */
  static final int MAX = 1024;
  private final Set<String> servers = ConcurrentHashMap.newKeySet();
  private boolean overflow;
  private volatile boolean frozen;

  /** Notes that {@code service} printed a record surely the server's (ignored once frozen). */
  void learn(String service) {
    if (frozen || servers.contains(service)) {
      return;
    }
    synchronized (this) {
      if (frozen || overflow || servers.contains(service)) {
        return;
      }
      if (servers.size() >= MAX) {
        overflow = true;
        return;
      }
      servers.add(service);
    }
  }

  /** Ends the learning: from now on {@link #serves} answers, and nothing more is learned. */
  public synchronized void freeze() {
    if (overflow) {
      servers.clear();
    }
    frozen = true;
  }

  /** Whether learning is over ({@link #freeze}). */
  boolean frozen() {
    return frozen;
  }

  /** Whether the frozen set says {@code service} is the server's; false while learning. */
  public boolean serves(String service) {
    return frozen && servers.contains(service);
  }

  /** Whether any service was learned (after {@link #freeze}: and kept). */
  public boolean any() {
    return !servers.isEmpty();
  }
}
