package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Format;
import dev.coroner.format.Formats;
import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which formats a log's sniff picks (docs/record-model.md, "How a log's formats are chosen"), on
 * strangers' logs of the real corpus: a format whose start also reads other tools' lines is not
 * chosen from those lines alone (its {@code signature}), and is still chosen where its own
 * program's lines are, in their older and altered layouts too.
 */
class FormatDetectionTest {
  private static final Path CASES = Path.of("src/test/resources/real/cases");
  private static Formats formats;

  @BeforeAll
  static void load() {
    formats = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);
  }

  /** The ids of the formats the sniff picks for the case's one log, as the timeline does. */
  private static List<String> detected(String caseId) throws IOException {
    return detected(caseId, null);
  }

  /** The ids of the formats the sniff picks for the case's log {@code name} (null: its only one). */
  private static List<String> detected(String caseId, String name) throws IOException {
    Warnings w = new Warnings();
    List<LogFile> files = FolderScanner.scan(CASES.resolve(caseId), w).stream()
        .filter(f -> name == null || f.name().equals(name)).toList();
    assertThat(files).as(caseId).hasSize(1);
    return FileScan.sniff(files.get(0), formats, w).formats.stream().map(Format::id).toList();
  }

  @Test
  void aMysqlClientsErrorInAComposeConsoleIsNoUvicornLine() throws IOException {
    // "directus    | ERROR 2003 (HY000): Can't connect to MySQL server on 'mysql' (111)": the
    // client's error, once read as uvicorn's and so the server's
    assertThat(detected("x8-directus-docker-mysql-innodb-starting-refused-2003")).containsExactly("compose", "text");
  }

  @Test
  void otherToolsLevelColonLinesDoNotMakeAUvicornLog() throws IOException {
    // compose v1's "ERROR: for wvp ...", gcloud's "ERROR: (gcloud.run.deploy) ...", Werkzeug's
    // "WARNING: This is a development server", alembic's "INFO  [alembic.runtime.migration] ..."
    assertThat(detected("t-compose-v1-docker-api-read-timeout")).doesNotContain("uvicorn");
    assertThat(detected("s-gcloud-run-deploy-revision-not-ready-port-timeout")).doesNotContain("uvicorn");
    assertThat(detected("t8-ios-1004-lo0-beside-flask-127-0-0-1", "flask.log")).doesNotContain("uvicorn");
    assertThat(detected("zf-cicd-problem-wait-for-it-unexpanded-host-assertion-restart")).doesNotContain("uvicorn");
  }

  @Test
  void uvicornsOwnLinesStillMakeAUvicornLogInEveryLayout() throws IOException {
    // padded to column 10
    assertThat(detected("a-fastapi-html-404-typo-path", "terminal.txt")).contains("uvicorn");
    // the 2018 layout, one space: its lifecycle words and its access line
    assertThat(detected("q-uvicorn-old-format-compose-waiting-startup-last")).contains("uvicorn");
    assertThat(detected("t4-uvicorn-asgi-returned-without-completing")).contains("uvicorn");
    assertThat(detected("z6-uvicorn-limit-max-requests-200-then-finished")).contains("uvicorn");
    // an app's "LEVEL (logger):  " layout with uvicorn's logger
    assertThat(detected("p-openui-uvicorn-logger-name-errno98")).contains("uvicorn");
    // ESC written out as text before the colour codes
    assertThat(detected("z4-uvicorn-windows7-cmd-ansi-arrows-reload-started")).contains("uvicorn");
  }

  @Test
  void mavensBracketedLevelsAreNoGranianLog() throws IOException {
    // "[INFO] BUILD FAILURE" after a Java stack: granian's "[LEVEL] message" shape, not its words
    assertThat(detected("u9-okx-spring-maven-mysql-refused-zh-exit-1")).containsExactly("text");
    // gunicorn's timeless "[CRITICAL] WORKER TIMEOUT (pid:414077)" in a file named gunicorn.log
    assertThat(detected("y2-devilry-worker-timeout-exiting-code-1-sigkill-oom")).doesNotContain("granian");
    // granian's own lines, bare and under compose
    assertThat(detected("x4-granian-repl-target-asgi-could-not-import")).contains("granian");
    assertThat(detected("h-granian-worker-unexpected-exit")).contains("granian");
  }

  @Test
  void curlsProgressMeterIsNoAmplifyLog() throws IOException {
    // the meter's second header line, indented 33 columns as Amplify indents a chunk's later lines
    assertThat(detected("t4-hets-curl-18-localhost-outstanding-read")).containsExactly("text");
    assertThat(detected("x9-devdocs-debug-script-curl-6-crawl4ai-uvicorn-up")).doesNotContain("amplify");
    // Amplify's own stamp
    assertThat(detected("j-pm2-online-exit-loop")).startsWith("amplify");
  }
}
