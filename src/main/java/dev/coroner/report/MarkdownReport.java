package dev.coroner.report;

import dev.coroner.diagnose.Diagnosis;
import dev.coroner.diagnose.Evidence;
import dev.coroner.diagnose.Incident;
import dev.coroner.diagnose.RuleOutcome;
import dev.coroner.diagnose.Span;
import dev.coroner.diagnose.StoryLine;
import dev.coroner.diagnose.Verdict;
import dev.coroner.format.Event;
import dev.coroner.format.PartStats;
import dev.coroner.format.TimeKind;
import dev.coroner.timeline.InputFile;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The markdown diagnosis an engineer reads at 2 a.m.: the verdict first, then each incident
 * with its evidence and what to do, what happened in order, a Mermaid picture, the inputs.
 * Deterministic: nothing depends on the clock or on map order. One render at a time per
 * instance (it keeps whether the folder it renders has any time).
 */
public final class MarkdownReport {
  private static final int MAX_LINE = 400;
  private static final DateTimeFormatter GANTT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private final Times times;
  private final String toolVersion;
  /**
   * True while rendering a folder in which no record has a time of its own or one paired from
   * another log: every time coroner holds is then only the file's modification time, an upper
   * bound (a log pasted or copied long after the incident says when it was saved), so the report
   * shows no time but that bound, and its picture says it shows the order only.
   */
  private boolean timeless;

  public MarkdownReport(Times times, String toolVersion) {
    this.times = times;
    this.toolVersion = toolVersion;
  }

