package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.format.Source;
import dev.coroner.signal.Signal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine reads a signal's {@code derived:} word into a type once (issue 16, item 4). */
class DerivationTest {
  @Test
  void eachWordIsItsType() {
    assertThat(Derivation.of("unexplained")).isEqualTo(new Derivation.Unexplained());
    assertThat(Derivation.of("run-unfinished")).isEqualTo(new Derivation.RunUnfinished());
    assertThat(Derivation.of("startup-unfinished")).isEqualTo(new Derivation.StartupUnfinished());
    assertThat(Derivation.of("no-log:server")).isEqualTo(new Derivation.InputFact(Derivation.Fact.NO_LOG, Source.SERVER));
    assertThat(Derivation.of("empty-log:launcher")).isEqualTo(new Derivation.InputFact(Derivation.Fact.EMPTY_LOG, Source.LAUNCHER));
    assertThat(Derivation.of("untimed-log:client")).isEqualTo(new Derivation.InputFact(Derivation.Fact.UNTIMED_LOG, Source.CLIENT));
  }

  @Test
  void everyDerivedSignalOfTheBundledRulesIsRead() {
    // rules/signals/derived.yaml, read by a person: 8 derived signals
    List<String> words = new ArrayList<>();
    for (Signal s : Coroner.signals().all()) {
      if (s.derived() != null) {
        words.add(s.derived());
        Derivation d = Derivation.of(s.derived());
        if (s.derived().contains(":")) {
          assertThat(d).as(s.name()).isInstanceOf(Derivation.InputFact.class);
          assertThat(((Derivation.InputFact) d).side().id()).isEqualTo(s.derived().substring(s.derived().indexOf(':') + 1));
        }
      }
    }
    assertThat(words).containsExactlyInAnyOrder("run-unfinished", "startup-unfinished", "no-log:server", "no-log:client", "no-log:launcher",
        "empty-log:launcher", "untimed-log:server", "unexplained");
  }
}
