package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.coroner.Coroner;
import dev.coroner.rules.RuleFile;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signal;
import dev.coroner.signal.Signals;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/** Every format and signal file's own samples, replayed: one dynamic test per file. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuleSamplesTest {
  private static final RuleSet RULES = RuleSet.load(Optional.empty());

  @TestFactory
  Stream<DynamicTest> formatFiles() {
    Formats formats = Coroner.formats(ZoneOffset.UTC);
    List<RuleFile> files = RULES.files("formats");
    assertThat(files).as("built-in format files").isNotEmpty();
    return files.stream().map(f -> dynamicTest(f.origin(), () -> {
      Format format = formats.get(f.id());
      assertThat(format.spec().samples()).as("%s has samples", f.origin()).isNotEmpty();
      assertThat(formats.checkSamples(format)).as("sample failures of %s", f.origin()).isEmpty();
    }));
  }

  @TestFactory
  Stream<DynamicTest> signalFiles() {
    Formats formats = Coroner.formats(ZoneOffset.UTC);
    Signals signals = Coroner.signals();
    List<String> failures = signals.checkSamples(formats);
    List<RuleFile> files = RULES.files("signals");
    assertThat(files).as("built-in signal files").isNotEmpty();
    return files.stream().map(f -> dynamicTest(f.origin(), () -> {
      List<Signal> mine = signals.all().stream().filter(s -> s.origin().equals(f.origin())).toList();
      assertThat(mine).as("signals of %s", f.origin()).isNotEmpty();
      for (Signal s : mine.stream().filter(s -> s.derived() == null).toList()) {
        assertThat(s.spec().samples()).as("%s has a sample that carries it", s.name())
            .anyMatch(x -> x.matches());
      }
      assertThat(failures.stream().filter(x -> x.startsWith(f.origin() + ":"))).as("sample failures of %s", f.origin()).isEmpty();
    }));
  }

  @org.junit.jupiter.api.Test
  void everySignalFailureNamesItsFile() {
    // a failure that names no known file would be silently skipped by the factory above
    List<String> failures = Coroner.signals().checkSamples(Coroner.formats(ZoneOffset.UTC));
    assertThat(failures).isEmpty();
  }
}
