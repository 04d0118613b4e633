package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help, version, exit codes, one-line errors without stack traces. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CliTest {
  @TempDir Path dir;

  private static void assertOneLineError(Cli r, int status, String contains) {
    assertThat(r.status()).as("exit status; stderr: %s", r.err()).isEqualTo(status);
    String err = r.err().strip();
    assertThat(err).startsWith("coroner: ").contains(contains).doesNotContain("\n").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  private Path incident() throws IOException {
    Files.writeString(dir.resolve("client.log"),
        "2026-11-27 10:00:00,000 - K - INFO - Autonomous goal processor starting, server http://127.0.0.1:8000\n"
            + "2026-11-27 10:00:01,000 - K - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))\n");
    return dir;
  }

  @Test
  void help() {
    Cli r = Coroner.cli("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Usage: coroner").contains("timeline").contains("generate-completion")
        .contains("Exit codes:").containsPattern("\n  2 +usage error").containsPattern("\n  3 +unreadable input or invalid rules")
        .containsPattern("\n  4 +launch: the port is already in use").containsPattern("\n  6 +diagnose: no log")
        .containsPattern("\n  141 +standard output closed");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void version() {
    Cli r = Coroner.cli("--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("coroner 0.1.0");
  }

  @Test
  void timelineHelp() {
    Cli r = Coroner.cli("timeline", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Usage: coroner timeline").contains("DIR").contains("--format").contains("--tz")
        .contains("--rules").contains("--since").contains("--grep");
  }

  @Test
  void noSubcommand() {
    assertOneLineError(Coroner.cli(), 2, "a subcommand is required");
  }

  @Test
  void unknownOption() throws IOException {
    assertOneLineError(Coroner.cli("timeline", incident().toString(), "--frobnicate"), 2, "Unknown option: '--frobnicate'");
    assertOneLineError(Coroner.cli("--frobnicate"), 2, "--frobnicate");
  }

  @Test
  void missingFolder() {
    assertOneLineError(Coroner.cli("timeline", dir.resolve("no such folder").toString()), 3, "no such folder: no such folder or file");
  }

  @Test
  void oneLogFileInsteadOfAFolderIsRead() throws IOException {
    Path f = incident().resolve("client.log");
    Cli t = Coroner.cli("timeline", f.toString());
    assertThat(t.status()).as(t.err()).isZero();
    // the file's two records, cited by its name
    assertThat(t.out().lines().filter(l -> l.contains("client.log:"))).hasSize(2);
    Cli d = Coroner.cli("diagnose", f.toString(), "--format", "json", "-o", "-");
    assertThat(d.status()).as(d.err()).isZero();
    // read by hand: one refusal of the client, no server output anywhere
    assertThat(d.out()).contains("\"classification\" : \"inconclusive\"").contains("\"cause\" : \"no-server-logs\"");
    // the folder that holds the file is the evidence folder: no report is written there
    assertOneLineError(Coroner.cli("diagnose", f.toString(), "-o", dir.resolve("report.md").toString()), 2,
        "is inside the evidence folder");
    assertThat(dir.resolve("report.md")).doesNotExist();
  }

  @Test
  void anArchiveAsDirIsReadAndItsUnpackingFolderIsGoneAfterwards() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    incident();
    Files.move(dir.resolve("client.log"), src.resolve("client.log"));
    Path evidence = Files.createDirectories(dir.resolve("evidence"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Process p = new ProcessBuilder("tar", "czf", evidence.resolve("incident.tgz").toString(), "-C", src.toString(), "client.log")
        .inheritIO().start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    java.util.Map<String, String> env = Binary.dataHome(dir.resolve("data"));
    env.put("TMPDIR", tmp.toString());
    Binary.Run r = Binary.run(dir, env, "diagnose", evidence.resolve("incident.tgz").toString(), "--format", "json", "-o", "-");
    assertThat(r.status()).as(r.err()).isZero();
    // read by hand: the one refusal of the archived client log, cited under the archive's name
    assertThat(r.out()).contains("\"cause\" : \"no-server-logs\"").contains("incident.tgz/client.log");
    assertThat(r.err()).doesNotContain("warning");
    try (var in = Files.list(evidence)) {
      assertThat(in.map(x -> x.getFileName().toString())).containsExactly("incident.tgz");
    }
    try (var in = Files.list(tmp)) {
      assertThat(in.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("coroner-unpack-"))).isEmpty();
    }
  }

  @Test
  void aPipeIsNamedAsNotReadableTwice() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertOneLineError(Coroner.cli("timeline", fifo.toString()), 3, "neither a folder nor a regular file");
  }

  @Test
  void missingArgument() {
    assertOneLineError(Coroner.cli("timeline"), 2, "DIR");
  }

  @Test
  void badOptionValuesAreUsageErrors() throws IOException {
    String d = incident().toString();
    assertOneLineError(Coroner.cli("timeline", d, "--format", "xml"), 2, "--format must be text, json, ndjson or ecs");
    assertOneLineError(Coroner.cli("timeline", d, "--since", "yesterday"), 2, "'yesterday' is not a time");
    assertOneLineError(Coroner.cli("timeline", d, "--grep", "("), 2, "bad pattern '('");
    assertOneLineError(Coroner.cli("timeline", d, "--level", "LOUD"), 2, "unknown level 'LOUD'");
    assertOneLineError(Coroner.cli("timeline", d, "--source", "database"), 2, "unknown source 'database' (one of client, server, launcher, other)");
    assertOneLineError(Coroner.cli("timeline", d, "--tz", "Nowhere/Land"), 2, "unknown zone 'Nowhere/Land'");
  }

  @Test
  void generateCompletionPrintsABashScript() {
    Cli r = Coroner.cli("generate-completion");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_coroner").contains("timeline");
  }

  @Test
  void timelineFormats() throws IOException {
    String d = incident().toString();
    Cli text = Coroner.cli("timeline", d, "--tz", "UTC");
    assertThat(text.status()).isZero();
    assertThat(text.out().lines()).hasSize(2);
    assertThat(text.out()).contains(" 2026-11-27 10:00:01.000 client   ERROR   Error fetching goals").contains("{client.connection-refused}  client.log:2");
    Cli nd = Coroner.cli("timeline", d, "--tz", "UTC", "--format", "ndjson");
    assertThat(nd.out().lines()).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    for (String l : nd.out().lines().toList()) {
      assertThat(json.readTree(l).get("source").asText()).isEqualTo("client");
    }
    JsonNode doc = json.readTree(Coroner.cli("timeline", d, "--tz", "UTC", "--format", "json").out());
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("events")).hasSize(2);
    assertThat(doc.get("events").get(1).get("fields").get("errno").asText()).isEqualTo("111");
    assertThat(doc.get("inputs").get(0).get("sha256").asText()).hasSize(64);
  }

  @Test
  void filters() throws IOException {
    String d = incident().toString();
    assertThat(Coroner.cli("timeline", d, "--level", "ERROR").out().lines()).hasSize(1);
    assertThat(Coroner.cli("timeline", d, "--grep", "REFUSED").out().lines()).hasSize(1);
    assertThat(Coroner.cli("timeline", d, "--signal", "client.*").out().lines()).hasSize(2);
    assertThat(Coroner.cli("timeline", d, "--source", "server").out().lines()).isEmpty();
    assertThat(Coroner.cli("timeline", d, "--tz", "UTC", "--since", "2026-11-27T10:00:00.500").out().lines()).hasSize(1);
    assertThat(Coroner.cli("timeline", d, "--tz", "UTC", "--until", "2026-11-27 10:00:00").out().lines()).hasSize(1);
  }

  @Test
  void emptyFolderIsNotAnError() {
    Cli r = Coroner.cli("timeline", dir.toString());
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("no log files found");
  }
}
