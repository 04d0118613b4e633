package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder whose logs have no timestamps and nothing to pair them with (a console pasted into a
 * file, an excerpt from an issue): the only time coroner holds is each file's modification time,
 * which says when the file was saved, not when its lines were written. The markdown report then
 * shows no time but that bound: "time unknown (before ...)", `?` on every line, and a picture
 * that says it shows the order only.
 */
class TimelessReportTest {
  private static final Path CONSOLE =
      Path.of("src/test/resources/real/cases/m-sirepo-uwsgi-bind-address-in-use/console.txt");
  // long after the lines were written, as a copy or a paste is
  private static final Instant SAVED = Instant.parse("2019-07-18T10:00:00Z");

  private static String diagnose(Path folder, Path out) throws Exception {
    Coroner.Cli r = Coroner.cli("diagnose", folder.toString(), "--tz", "UTC", "-o", out.toString());
    assertThat(r.status()).as("exit status, stderr %s", r.err()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void aFolderWithoutAnyTimeShowsOnlyTheBoundOfItsModificationTime(@TempDir Path tmp) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("pasted"));
    Path console = Files.copy(CONSOLE, folder.resolve("console.txt"));
    Files.setLastModifiedTime(console, FileTime.from(SAVED));

    String md = diagnose(folder, tmp.resolve("report.md"));

    assertThat(md).contains("| Span | unknown: no log has timestamps")
        .contains("they were last modified at 2019-07-18 10:00:00.000, which bounds only their end");
    assertThat(md).contains("### 1. startup-failure / port-in-use").contains("time unknown (before 2019-07-18 10:00:00.000)");
    // the bind error is the console's line 20
    assertThat(md).contains("- ? · server · `console.txt:20` · server.bind-failed");
    assertThat(md).contains("| ? | server | bind(): Address already in use");
    assertThat(md).doesNotContain("~2019-07-18");
  }

  @Test
  void itsTextTimelineShowsQuestionMarksInTheTimeColumn(@TempDir Path tmp) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("pasted"));
    Files.setLastModifiedTime(Files.copy(CONSOLE, folder.resolve("console.txt")), FileTime.from(SAVED));
    Coroner.Cli r = Coroner.cli("timeline", folder.toString(), "--tz", "UTC");
    assertThat(r.status()).as(r.err()).isZero();
    List<String> records = r.out().lines().filter(l -> !l.startsWith("# note:")).toList();
    // the console's 20 lines, the bind error (line 20) among them; "?" where a time would be,
    // padded to a time's width so the columns stay aligned
    assertThat(records).isNotEmpty().allMatch(l -> l.startsWith("?" + " ".repeat(24)));
    assertThat(records).anyMatch(l -> l.contains("bind(): Address already in use") && l.endsWith("console.txt:20"));
    assertThat(r.out()).doesNotContain("2019-07-18");
  }

  @Test
  void itsPictureSaysItShowsTheOrderOnly(@TempDir Path tmp) throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("console/logs"));
    // uvicorn's default console, no timestamps: a server that started, served, and stopped
    Path log = logs.resolve("uvicorn_server.log");
    Files.writeString(log, String.join("\n",
        "INFO:     Started server process [4211]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)",
        "INFO:     127.0.0.1:50000 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     Shutting down",
        "INFO:     Finished server process [4211]") + "\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(log, FileTime.from(SAVED));

    String md = diagnose(tmp.resolve("console"), tmp.resolve("report.md"));

    assertThat(md).contains("## Picture\n\nThe logs have no times: the bars show the order of what happened only")
        .contains("    title Server lifecycle against the client's view (order only)\n");
    assertThat(md).contains("| Span | unknown: no log has timestamps");
  }

  @Test
  void oneTimedLogBesideItKeepsTheTimes(@TempDir Path tmp) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("mixed"));
    Files.setLastModifiedTime(Files.copy(CONSOLE, folder.resolve("console.txt")), FileTime.from(SAVED));
    // the race-condition sample's client log: every line stamped 2026-11-27 19:17:xx
    Files.copy(Path.of("sample-logs/race-condition/autonomous_processing.log"), folder.resolve("autonomous_processing.log"));

    String md = diagnose(folder, tmp.resolve("report.md"));

    assertThat(md).doesNotContain("time unknown").doesNotContain("| Span | unknown");
    assertThat(md).contains("| Span | 2026-11-27 19:17:");
    assertThat(md).contains("## Picture\n\n```mermaid").doesNotContain("(order only)");
  }
}
