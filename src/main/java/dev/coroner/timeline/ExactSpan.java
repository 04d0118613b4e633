package dev.coroner.timeline;

import dev.coroner.format.Event;

/**
 * The earliest and the latest exact time of a folder's logs (epoch ms), both
 * {@link Event#NO_TIME} when no log has one.
 */
public record ExactSpan(long earliest, long latest) {
  /** A folder without an exact time. */
  public static final ExactSpan NONE = new ExactSpan(Event.NO_TIME, Event.NO_TIME);
}
