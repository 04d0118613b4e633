package dev.coroner.cli;

import dev.coroner.diagnose.DiagnosisSpec;
import dev.coroner.format.FormatSpec;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.SignalSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step (the pom runs it after compiling): reads the bundled rules once and writes them
 * in binary next to the classes, so that a run starts without parsing YAML. Not a command.
 */
public final class ParsedRulesWriter {
  /** The record each kind of rule file is read as (Formats, Signals and Diagnoses read them so). */
  public static final Map<String, Class<?>> TYPE_BY_KIND = Map.of("formats", FormatSpec.class,
      "signals", SignalSpec.File.class, "diagnoses", DiagnosisSpec.class);

  private ParsedRulesWriter() {}

  /** @param args the classes folder */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ParsedRulesWriter CLASSES_DIR");
    }
    RuleSet.writeParsed(TYPE_BY_KIND, Path.of(args[0]));
  }
}
