package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One folder holding every bad input of issue 7 at once, beside a real post-start crash: timeline
 * and diagnose finish within a bound, warn in one line per problem, never print a stack trace,
 * and still diagnose what can be diagnosed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileFolderTest {
  @TempDir Path dir;
  @TempDir Path cache;

  @BeforeEach
  void hostileFolder() throws IOException {
    Path real = Path.of(System.getProperty("coroner.root", ".")).resolve("src/test/resources/incidents/real-post-start-crash");
    Files.createDirectories(dir.resolve("logs"));
    Files.copy(real.resolve("autonomous_processing.log"), dir.resolve("autonomous_processing.log"));
    Files.copy(real.resolve("logs/uvicorn_server.log"), dir.resolve("logs/uvicorn_server.log"));
    Files.copy(real.resolve("autonomous_processing.log"), dir.resolve("copy of autonomous_processing.log"));
    Files.createFile(dir.resolve("empty.log"));
    Files.writeString(dir.resolve("blank.log"), "\n\n   \n\r\n");
    Files.write(dir.resolve("nul.log"), new byte[10_000]);
    byte[] junk = new byte[100_000];
    new Random(7).nextBytes(junk);
    Files.write(dir.resolve("junk.log"), junk);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 2000; i++) {
        g.write(("2026-11-27 19:20:" + String.format("%02d", i % 60) + ",000 - Old - INFO - rotated line " + i + " " + Integer.toHexString(i * 31337) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.write(dir.resolve("old.log.1.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    Files.writeString(dir.resolve("notgzip.log.gz"), "2026-11-27 19:24:09,000 - K - INFO - plain text named .gz\n");
    Files.write(dir.resolve("half-utf16.log"), new byte[] {(byte) 0xFF, (byte) 0xFE, 'I', 0, 'N', 0, 'F', 0, 'O', 0, ':', 0, (byte) 0xD8});
    Files.write(dir.resolve("bad-utf8.log"), new byte[] {'2', '0', '2', '6', (byte) 0xC3, (byte) 0x28, (byte) 0xE2, (byte) 0x82, '\n'});
    Files.writeString(dir.resolve("times.log"), "1970-01-01 00:00:00,000 - T - INFO - epoch\n2099-01-01 00:00:00,000 - T - INFO - future\n"
        + "2026-11-27 19:24:00,000 - T - INFO - back in time\n");
    Files.writeString(dir.resolve("huge.log"), "2026-11-27 19:24:09,500 - K - INFO - " + "x".repeat(6 << 20) + "\n");
    Files.createSymbolicLink(dir.resolve("logs/loop"), dir);
    Files.createSymbolicLink(dir.resolve("dangling.log"), dir.resolve("gone.log"));
  }

  private static void assertWarningsOnly(String err) {
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
    assertThat(err.lines()).allSatisfy(l -> assertThat(l).startsWith("coroner: warning: "));
  }

  @Test
  void timelineFinishesAndWarnsOneLinePerProblem() {
    long t0 = System.nanoTime();
    Coroner.Cli r = Coroner.cli("timeline", dir.toString(), "--tz", "UTC");
    assertThat((System.nanoTime() - t0) / 1_000_000).as("milliseconds").isLessThan(30_000);
    assertThat(r.status()).as(r.err()).isZero();
    assertWarningsOnly(r.err());
    assertThat(r.err()).contains("old.log.1.gz: compressed data ends early").contains("notgzip.log.gz: named .gz but is not gzip")
        .contains("huge.log:1: line longer than").contains("logs/loop: symbolic link loop").contains("junk.log");
    assertThat(r.out()).contains("{client.connection-refused}  autonomous_processing.log:6");
  }

  @Test
  void timelineJsonIsValid() throws IOException {
    Coroner.Cli r = Coroner.cli("timeline", dir.toString(), "--format", "json", "--tz", "UTC");
    assertThat(r.status()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("warnings").size()).isGreaterThanOrEqualTo(5);
    Coroner.Cli nd = Coroner.cli("timeline", dir.toString(), "--format", "ndjson", "--tz", "UTC");
    for (String l : nd.out().lines().toList()) {
      new ObjectMapper().readTree(l);
    }
  }

  @Test
  void searchFinishesAndStillFindsTheRefusals() {
    Path index = cache.resolve("index");
    Coroner.Cli r = Coroner.cli("search", dir.toString(), "signal:client.connection-refused", "--count", "--tz", "UTC",
        "--index-dir", index.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("internal error");
    assertThat(Long.parseLong(r.out().strip())).isPositive();
  }

  @Test
  void diagnoseStillFindsTheCrash() throws IOException {
    long t0 = System.nanoTime();
    Coroner.Cli r = Coroner.cli("diagnose", dir.toString(), "--format", "json", "--tz", "UTC");
    assertThat((System.nanoTime() - t0) / 1_000_000).as("milliseconds").isLessThan(30_000);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("internal error");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("verdict").get("classification").asText()).isEqualTo("post-start-crash");
    assertThat(doc.get("warnings").size()).isGreaterThanOrEqualTo(5);
    Coroner.Cli md = Coroner.cli("diagnose", dir.toString(), "-o", "-", "--tz", "UTC");
    assertThat(md.status()).isZero();
    assertThat(md.out()).contains("post-start-crash");
    for (String w : List.of(doc.get("warnings").toString())) {
      assertThat(w).doesNotContain("\\n");
    }
  }
}
