package dev.coroner;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The one iteration protocol of coroner's streams (lines, records, placed events, the merged
 * timeline): {@link Iterator}, with the look-ahead written once here. A subclass says how to
 * make the next item ({@link #advance}, null at the end); this class keeps the item made ahead
 * until it is taken, so {@link #hasNext} may be asked any number of times, {@link #next} past
 * the end throws {@link NoSuchElementException}, and {@code advance} is never called again
 * once it returned null.
 *
 * <p>Why Iterator and not a cursor of one's own: the consumers already speak it (for-each,
 * {@link Handoff#ahead}, the engine, the indexer), so no adapter stands between a stream and
 * them; what the hand-rolled versions got wrong or repeated (a second {@code advance} after
 * the end, the null check, the missing NoSuchElementException) is in one place.
 */
public abstract class LookAhead<T> implements Iterator<T> {
  private T ahead;
  private boolean ended;

  /** The next item, or null when there is none; not called again after it returned null. */
  protected abstract T advance();

  /** Whether an item was made ahead and not yet taken (its side effects, such as counts, are done). */
  protected final boolean holding() {
    return ahead != null;
  }

  @Override
  public final boolean hasNext() {
    if (ahead == null && !ended) {
      ahead = advance();
      ended = ahead == null;
    }
    return ahead != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T t = ahead;
    ahead = null;
    taken(t);
    return t;
  }

  /** Told of each item as it is taken, on the taker's thread (a progress count); nothing by default. */
  protected void taken(T item) {}
}
