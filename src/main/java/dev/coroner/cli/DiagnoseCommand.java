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
      "3:DIR unreadable, invalid rules, or the report cannot be written; --from: no matching index or document, or over --spool-limit",
      "5:internal error",
      "6:no log in DIR was recognised (the report says inconclusive)",
      "7:--from: the cluster cannot be reached",
      "8:--from: the cluster refused the credentials",
      "9:--from: the cluster answered with an error (an index it cannot search, a failed page)"})
final class DiagnoseCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The incident's log folder, or one log file (or --from URL).")
  Path folder;

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "%nFrom an OpenSearch cluster instead of DIR:%n")
  FromCluster cluster;

  @Mixin FleetOptions fleet;

  @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where the report goes: a file, a folder (gets <folder-name>.md or .json), or '-' for stdout. A regular file is replaced atomically; a device, pipe or link is written through. Default: reports/<folder-name>.md (markdown), stdout (json).")
  String output;

  @Mixin CommonOptions common;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (cluster != null) {
      if (folder != null) {
        throw CoronerException.usage("give DIR or --from URL, not both");
      }
      return FleetDiagnose.run(this);
    }
    if (folder == null) {
      throw CoronerException.usage("give the incident's log folder DIR, or --from URL (see 'coroner diagnose --help')");
    }
    Inputs inputs = Inputs.load(common.rulesDir(), common.zone());
    Diagnosis d = Diagnostician.diagnose(inputs, folder, spec.commandLine().getErr());
    return report(d, folder, Diagnostician.shown(folder), null, new Times(inputs.zone()));
  }

  /** Options of {@code --from}: the documents to read, and how to split them. */
  static final class FromCluster extends ClusterSelection {
    @Option(names = "--by", paramLabel = "FIELD", description = "One diagnosis per value of FIELD (host.name): a table of verdicts, and a report per host.")
    String by;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N", description = "With --by: how many hosts are diagnosed at once (default: ${DEFAULT-VALUE}).")
    int parallel;
  }

  static Diagnoses diagnoses(Inputs inputs) {
    try {
      return Diagnoses.load(inputs.rules(), inputs.signals());
    } catch (RuleException e) {
      throw e.toCoronerException();
    }
  }

  /** The diagnosis of one folder, with a progress line on a terminal. */
  Diagnosis diagnose(Path folder, String name, Inputs inputs, Diagnoses diagnoses, Warnings warnings) {
    return Diagnostician.diagnose(inputs, folder, name, diagnoses, warnings, spec.commandLine().getErr());
  }

  /** The diagnosis of one folder, without a progress line (several run at once under --by). */
  Diagnosis diagnoseQuietly(Path folder, Inputs inputs, Diagnoses diagnoses, Warnings warnings) {
    Times times = new Times(inputs.zone());
    try (Timeline t = inputs.open(folder, true, warnings)) {
      return new Engine(inputs.signals(), diagnoses, times::human).run(t, warnings);
    }
  }

  /** The report {@link #report} wrote last, or null when it printed it. */
  Path lastWritten;

  /**
   * Writes or prints the report of {@code d} and says so on stderr.
   *
   * @param shown the folder (or cluster and index) as the report names it
   * @param fixedName the report's base name, or null to name it after the folder
   */
  int report(Diagnosis d, Path folder, String shown, String fixedName, Times times) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean json = format == ReportFormat.JSON;
    String text = json ? new DiagnosisJson(times, VersionProvider.version()).render(d, shown)
        : new MarkdownReport(times, VersionProvider.version()).render(d, shown);
    boolean toStdout = "-".equals(output) || (json && output == null);
    Path written = null;
    String placeReason = null;
    if (toStdout) {
      out.print(text);
      out.flush();
    } else {
      String ext = json ? ".json" : ".md";
      if (output != null) {
        written = OutputFile.write(Path.of(output), (fixedName != null ? fixedName : reportName(folder)) + ext, text, folder);
      } else {
        ReportPlace.Place place = ReportPlace.folder(folder, System.getenv());
        Path reports = place.folder();
        placeReason = place.reason();
        written = OutputFile.write(reports, (fixedName != null ? fixedName : ReportPlace.name(folder, reports, ext)) + ext, text, folder);
      }
    }
    boolean recognised = Diagnostician.recognised(d);
    if (!(json && toStdout)) {
      Diagnostician.summariseWarnings(d.warnings(), common.verbose, err);
    }
    if (!recognised) {
      err.println(Diagnostician.notRecognised(d, shown));
    }
    lastWritten = written;
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
