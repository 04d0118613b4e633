package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.diagnose.Diagnoses;
import dev.coroner.diagnose.Diagnosis;
import dev.coroner.diagnose.Engine;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coroner diagnose DIR}: the verdict, the incidents and their evidence, as markdown or JSON. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = {"Diagnose an incident folder: why did the server die?",
        "Writes a markdown report (by default reports/<folder-name>.md, see 'Where reports go' in the README; -o - for stdout), or with --format json prints the JSON contract (schemaVersion 1, docs/contract.md) to stdout. Never writes into DIR."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a report was written",
      "2:usage error, or -o inside the evidence folder",
      "3:DIR unreadable, invalid rules, or the report cannot be written",
      "5:internal error",
      "6:no log in DIR was recognised (the report says inconclusive)"})
final class DiagnoseCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The incident's log folder.")
  Path folder;

  @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where the report goes: a file, a folder (gets <folder-name>.md or .json), or '-' for stdout. A regular file is replaced atomically; a device, pipe or link is written through. Default: reports/<folder-name>.md (markdown), stdout (json).")
  String output;

  @Mixin CommonOptions common;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!format.equals("markdown") && !format.equals("json")) {
      throw CoronerException.usage("--format must be markdown or json, not '" + format + "'");
    }
    common.color(); // validates --color (reports have no styles)
    Inputs inputs = Inputs.load(common.rulesDir(), common.zone());
    Diagnoses diagnoses;
    try {
      diagnoses = Diagnoses.load(inputs.rules(), inputs.signals());
    } catch (RuleException e) {
      throw e.toCoronerException();
    }
    Times times = new Times(inputs.zone());
    Warnings warnings = new Warnings();
    Diagnosis d;
    ProgressLine line = ProgressLine.onTerminal(spec.commandLine().getErr());
    try (Timeline t = inputs.open(folder, true, warnings)) {
      long total = t.totalLines();
      t.onProgress(lines -> line.show(String.format(Locale.ROOT, "coroner: diagnosing %s: %d%% (%,d of %,d lines)",
          folder, total == 0 ? 0 : Math.min(100, lines * 100 / total), lines, total)));
      d = new Engine(inputs.signals(), diagnoses, times::human).run(t, warnings);
    } finally {
      line.clear();
    }
    String shown = folder.toString().replace('\\', '/');
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean json = format.equals("json");
    String text;
    if (json) {
      java.io.StringWriter sw = new java.io.StringWriter();
      PrintWriter pw = new PrintWriter(sw);
      new DiagnosisJson(times, VersionProvider.version()).write(d, shown, pw);
      pw.flush();
      text = sw.toString();
    } else {
      text = new MarkdownReport(times, VersionProvider.version()).render(d, shown);
    }
    boolean toStdout = "-".equals(output) || (json && output == null);
    Path written = null;
    if (toStdout) {
      out.print(text);
      out.flush();
    } else {
      String ext = json ? ".json" : ".md";
      if (output != null) {
        written = OutputFile.write(Path.of(output), reportName(folder) + ext, text, folder);
      } else {
        ReportPlace.Place place = ReportPlace.folder(folder, System.getenv());
        Path reports = place.folder();
        placeReason = place.reason();
        written = OutputFile.write(reports, ReportPlace.name(folder, reports, ext) + ext, text, folder);
      }
    }
    // a log is recognised when a program format read it, or when its lines (plain text included)
    // carried a signal that led to a verdict; a folder of unrelated files reads as plain text only
    boolean recognised = d.inputs().stream().anyMatch(i -> i.events() > 0 && !i.formats().isEmpty()
        && !i.formats().get(0).equals("text")) || !d.incidents().isEmpty() || !d.verdict().classification().equals("inconclusive");
    if (!(json && toStdout)) {
      summariseWarnings(d.warnings(), err);
    }
    if (!recognised) {
      err.println("coroner: no log recognised in " + shown + " ("
          + (d.inputs().isEmpty() ? "no files" : d.inputs().size() + (d.inputs().size() == 1 ? " file" : " files")
          + ", none in a known format") + "); see 'coroner rules list' for the formats coroner reads (exit 6)");
    }
    if (written != null) {
      err.println("coroner: report written to " + shownPath(written) + (placeReason == null ? "" : " (not ./reports: " + placeReason + ")"));
    }
    if (!toStdout) {
      err.println("coroner: " + d.verdict().classification() + " (" + d.verdict().cause() + "): " + d.verdict().summary());
    }
    err.flush();
    if (!recognised) {
      return ExitStatus.NO_LOG.code();
    }
    return 0;
  }

  /** Why the default report did not go to ./reports, or null. */
  private String placeReason;

  /** How many warnings a terminal gets before "N more"; --verbose prints them all. */
  static final int WARNINGS_SHOWN = 5;

  private void summariseWarnings(List<String> all, PrintWriter err) {
    int shownCount = common.verbose ? all.size() : Math.min(all.size(), WARNINGS_SHOWN);
    for (int i = 0; i < shownCount; i++) {
      err.println("coroner: warning: " + all.get(i));
    }
    if (shownCount < all.size()) {
      err.println("coroner: " + (all.size() - shownCount) + " more warnings (" + all.size()
          + " in all; listed in the report, or rerun with --verbose)");
    }
  }

  /** A path under the current folder as a relative path, anything else as an absolute one. */
  static String shownPath(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return cwd.getParent() != null && abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  static String reportName(Path folder) {
    Path real = Guard.real(folder);
    return ReportPlace.baseName(real);
  }
}
