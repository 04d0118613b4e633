package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coroner.real.RealCorpusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration over every corpus in the project: the sample folders (their makers' expected
 * diagnosis), the same samples rewritten as other setups log them (VariantsTest), and the
 * strangers' real logs (RealCorpusTest, a careful reader's verdict). A verdict is right when its
 * classification is the expected one. Prints confidence buckets with their accuracy (the table
 * in docs/calibration.md) and requires that no wrong verdict carries a confidence of 0.8 or more.
 */
@Timeout(600)
class CalibrationTest {
  @TempDir Path tmp;

  record Outcome(String corpus, String name, String expected, String got, double confidence) {
    boolean right() {
      return expected.equals(got);
    }
  }

  private static Outcome outcome(String corpus, String name, String expected, JsonNode d) {
    JsonNode v = d.path("verdict");
    return new Outcome(corpus, name, expected.split("/")[0], v.path("classification").asText(), v.path("confidence").asDouble());
  }

  @Test
  void noConfidentWrongVerdictOnAnyCorpus() throws IOException {
    List<Outcome> all = new ArrayList<>();
    List<String> samples;
    try (Stream<Path> s = Files.list(Path.of("sample-logs"))) {
      samples = s.filter(p -> Files.isRegularFile(p.resolve("README.md")) && !p.getFileName().toString().startsWith("_"))
          .map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String f : samples) {
      all.add(outcome("samples", f, VariantsTest.expected(f), SampleFoldersTest.diagnose(Path.of("sample-logs", f))));
    }
    for (String f : VariantsTest.FOLDERS) {
      for (VariantsTest.Variant v : VariantsTest.VARIANTS) {
        all.add(outcome("variants", f + " as " + v.name(), VariantsTest.expected(f),
            SampleFoldersTest.diagnose(VariantsTest.build(tmp, f, v))));
      }
    }
    for (RealCorpusTest.Scored s : RealCorpusTest.scoreAll()) {
      all.add(new Outcome("real", s.id(), s.expected(), s.got(), s.confidence()));
    }
    double[] edges = {0, 0.5, 0.7, 0.8, 0.9, 1.01};
    StringBuilder table = new StringBuilder("| confidence | verdicts | right | accuracy | samples | variants | real |\n|---|---|---|---|---|---|---|\n");
    for (int b = 0; b < edges.length - 1; b++) {
      double lo = edges[b];
      double hi = edges[b + 1];
      List<Outcome> in = all.stream().filter(o -> o.confidence() >= lo && o.confidence() < hi).toList();
      long right = in.stream().filter(Outcome::right).count();
      table.append(String.format(Locale.ROOT, "| %.1f-%s | %d | %d | %s | %s | %s | %s |%n", lo, hi > 1 ? "1.0" : String.format(Locale.ROOT, "%.1f", hi),
          in.size(), right, in.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * right / in.size()),
          share(in, "samples"), share(in, "variants"), share(in, "real")));
    }
    System.out.println(table);
    all.stream().filter(o -> !o.right()).forEach(o -> System.out.printf(Locale.ROOT, "wrong: %s %s expected %s got %s at %.2f%n",
        o.corpus(), o.name(), o.expected(), o.got(), o.confidence()));
    assertThat(all).as("wrong verdicts with confidence >= 0.8").noneMatch(o -> !o.right() && o.confidence() >= 0.8);
  }

  private static String share(List<Outcome> in, String corpus) {
    List<Outcome> c = in.stream().filter(o -> o.corpus().equals(corpus)).toList();
    return c.isEmpty() ? "-" : c.stream().filter(Outcome::right).count() + "/" + c.size();
  }
}
