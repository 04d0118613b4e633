package dev.coroner.cli;

import dev.coroner.diagnose.Diagnoses;
import dev.coroner.diagnose.Diagnosis;
import dev.coroner.diagnose.Engine;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.DiagnosisJson;
import dev.coroner.report.MarkdownReport;
import dev.coroner.report.Times;
import dev.coroner.rules.RuleException;
import dev.coroner.timeline.Timeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code coroner diagnose} and the shell's {@code diagnose} and {@code incident} share: the
 * engine run over a folder (a {@link Diagnosis}, the one object both read) and the ways it is
 * written out, so the two give the same answer by construction.
 */
final class Diagnostician {
  /** How many warnings a terminal gets before "N more"; --verbose prints them all. */
  static final int WARNINGS_SHOWN = 5;

  private Diagnostician() {}

  /** Diagnoses {@code folder}; on a terminal, a progress line on {@code err} after a second. */
  static Diagnosis diagnose(Inputs inputs, Path folder, PrintWriter err) {
    Diagnoses diagnoses;
    try {
      diagnoses = Diagnoses.load(inputs.rules(), inputs.signals());
    } catch (RuleException e) {
      throw e.toCoronerException();
    }
    return diagnose(inputs, folder, folder.toString(), diagnoses, new Warnings(), err);
  }

  /**
   * Diagnoses {@code folder} with rules already loaded, warning into {@code warnings}; the
   * progress line names the folder {@code name} (a fleet's host reads better than its spool).
   */
  static Diagnosis diagnose(Inputs inputs, Path folder, String name, Diagnoses diagnoses, Warnings warnings,
      PrintWriter err) {
    Times times = new Times(inputs.zone());
    ProgressLine line = ProgressLine.onTerminal(err);
    try (Timeline t = inputs.open(folder, true, warnings)) {
      long total = t.totalLines();
      t.onProgress(lines -> line.show(String.format(Locale.ROOT, "coroner: diagnosing %s: %d%% (%,d of %,d lines)",
          name, total == 0 ? 0 : Math.min(100, lines * 100 / total), lines, total)));
      return new Engine(inputs.signals(), diagnoses, times::human).run(t, warnings);
    } finally {
      line.clear();
    }
  }

  /** The report of {@code d} in {@code format}, naming the folder as the user wrote it. */
  static String render(Diagnosis d, ReportFormat format, Times times, Path folder) {
    return switch (format) {
      case JSON -> new DiagnosisJson(times, VersionProvider.version()).render(d, shown(folder));
      case MARKDOWN -> new MarkdownReport(times, VersionProvider.version()).render(d, shown(folder));
    };
  }

  /** The folder as reports name it (forward slashes on every system). */
  static String shown(Path folder) {
    return folder.toString().replace('\\', '/');
  }

  /**
   * Whether a log was recognised: a program format read it, or its lines (plain text included)
   * carried a signal that led to a verdict; a folder of unrelated files reads as plain text only.
   */
  static boolean recognised(Diagnosis d) {
    return d.inputs().stream().anyMatch(i -> i.events() > 0 && !i.formats().isEmpty()
        && !i.formats().get(0).equals(Formats.PLAIN_TEXT)) || !d.incidents().isEmpty()
        || !d.verdict().classification().equals("inconclusive");
  }

  /** The line that says no log was recognised (exit 6). */
  static String notRecognised(Diagnosis d, Path folder) {
    return notRecognised(d, shown(folder));
  }

  /** The same, naming the input as {@code shown} (a folder, or a cluster and index). */
  static String notRecognised(Diagnosis d, String shown) {
    return "coroner: no log recognised in " + shown + " ("
        + (d.inputs().isEmpty() ? "no files" : d.inputs().size() + (d.inputs().size() == 1 ? " file" : " files")
        + ", none in a known format") + "); see 'coroner rules list' for the formats coroner reads (exit 6)";
  }

  /** The first {@link #WARNINGS_SHOWN} warnings and a count of the rest, or all of them. */
  static void summariseWarnings(List<String> all, boolean verbose, PrintWriter err) {
    int shownCount = verbose ? all.size() : Math.min(all.size(), WARNINGS_SHOWN);
    for (int i = 0; i < shownCount; i++) {
      err.println("coroner: warning: " + all.get(i));
    }
    if (shownCount < all.size()) {
      err.println("coroner: " + (all.size() - shownCount) + " more warnings (" + all.size()
          + " in all; listed in the report, or rerun with --verbose)");
    }
  }
}
