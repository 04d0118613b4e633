package dev.coroner.format;

/**
 * When an event happened, as far as the logs tell: a time written in the record itself, an
 * interval inferred from anchors with a best estimate inside it, or nothing at all.
 *
 * @param time epoch milliseconds: the exact time, or the best estimate when inferred; {@link #NO_TIME}
 *     when unknown
 * @param earliest the earliest the event can have happened (= time when exact), or {@link #NO_TIME}
 *     when there is no lower bound
 * @param latest the latest the event can have happened (= time when exact); {@link #NO_TIME} or
 *     {@link Long#MAX_VALUE} when there is no upper bound
 * @param kind how the time was obtained
 */
public record When(long time, long earliest, long latest, TimeKind kind) {

  /** The value of a time that is not known. */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** Not known at all: no time in the record and no anchor to infer one from. */
  public static final When UNKNOWN = new When(NO_TIME, NO_TIME, NO_TIME, TimeKind.UNKNOWN);

  /** The time written in a record, or {@link #UNKNOWN} when {@code millis} is {@link #NO_TIME}. */
  public static When written(long millis) {
    return millis == NO_TIME ? UNKNOWN : new When(millis, millis, millis, TimeKind.EXACT);
  }

  /** A time inferred from anchors: the best estimate and the interval it must lie in. */
  public static When inferred(long estimate, long earliest, long latest) {
    return new When(estimate, earliest, latest, TimeKind.INFERRED);
  }

  /** Whether there is a time (exact or estimated) to place the event by. */
  public boolean known() {
    return time != NO_TIME;
  }
}
