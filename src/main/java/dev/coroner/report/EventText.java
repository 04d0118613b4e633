package dev.coroner.report;

import dev.coroner.format.Event;
import dev.coroner.format.TimeKind;

/**
 * One event as a line of text: time (~ when inferred, ? when unknown), side, level, message,
 * signals and where it was written.
 */
public final class EventText {
  private final Times times;
  private final boolean timeless;

  public EventText(Times times) {
    this(times, false);
  }

  /**
   * @param timeless no log of the folder has a time of its own or a paired one: every inferred
   *     time is then only a file's modification time, shown as {@code ?} (as the markdown
   *     report does)
   */
  public EventText(Times times, boolean timeless) {
    this.times = times;
    this.timeless = timeless;
  }

  public String line(Event e) {
    StringBuilder sb = new StringBuilder(160);
    if (timeless && e.timeKind() != TimeKind.EXACT) {
      pad(sb, "?", 24); // the width of a mark and a time
      sb.append(' ');
    } else {
      String mark = e.timeKind() == TimeKind.EXACT ? " " : e.timeKind() == TimeKind.INFERRED ? "~" : "?";
      sb.append(mark).append(times.human(e.time())).append(' ');
    }
    pad(sb, e.source().id(), 9);
    pad(sb, e.level().isEmpty() ? "-" : e.level(), 8);
    sb.append(e.message());
    if (e.lastLine() > e.line()) {
      sb.append(" (+").append(e.lastLine() - e.line()).append(" lines)");
    }
    if (!e.signals().isEmpty()) {
      sb.append("  {").append(String.join(", ", e.signals())).append('}');
    }
    sb.append("  ").append(e.ref());
    return sb.toString();
  }

  private static void pad(StringBuilder sb, String s, int width) {
    sb.append(s);
    for (int i = s.length(); i < width; i++) {
      sb.append(' ');
    }
  }
}
