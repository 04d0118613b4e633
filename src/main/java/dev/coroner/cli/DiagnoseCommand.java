package dev.coroner.cli;

import dev.coroner.ExitStatus;
import dev.coroner.diagnose.Diagnosis;
import dev.coroner.report.Times;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
  ReportFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where the report goes: a file, a folder (gets <folder-name>.md or .json), or '-' for stdout. A regular file is replaced atomically; a device, pipe or link is written through. Default: reports/<folder-name>.md (markdown), stdout (json).")
  String output;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Inputs inputs = Inputs.load(common.rulesDir(), common.zone());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Diagnosis d = Diagnostician.diagnose(inputs, folder, err);
    boolean json = format == ReportFormat.JSON;
    String text = Diagnostician.render(d, format, new Times(inputs.zone()), folder);
    boolean toStdout = "-".equals(output) || (json && output == null);
    Path written = null;
    String placeReason = null;
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
    boolean recognised = Diagnostician.recognised(d);
    if (!(json && toStdout)) {
      Diagnostician.summariseWarnings(d.warnings(), common.verbose, err);
    }
    if (!recognised) {
      err.println(Diagnostician.notRecognised(d, folder));
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
