package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials against the real node: {@link TestNode} loads {@link TestAuthPlugin}, which answers
 * 401 (with {@code WWW-Authenticate}) to wrong credentials and to anonymous requests on
 * {@code secured*} indexes, before any handler runs. Wrong credentials: one line naming the
 * cluster, exit 8, the secret never printed, nothing written. Right ones, from a file or from the
 * environment (a child JVM, since a test cannot set its own environment): export and read-back
 * work, every request carrying them.
 */
@Timeout(value = 180)
class FleetAuthTest {
  static final Path RACE = FleetFaultsTest.RACE;

  @TempDir Path tmp;

  private static void assertOneLine(Cli r, int status, String... contains) {
    assertThat(r.status()).as("exit status; stderr: %s", r.err()).isEqualTo(status);
    String err = r.err().strip();
    assertThat(err).startsWith("coroner: ").doesNotContain("\n").doesNotContain("\tat ");
    for (String c : contains) {
      assertThat(err).contains(c);
    }
  }

  /** What the plugin recorded from {@code from} on. */
  private static List<String> seenSince(int from) {
    return new ArrayList<>(TestAuthPlugin.SEEN.subList(from, TestAuthPlugin.SEEN.size()));
  }

  @Test
  void aWrongPasswordIsExit8NamesTheClusterAndWritesNothing() throws IOException {
    TestNode node = TestNode.get();
    String url = node.url();
    Path creds = Files.writeString(tmp.resolve("creds"), "user=alice\npassword=hunter2-wrong\n");
    int from = TestAuthPlugin.SEEN.size();
    Cli r = Coroner.cli("export", RACE.toString(), "--to", url + "/", "--index", "secured-wrong", "--credentials", creds.toString(), "--tz", "UTC");
    assertOneLine(r, 8, "coroner: OpenSearch at " + url + " refused the credentials (HTTP 401)", "CORONER_OPENSEARCH_PASSWORD", "--credentials FILE");
    assertThat(r.err()).doesNotContain("hunter2").doesNotContain("alice");
    // the first request was refused, so nothing followed: no template, no index
    assertThat(seenSince(from)).containsExactly("HEAD /secured-wrong refused");
    assertThat(node.exists("secured-wrong")).isFalse();

    Cli d = Coroner.cli("diagnose", "--from", url, "--index", "secured-*", "--credentials", creds.toString(), "--tz", "UTC");
    assertOneLine(d, 8, "OpenSearch at " + url + " refused the credentials (HTTP 401)");
    assertThat(d.err()).doesNotContain("hunter2");
  }

  @Test
  void noCredentialsForAGuardedIndexIsExit8() {
    TestNode node = TestNode.get();
    Cli r = Coroner.cli("export", RACE.toString(), "--to", node.url(), "--index", "secured-anonymous", "--tz", "UTC");
    assertOneLine(r, 8, "refused the credentials (HTTP 401)");
    assertThat(node.exists("secured-anonymous")).isFalse();
  }

  @Test
  void theRightPasswordFromAFileExportsAndReadsBack() throws IOException {
    TestNode node = TestNode.get();
    String url = node.url();
    Path creds = Files.writeString(tmp.resolve("creds"), "# the test plugin's user\nuser=alice\npassword=" + TestAuthPlugin.PASSWORD + "\n");
    int from = TestAuthPlugin.SEEN.size();
    Cli e = Coroner.cli("export", RACE.toString(), "--to", url, "--index", "secured-basic", "--credentials", creds.toString(), "--tz", "UTC");
    assertThat(e.status()).as(e.err()).isZero();
    assertThat(node.count("secured-basic")).as("22 + 5 + 21 one-line records").isEqualTo(FleetFaultsTest.logLines(RACE)).isEqualTo(48);
    Cli back = Coroner.cli("diagnose", "--from", url, "--index", "secured-basic", "--credentials", creds.toString(), "--format", "json", "--tz", "UTC");
    assertThat(FleetRoundTripTest.essence(FleetRoundTripTest.json(back)))
        .isEqualTo(FleetRoundTripTest.essence(FleetRoundTripTest.json(Coroner.cli("diagnose", RACE.toString(), "--format", "json", "--tz", "UTC"))));
    List<String> seen = seenSince(from);
    assertThat(seen).as("every request carried alice's credentials")
        .contains("POST /_bulk alice", "POST /secured-basic/_search/point_in_time alice").allMatch(s -> s.endsWith(" alice"));
  }

  /** Runs coroner in a child JVM (the test JVM's classpath) with these environment variables. */
  private Cli child(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.coroner.cli.Main"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CORONER_OPENSEARCH_"));
    pb.environment().put("XDG_CACHE_HOME", Files.createDirectories(tmp.resolve("cache")).toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("coroner " + String.join(" ", args) + ": still running after 120 s");
    }
    return new Cli(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void anApiKeyFromTheEnvironmentExportsAndAWrongOneIsExit8() throws Exception {
    TestNode node = TestNode.get();
    String url = node.url();
    int from = TestAuthPlugin.SEEN.size();
    Cli e = child(Map.of("CORONER_OPENSEARCH_API_KEY", TestAuthPlugin.API_KEY), "export", RACE.toAbsolutePath().toString(), "--to", url,
        "--index", "secured-apikey", "--tz", "UTC");
    assertThat(e.status()).as(e.err()).isZero();
    assertThat(node.count("secured-apikey")).isEqualTo(48);
    assertThat(seenSince(from)).contains("POST /_bulk api-key").allMatch(s -> s.endsWith(" api-key"));

    Cli d = child(Map.of("CORONER_OPENSEARCH_API_KEY", "bm90LXRoZS1rZXk="), "diagnose", "--from", url, "--index", "secured-apikey", "--tz", "UTC");
    assertOneLine(d, 8, "OpenSearch at " + url + " refused the credentials (HTTP 401)");
    assertThat(d.err()).doesNotContain("bm90LXRoZS1rZXk=");
  }
}