  public String render(Diagnosis d, String folder) {
    StringBuilder md = new StringBuilder(16_384);
    timeless = dev.coroner.timeline.Timeline.timeless(d.inputs());
    Verdict v = d.verdict();
    md.append("# coroner: ").append(v.classification()).append(" (").append(v.cause()).append(")\n\n");
    md.append("**Verdict:** `").append(v.classification()).append("` / `").append(v.cause()).append("`, confidence ")
        .append(String.format(Locale.ROOT, "%.2f", v.confidence()));
    if (!v.rule().isEmpty()) {
      md.append(" (rule `").append(v.rule()).append("`)");
    }
    md.append("\n\n> ").append(v.summary()).append("\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| Folder | `").append(folder).append("` |\n");
    if (timeless) {
      long bound = latest(d);
      md.append("| Span | unknown: no log has timestamps, nor lines to pair with a timed log's");
      if (bound != Event.NO_TIME) {
        md.append("; they were last modified at ").append(times.human(bound)).append(", which bounds only their end");
      }
      md.append(" (`?` marks an unknown time) |\n");
    } else {
      md.append("| Span | ").append(range(d.start(), d.end())).append(" |\n");
    }
    md.append("| Time zone | ").append(times.zoneName()).append(" (timestamps written without a zone are read in it; `~` marks an inferred time) |\n");
    md.append("| Incidents | ").append(d.incidents().size()).append(" |\n");
    md.append("| Tool | coroner ").append(toolVersion).append(" |\n\n");
    picture(md, d);

    if (!d.notes().isEmpty()) {
      md.append("**What the logs cannot settle:**\n\n");
      d.notes().forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    md.append("## Incidents\n\n");
    if (d.incidents().isEmpty()) {
      md.append("No incident: no refused, dropped or timed-out request and no failed start in these logs.\n\n");
    }
    for (Incident i : d.incidents()) {
      incident(md, i);
    }
    unread(md, d);
    story(md, d);
    inputs(md, d);
    if (!d.warnings().isEmpty()) {
      md.append("## Warnings\n\n");
      d.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
      md.append('\n');
    }
    return md.toString();
  }

  private void incident(StringBuilder md, Incident i) {
    md.append("### ").append(i.number()).append(". ").append(i.classification()).append(" / ").append(i.cause())
        .append(" (").append(String.format(Locale.ROOT, "%.2f", i.confidence())).append(")");
    if (timeless && i.end() != Event.NO_TIME) {
      md.append(", time unknown (before ").append(times.human(i.end())).append(')');
    } else if (timeless) {
      md.append(", time unknown");
    } else if (i.start() != Event.NO_TIME) {
      md.append(", ").append(range(i.start(), i.end()));
    }
    md.append("\n\n**").append(i.title()).append(".** ").append(i.summary()).append("\n\n");
    if (!i.explanation().isEmpty()) {
      md.append(i.explanation().replace("\n", " ").replaceAll(" +", " ").trim()).append("\n\n");
    }
    if (!i.evidence().isEmpty()) {
      md.append("**Evidence**\n\n");
      // one quoted example per signal, with the count; the other quotes of the same signal
      // folded away below it
      Map<String, List<Evidence>> bySignal = new LinkedHashMap<>();
      for (Evidence ev : i.evidence()) {
        bySignal.computeIfAbsent(ev.signal(), k -> new ArrayList<>()).add(ev);
      }
      for (List<Evidence> group : bySignal.values()) {
        evidence(md, group.get(0));
        if (group.size() > 1) {
          md.append("  <details><summary>").append(group.size() - 1).append(group.size() == 2 ? " more line" : " more lines")
              .append(" quoted for ").append(group.get(0).signal()).append("</summary>\n\n");
          for (Evidence ev : group.subList(1, group.size())) {
            Event e = ev.event();
            md.append("  - ").append(time(e)).append(" · `").append(e.ref())
                .append(e.lastLine() > e.line() ? "-" + e.lastLine() : "").append("` · ").append(cell(short1(e.message())))
                .append('\n');
          }
          md.append("\n  </details>\n\n");
        }
      }
    }
    if (!i.recommendations().isEmpty()) {
      md.append("**What to do**\n\n");
      int n = 1;
      for (String r : i.recommendations()) {
        md.append(n++).append(". ").append(r).append('\n');
      }
      md.append('\n');
    }
    md.append("<details><summary>Rules considered</summary>\n\n| rule | outcome | confidence | why |\n|---|---|---|---|\n");
    for (RuleOutcome o : i.considered()) {
      md.append("| `").append(o.rule()).append("` | ").append(o.outcome()).append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", o.confidence())).append(" | ").append(cell(o.reason())).append(" |\n");
    }
    md.append("\n</details>\n\n");
  }

  private void evidence(StringBuilder md, Evidence ev) {
    Event e = ev.event();
    if (e.line() == 0) {
      md.append("- ").append(ev.signal()).append(": ").append(e.message()).append("\n");
      return;
    }
    md.append("- ").append(time(e)).append(" · ").append(e.source().id()).append(" · `").append(e.ref());
    if (e.lastLine() > e.line()) {
      md.append('-').append(e.lastLine());
    }
    md.append("` · ").append(ev.signal());
    if (ev.count() > 1) {
      md.append(" (").append(ev.count()).append(" in this incident)");
    }
    md.append("\n\n  ```text\n");
    for (String line : e.text().split("\n", -1)) {
      md.append("  ").append(cut(line)).append('\n');
    }
    md.append("  ```\n\n");
  }

  private void story(StringBuilder md, Diagnosis d) {
    md.append("## What happened\n\n");
    if (d.story().isEmpty()) {
      md.append("Nothing in these logs carries a known signal.\n\n");
      return;
    }
    md.append("| time | side | what | where |\n|---|---|---|---|\n");
    int half = d.story().size() / 2;
    for (int k = 0; k < d.story().size(); k++) {
      if (d.storyOmitted() > 0 && k == half) {
        md.append("| … | | ").append(d.storyOmitted()).append(" more lines | |\n");
      }
      StoryLine s = d.story().get(k);
      Event e = s.event();
      md.append("| ").append(time(e));
      if (s.count() > 1 && !timeless) {
        md.append(" → ").append(times.human(s.until()).substring(11));
      }
      md.append(" | ").append(e.source().id()).append(" | ");
      md.append(s.count() > 1 ? s.count() + "× " : "").append(cell(short1(e.message()))).append(" <sub>").append(s.signal()).append("</sub>");
      md.append(" | `").append(e.ref()).append(s.count() > 1 ? "` … `" + s.lastRef() : "").append("` |\n");
    }
    md.append('\n');
  }

  private void picture(StringBuilder md, Diagnosis d) {
    if (d.spans().isEmpty()) {
      return;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Span s : d.spans()) {
      if (s.start() != Event.NO_TIME) {
        first = Math.min(first, s.start());
        last = Math.max(last, Math.max(s.end(), s.start() + 1000));
      }
    }
    Axis axis = Axis.forSpan(last - first);
    md.append("## Picture\n\n");
    if (timeless) {
      md.append("The logs have no times: the bars show the order of what happened only, drawn on the clock of the files'"
          + " modification time.\n\n");
    }
    md.append("```mermaid\ngantt\n    title Server lifecycle against the client's view")
        .append(timeless ? " (order only)" : "").append('\n')
        .append("    dateFormat YYYY-MM-DD HH:mm:ss\n    axisFormat ").append(axis.format()).append('\n')
        .append("    tickInterval ").append(axis.tick()).append('\n');
    String lane = "";
    for (Span s : d.spans()) {
      if (s.start() == Event.NO_TIME || neverReady(s, d.spans())) {
        continue;
      }
      if (!s.lane().equals(lane)) {
        lane = s.lane();
        md.append("    section ").append(lane).append('\n');
      }
      String state = switch (s.state()) {
        case "failed", "failing" -> "crit, ";
        case "ready", "ok" -> "active, ";
        default -> "done, ";
      };
      long end = Math.max(s.end(), s.start() + 1000);
      md.append("    ").append(s.label().replace(":", " ").replace("#", " ")).append(s.inferred() ? " ~" : "")
          .append(" :").append(state).append(GANTT.format(Instant.ofEpochMilli(s.start()).atZone(times.zone())))
          .append(", ").append(GANTT.format(Instant.ofEpochMilli(end).atZone(times.zone()))).append('\n');
    }
    md.append("```\n\n");
  }

  /** Records no signal explains but that matter, as templates: the tool says what it did not understand. */
  private static void unread(StringBuilder md, Diagnosis d) {
    md.append("## What coroner could not read\n\n");
    if (d.unread().isEmpty()) {
      md.append("Nothing: every error-level record, every failure word and the last record of each log is explained by a signal.\n\n");
      return;
    }
    md.append("Records that no signal explains but that may matter (error levels, failure words, the last record of each log),")
        .append(" grouped by template (numbers, addresses, paths and ids masked):\n\n")
        .append("| count | why listed | template | where |\n|---|---|---|---|\n");
    for (dev.coroner.diagnose.Unread.Template t : d.unread()) {
      md.append("| ").append(t.count()).append(" | ").append(t.reason()).append(t.level().isEmpty() ? "" : " (" + t.level() + ")")
          .append(" | `").append(t.template().replace("`", "'").replace("|", "\\|")).append("` | ")
          .append(String.join(", ", t.refs().stream().map(r -> "`" + r + "`").toList()))
          .append(t.count() > t.refs().size() ? ", ..." : "").append(" |\n");
    }
    if (d.unreadDropped() > 0) {
      md.append("\n").append(d.unreadDropped()).append(" more records of other templates are not listed (the list keeps ")
          .append(d.unread().size()).append(" templates).\n");
    }
    md.append('\n');
  }

  /**
   * A "ready" bar of a server process whose start failed (uvicorn can finish the application's
   * startup and then fail to bind the port): the server was never ready to anyone, so no bar.
   */
  private static boolean neverReady(Span s, List<Span> all) {
    if (!s.label().equals("ready")) {
      return false;
    }
    for (Span p : all) {
      if (p.lane().equals(s.lane()) && p.label().contains("(startup failed)") && p.start() <= s.end() && s.start() <= p.end()) {
        return true;
      }
    }
    return false;
  }

  /** The picture's time axis: at most about a dozen ticks over the span, labelled to match. */
  record Axis(String tick, String format) {
    private static final long S = 1000;
    private static final long[] STEPS = {S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, 60 * S, 120 * S, 300 * S, 600 * S,
        900 * S, 1800 * S, 3600 * S, 7200 * S, 3 * 3600 * S, 6 * 3600 * S, 12 * 3600 * S, 24 * 3600 * S, 7 * 24 * 3600 * S};

    static Axis forSpan(long ms) {
      long step = STEPS[STEPS.length - 1];
      for (long st : STEPS) {
        if (ms / st <= 12) {
          step = st;
          break;
        }
      }
      String tick = step >= 7 * 24 * 3600 * S ? step / (7 * 24 * 3600 * S) + "week"
          : step >= 24 * 3600 * S ? step / (24 * 3600 * S) + "day"
          : step >= 3600 * S ? step / (3600 * S) + "hour"
          : step >= 60 * S ? step / (60 * S) + "minute" : step / S + "second";
      String format = step >= 24 * 3600 * S ? "%m-%d" : ms >= 24 * 3600 * S ? "%m-%d %H:%M" : step >= 60 * S ? "%H:%M" : "%H:%M:%S";
      return new Axis(tick, format);
    }
  }

  private void inputs(StringBuilder md, Diagnosis d) {
    md.append("## Inputs\n\n| file | side | format | encoding | lines | parsed | time range | times | sha256 |\n|---|---|---|---|---|---|---|---|---|\n");
    for (InputFile f : d.inputs()) {
      for (PartStats p : f.parts()) {
        long parsed = p.lines() - p.unparsed();
        String pct = p.lines() == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * parsed / p.lines());
        md.append("| `").append(p.part().name()).append("` | ").append(f.source().id()).append(" | ")
            .append(f.formats().isEmpty() ? "none" : f.formats().get(0)).append(" | ").append(p.encoding()).append(" | ")
            .append(p.lines()).append(" | ").append(pct).append(" | ").append(range(p.first(), p.last())).append(" | ")
            .append(f.basis().name().toLowerCase(Locale.ROOT)).append(" | `")
            .append(p.sha256().isEmpty() ? "-" : p.sha256().substring(0, 16) + "…").append("` |\n");
      }
    }
    md.append('\n');
  }

  private String time(Event e) {
    if (!e.hasTime() || timeless) {
      return "?";
    }
    return (e.timeKind() == TimeKind.EXACT ? "" : "~") + times.human(e.time());
  }

  /** The latest time any incident or story line holds: in a timeless folder, the newest mtime. */
  private static long latest(Diagnosis d) {
    long t = d.end();
    for (Incident i : d.incidents()) {
      t = Math.max(t, i.end());
    }
    for (StoryLine s : d.story()) {
      t = Math.max(t, Math.max(s.event().time(), s.until()));
    }
    return t;
  }

  private String range(long a, long b) {
    if (a == Event.NO_TIME) {
      return "-";
    }
    return times.human(a) + " → " + times.human(b);
  }

  private static String cut(String s) {
    return s.length() > MAX_LINE ? s.substring(0, MAX_LINE) + " …" : s;
  }

  private static String short1(String s) {
    return s.length() > 160 ? s.substring(0, 157) + "…" : s;
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
