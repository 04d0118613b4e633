package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.bench.ManyFilesGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of 20,000 logs (the most the folder scan reads) is diagnosed under the heap
 * {@code ./coroner} gives the JVM, with the verdict and incidents its generator wrote down, and
 * the merge's temporary runs go to {@code $TMPDIR}, never into the evidence, and are gone after.
 * Before the bounded fan-in, every log was open in the merge at once: 2,000 logs failed at
 * 256 MB.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class ManyFilesCliTest {
  @TempDir Path tmp;

  /** The heap option of {@code ./coroner} for diagnose, read from the script itself. */
  private static String scriptHeap() throws IOException {
    Path script = Path.of(System.getProperty("coroner.root", "."), "coroner");
    Matcher m = Pattern.compile("(?m)^heap=(-Xmx\\w+)$").matcher(Files.readString(script, StandardCharsets.UTF_8));
    assertThat(m.find()).as("./coroner sets heap=-Xmx...").isTrue();
    return m.group(1);
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void twentyThousandLogsAreDiagnosedUnderTheScriptsHeapWithTheRightVerdict() throws Exception {
    Path folder = tmp.resolve("incident");
    Path key = tmp.resolve("incident.expected.json");
    ManyFilesGenerator.generate(folder, 20_000, 10, 7, key);
    List<String> before = listing(folder);
    assertThat(before.stream().filter(n -> n.endsWith(".log"))).hasSize(20_000);
    Path spillRoot = Files.createDirectories(tmp.resolve("tmpdir"));
    Path out = tmp.resolve("report.json");
    Path err = tmp.resolve("err.txt");
    List<String> cmd = new ArrayList<>(List.of(LauncherProcess.javaBinary(), scriptHeap(), "-XX:+UseSerialGC",
        "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "dev.coroner.cli.Main",
        "diagnose", folder.toString(), "--format", "json", "--tz", "UTC", "-o", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    pb.environment().put("TMPDIR", spillRoot.toString());
    Process p = pb.start();
    if (!p.waitFor(800, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("still running after 800 s");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit status; stderr: %s", stderr).isZero();

    ObjectMapper json = new ObjectMapper();
    JsonNode expected = json.readTree(key.toFile());
    JsonNode got = json.readTree(out.toFile());
    assertThat(got.at("/verdict/classification").asText()).isEqualTo(expected.at("/verdict/classification").asText());
    assertThat(got.at("/verdict/cause").asText()).isEqualTo(expected.at("/verdict/cause").asText());
    List<String> want = new ArrayList<>();
    expected.get("incidents").forEach(i -> want.add(i.get("classification").asText() + "/" + i.get("cause").asText()));
    List<String> have = new ArrayList<>();
    got.get("incidents").forEach(i -> have.add(i.get("classification").asText() + "/" + i.get("cause").asText()));
    assertThat(have).isEqualTo(want);

    assertThat(listing(folder)).as("the evidence folder, after").isEqualTo(before);
    assertThat(listing(spillRoot)).as("what the merge left in TMPDIR").containsExactly("");
  }
}
