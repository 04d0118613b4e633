package dev.coroner.shell;

import dev.coroner.CoronerException;
import dev.coroner.format.Event;
import dev.coroner.report.EventText;
import dev.coroner.report.Times;
import dev.coroner.search.EventIndex;
import dev.coroner.search.Hit;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shell commands that look at single events through the index: {@code show} and {@code context}. */
public final class Explorer {
  private final EventIndex index;
  private final Times times;
  private final EventText text;

  public Explorer(EventIndex index, Times times) {
    this.index = index;
    this.times = times;
    this.text = new EventText(times);
  }

  /** {@code show FILE:LINE}: the whole record written there, with its time, signals and fields. */
  public void show(List<String> args, PrintWriter out) {
    Hit h = find(args, "show FILE:LINE");
    Event e = h.event();
    out.println(e.ref() + (e.lastLine() > e.line() ? "-" + e.lastLine() : "") + "  (#" + h.seq() + " in the timeline)");
    out.println("time:    " + (e.hasTime() ? times.iso(e.time()) : "unknown") + "  (" + e.timeKind().id()
        + (e.timeKind().id().equals("exact") ? "" : ", between " + bound(e.earliest()) + " and " + bound(e.latest())) + ")");
    out.println("source:  " + e.source().id() + "  format: " + e.format() + "  level: " + (e.level().isEmpty() ? "-" : e.level())
        + (e.logger().isEmpty() ? "" : "  logger: " + e.logger()));
    if (!e.signals().isEmpty()) {
      out.println("signals: " + String.join(", ", e.signals()));
    }
    if (!e.fields().isEmpty()) {
      StringBuilder sb = new StringBuilder("fields: ");
      for (Map.Entry<String, String> f : new TreeMap<>(e.fields()).entrySet()) {
        sb.append(' ').append(f.getKey()).append('=').append(f.getValue());
      }
      out.println(sb);
    }
    e.text().lines().forEach(l -> out.println("| " + l));
  }

  private String bound(long t) {
    return t == Event.NO_TIME || t == Long.MAX_VALUE ? "?" : times.iso(t);
  }

  /** {@code context FILE:LINE [N]}: the N (default 5) timeline events before and after it. */
  public void context(List<String> args, PrintWriter out) {
    Hit h = find(args, "context FILE:LINE [N]");
    int n = 5;
    if (args.size() > 1) {
      try {
        n = Integer.parseInt(args.get(1));
      } catch (NumberFormatException e) {
        throw CoronerException.usage("context: N must be a number, not '" + args.get(1) + "'");
      }
      if (n < 0 || n > 10_000) {
        throw CoronerException.usage("context: N must be between 0 and 10000");
      }
    }
    for (Hit c : index.range(h.seq() - n, h.seq() + n)) {
      out.println((c.seq() == h.seq() ? "> " : "  ") + text.line(c.event()));
    }
  }

  private Hit find(List<String> args, String usage) {
    if (args.isEmpty()) {
      throw CoronerException.usage("usage: " + usage + " (e.g. logs/uvicorn_server.log:12)");
    }
    String ref = Words.unquote(args.get(0));
    int colon = ref.lastIndexOf(':');
    long line;
    try {
      line = colon < 0 ? -1 : Long.parseLong(ref.substring(colon + 1));
    } catch (NumberFormatException e) {
      line = -1;
    }
    if (line < 1) {
      throw CoronerException.usage("'" + ref + "' is not FILE:LINE (e.g. logs/uvicorn_server.log:12)");
    }
    String file = ref.substring(0, colon);
    long at = line;
    return index.at(file, line).orElseThrow(() -> CoronerException.usage("no event at " + file + ":" + at
        + " (files are named as the timeline shows them, relative to the folder)"));
  }
}
