package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import dev.coroner.bench.IncidentGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diagnose --from --by host.name} in a JVM with the heap {@code ./coroner} gives diagnose
 * (read from the script) and its serial GC: four hosts, each a generated incident folder with
 * its own answer key, read and diagnosed four at once. Each host's verdict is its answer key's,
 * and the spools are gone after.
 */
@Timeout(value = 600)
class FleetByHostHeapTest {
  @TempDir Path tmp;

  /** The heap option of {@code ./coroner} for diagnose, read from the script itself. */
  static String scriptHeap() throws IOException {
    Path script = Path.of(System.getProperty("coroner.root", "."), "coroner");
    Matcher m = Pattern.compile("(?m)^heap=(-Xmx\\w+)$").matcher(Files.readString(script, StandardCharsets.UTF_8));
    assertThat(m.find()).as("./coroner sets heap=-Xmx...").isTrue();
    return m.group(1);
  }

  @Test
  void fourHostsAtOnceUnderTheScriptsHeap() throws Exception {
    String url = TestNode.get().url();
    ObjectMapper json = new ObjectMapper();
    Map<String, String> expected = new TreeMap<>();
    for (int i = 1; i <= 4; i++) {
      Path dir = tmp.resolve("host-" + i);
      Path key = tmp.resolve("host-" + i + ".expected.json");
      IncidentGenerator.generate(dir, 1_000_000L, 100 + i, ZoneId.of("UTC"), key);
      JsonNode v = json.readTree(key.toFile()).path("verdict");
      expected.put("gen-" + i, v.path("classification").asText() + " " + v.path("cause").asText());
      Cli e = Coroner.cli("export", dir.toString(), "--to", url, "--index", "heap4", "--host", "gen-" + i, "--tz", "UTC");
      assertThat(e.status()).as(e.err()).isZero();
    }
    Path out = Files.createDirectories(tmp.resolve("reports"));
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path err = tmp.resolve("err.txt");
    Path stdout = tmp.resolve("out.txt");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), scriptHeap(), "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "dev.coroner.cli.Main",
        "diagnose", "--from", url, "--index", "heap4", "--by", "host.name", "--parallel", "4", "--tz", "UTC", "-o", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(stdout.toFile()).redirectError(err.toFile());
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    Process p = pb.start();
    if (!p.waitFor(400, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("still running after 400 s");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit status; stderr: %s", stderr).isZero();
    Map<String, String> got = new TreeMap<>();
    for (String line : Files.readAllLines(stdout)) {
      String[] cells = line.split("\\|");
      if (cells.length > 3 && cells[1].strip().startsWith("gen-")) {
        got.put(cells[1].strip(), cells[2].strip() + " " + cells[3].strip());
      }
    }
    assertThat(got).isEqualTo(expected);
    for (String host : expected.keySet()) {
      assertThat(out.resolve("heap4-" + host + ".md")).exists();
    }
    try (Stream<Path> s = Files.walk(cache)) {
      assertThat(s.filter(Files::isRegularFile).toList()).as("no spool left in the cache").isEmpty();
    }
  }
}
