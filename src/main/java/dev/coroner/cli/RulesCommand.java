package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.diagnose.Diagnoses;
import dev.coroner.diagnose.Rule;
import dev.coroner.diagnose.SampleReplay;
import dev.coroner.format.Format;
import dev.coroner.rules.RuleException;
import dev.coroner.signal.Signal;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code coroner rules list|validate|test}: the rules in effect, checked and replayed. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"List, validate and test the rules (formats, signals, diagnoses) in effect. With --rules DIR, a user's folder overlays the built-in rules file by file."})
final class RulesCommand {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private record Loaded(Inputs inputs, Diagnoses diagnoses) {}

  private static Loaded load(CommonOptions common) {
    Inputs inputs = Inputs.load(common.rulesDir(), ZoneOffset.UTC);
    try {
      return new Loaded(inputs, Diagnoses.load(inputs.rules(), inputs.signals()));
    } catch (RuleException e) {
      throw e.toCoronerException();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the formats, signals, diagnoses and causes in effect.")
  int list(@Mixin CommonOptions common) {
    Loaded l = load(common);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Formats:");
    for (Format f : l.inputs().formats().all()) {
      out.printf("  %-20s %s%n", f.id(), f.spec().title() == null ? "" : f.spec().title());
    }
    out.println("Signals:");
    for (Signal s : l.inputs().signals().all()) {
      out.printf("  %-36s %-8s %s%n", s.name(), s.role().name().toLowerCase(Locale.ROOT), s.title());
    }
    out.println("Diagnoses (priority order):");
    for (Rule r : l.diagnoses().rules()) {
      out.printf("  %-40s %-18s %-28s p=%d c=%.2f%n", r.id(), r.spec().classification(), r.spec().cause(), r.priority(), r.confidence());
    }
    out.println("Causes:");
    l.diagnoses().causes().forEach(c -> out.println("  " + c));
    out.flush();
    return 0;
  }

  @Command(name = "validate", mixinStandardHelpOptions = true, description = "Load every rule file; report the first error with file:line:col (exit 3).")
  int validate(@Mixin CommonOptions common) {
    Loaded l = load(common);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("ok: %d formats, %d signals, %d diagnoses%n", l.inputs().formats().all().size(),
        l.inputs().signals().all().size(), l.diagnoses().rules().size());
    // the literal-first gate: signals with nothing a record must hold are tested on every record
    List<String> ungated = l.inputs().signals().ungatedNames();
    if (!ungated.isEmpty()) {
      out.println("ungated (tested on every record of their side): " + String.join(", ", ungated));
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    // valid files that lack a signal the code relies on: warned, not refused (a user may mean it)
    dev.coroner.signal.RequiredSignals.missing(l.inputs().signals()).forEach(w -> err.println("coroner: warning: " + w));
    err.flush();
    return 0;
  }

  @Command(name = "test", mixinStandardHelpOptions = true, description = "Replay every sample embedded in the rule files (exit 3 when one fails).")
  int test(@Mixin CommonOptions common) {
    Loaded l = load(common);
    List<String> failures = new ArrayList<>();
    int formatSamples = 0;
    for (Format f : l.inputs().formats().all()) {
      failures.addAll(l.inputs().formats().checkSamples(f).stream().map(m -> "rules/formats/" + f.id() + ".yaml: " + m).toList());
      formatSamples += f.spec().samples().size();
    }
    int signalSamples = l.inputs().signals().all().stream().mapToInt(s -> s.spec().samples().size()).sum();
    failures.addAll(l.inputs().signals().checkSamples(l.inputs().formats()));
    int diagnosisSamples = l.diagnoses().rules().stream().mapToInt(r -> r.spec().samples().size()).sum();
    failures.addAll(SampleReplay.check(l.inputs().formats(), l.inputs().signals(), l.diagnoses()));
    PrintWriter out = spec.commandLine().getOut();
    failures.forEach(f -> out.println("FAIL " + f));
    out.printf("%d format samples, %d signal samples, %d diagnosis samples: %s%n", formatSamples, signalSamples,
        diagnosisSamples, failures.isEmpty() ? "all pass" : failures.size() + " failed");
    out.flush();
    if (!failures.isEmpty()) {
      throw new CoronerException(ExitStatus.BAD_INPUT.code(), failures.size() + " rule samples failed (see above)");
    }
    return 0;
  }
}
