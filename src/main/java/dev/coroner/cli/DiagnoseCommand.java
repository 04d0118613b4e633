package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.diagnose.Diagnoses;
import dev.coroner.diagnose.Diagnosis;
import dev.coroner.diagnose.Engine;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.DiagnosisJson;
import dev.coroner.report.MarkdownReport;
import dev.coroner.report.Times;
import dev.coroner.rules.RuleException;
import dev.coroner.timeline.Timeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coroner diagnose DIR}: the verdict, the incidents and their evidence, as markdown or JSON. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = {"Diagnose an incident folder: why did the server die?",
        "Writes a markdown report (default reports/<folder-name>.md; -o - for stdout), or with",
        "--format json prints the JSON contract (schemaVersion 1) to stdout. Never writes into DIR."})
final class DiagnoseCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The incident's log folder.")
  Path folder;

  @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where the markdown goes; '-' for stdout. Default: reports/<folder-name>.md.")
  String output;

  @Mixin CommonOptions common;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!format.equals("markdown") && !format.equals("json")) {
      throw CoronerException.usage("--format must be markdown or json, not '" + format + "'");
    }
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
    try (Timeline t = inputs.open(folder, true, warnings)) {
      d = new Engine(inputs.signals(), diagnoses, times::human).run(t, warnings);
    }
    String shown = folder.toString().replace('\\', '/');
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (format.equals("json")) {
      new DiagnosisJson(times, VersionProvider.version()).write(d, shown, out);
      out.flush();
      return 0;
    }
    String md = new MarkdownReport(times, VersionProvider.version()).render(d, shown);
    if ("-".equals(output)) {
      out.print(md);
      out.flush();
    } else {
      Path target = output != null ? Path.of(output) : Path.of("reports", reportName(folder) + ".md");
      write(target, md);
      err.println("coroner: " + d.verdict().classification() + " (" + d.verdict().cause() + "): " + d.verdict().summary());
      err.println("coroner: report written to " + target);
    }
    d.warnings().forEach(w -> err.println("coroner: warning: " + w));
    err.flush();
    return 0;
  }

  static String reportName(Path folder) {
    Path abs = folder.toAbsolutePath().normalize();
    Path name = abs.getFileName();
    return name == null ? "report" : name.toString();
  }

  private void write(Path target, String md) {
    Path abs = target.toAbsolutePath().normalize();
    if (abs.startsWith(folder.toAbsolutePath().normalize())) {
      throw CoronerException.usage(target + " is inside the evidence folder; coroner never writes there (choose another -o)");
    }
    try {
      Path dir = abs.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = Files.createTempFile(dir, ".coroner", ".tmp");
      Files.writeString(tmp, md, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CoronerException(3, "cannot write the report to " + target + ": " + e.getMessage() + " (choose another -o)");
    }
  }
}
