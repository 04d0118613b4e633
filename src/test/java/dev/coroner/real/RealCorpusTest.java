package dev.coroner.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coroner.cli.CoronerCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scores coroner on incident logs that strangers published (src/test/resources/real/): each
 * case's verdict is what a careful SRE decides from its lines alone (its YAML says why), never
 * what coroner printed. Prints the whole table; at least 90 % of the classifications must be
 * right, and no wrong verdict may carry a confidence of 0.8 or more.
 */
@Timeout(300)
public class RealCorpusTest {
  public static final Path CASES = Path.of("src", "test", "resources", "real", "cases");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One case: what a careful reader expects, and what coroner said. */
  public record Scored(String id, boolean heldOut, String expected, String expectedCause, String got, String gotCause,
      double confidence) {
    public boolean right() {
      return expected.equals(got);
    }

    boolean causeRight() {
      return expectedCause == null || expectedCause.equals(gotCause);
    }
  }

  public static List<Scored> scoreAll() throws IOException {
    List<Path> yamls;
    try (Stream<Path> s = Files.list(CASES)) {
      yamls = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<Scored> out = new ArrayList<>();
    for (Path y : yamls) {
      JsonNode c = YAML.readTree(y.toFile());
      String id = c.get("id").asText();
      Path folder = CASES.resolve(id);
      JsonNode expect = c.get("expect");
      JsonNode verdict = diagnose(folder).get("verdict");
      out.add(new Scored(id, c.path("held_out").asBoolean(false), expect.get("classification").asText(),
          expect.hasNonNull("cause") ? expect.get("cause").asText() : null, verdict.get("classification").asText(),
          verdict.get("cause").asText(), verdict.get("confidence").asDouble()));
    }
    return out;
  }

  static JsonNode diagnose(Path folder) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("diagnose", folder.toString(), "--format", "json", "-o", "-", "--tz", "UTC");
    // 6: no file in a known format; the report (inconclusive) is still written and is scored
    assertThat(code).as("diagnose %s: %s", folder, err).isIn(0, 6);
    return JSON.readTree(out.toString());
  }

  static String table(List<Scored> scored) {
    StringBuilder sb = new StringBuilder("| case | held out | expected | coroner | conf | right |\n|---|---|---|---|---|---|\n");
    for (Scored s : scored) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %s / %s | %.2f | %s |%n", s.id(), s.heldOut() ? "yes" : "",
          s.expected(), s.expectedCause() == null ? "" : " / " + s.expectedCause(), s.got(), s.gotCause(), s.confidence(),
          s.right() ? (s.causeRight() ? "yes" : "class only") : "NO"));
    }
    return sb.toString();
  }

  @Test
  void atLeastNinetyPercentRightAndNoConfidentWrongVerdict() throws IOException {
    List<Scored> scored = scoreAll();
    long right = scored.stream().filter(Scored::right).count();
    long heldOut = scored.stream().filter(Scored::heldOut).count();
    long heldOutRight = scored.stream().filter(s -> s.heldOut() && s.right()).count();
    System.out.println(table(scored));
    System.out.printf(Locale.ROOT, "real corpus: %d of %d right (%.0f %%); held out: %d of %d right; causes right: %d%n", right,
        scored.size(), 100.0 * right / scored.size(), heldOutRight, heldOut, scored.stream().filter(s -> s.right() && s.causeRight()).count());
    assertThat(scored).hasSizeGreaterThanOrEqualTo(30);
    assertThat(scored).as("wrong verdicts with confidence >= 0.8").noneMatch(s -> !s.right() && s.confidence() >= 0.8);
    assertThat((double) right / scored.size()).as("share of right classifications").isGreaterThanOrEqualTo(0.9);
  }
}
