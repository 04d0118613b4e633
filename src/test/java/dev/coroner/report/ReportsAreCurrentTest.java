package dev.coroner.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.CoronerCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The committed reports/samples/ are what coroner writes for each sample folder today (markdown
 * and JSON, zone UTC: the samples were recorded in UTC), and a second run gives the same bytes.
 * They live apart from reports/NAME.md, where {@code coroner diagnose} writes by default, so
 * running the README's command in any zone does not touch them. Refresh them all with
 * {@code mvn -q test -Dtest=ReportsAreCurrentTest -Dcoroner.refreshReports=true}.
 *
 * <p>Git does not keep modification times, and a file's mtime is the upper bound of its
 * untimed tail: so each folder is diagnosed from a copy whose files all carry one fixed mtime,
 * and the copy's path is shown as the folder's own.
 */
@Timeout(120)
class ReportsAreCurrentTest {
  private static final Path SAMPLES = Path.of("sample-logs");
  private static final Path REPORTS = Path.of("reports", "samples");

  @TestFactory
  Stream<DynamicTest> reportsAreCurrentAndDeterministic() throws IOException {
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> s = Files.list(SAMPLES)) {
      s.filter(p -> !p.getFileName().toString().startsWith("_") && Files.isRegularFile(p.resolve("README.md"))).sorted().forEach(folders::add);
    }
    boolean refresh = Boolean.getBoolean("coroner.refreshReports");
    return folders.stream().flatMap(f -> Stream.of(
        DynamicTest.dynamicTest(f.getFileName() + ".md", () -> check(f, "markdown", ".md", refresh)),
        DynamicTest.dynamicTest(f.getFileName() + ".json", () -> check(f, "json", ".json", refresh))));
  }

  private static void check(Path folder, String format, String ext, boolean refresh) throws IOException {
    String first = run(folder, format);
    if (format.equals("json")) {
      dev.coroner.cli.SchemaCheck.assertValid(first);
    }
    String second = run(folder, format);
    assertThat(second).as("a second run gives the same bytes").isEqualTo(first);
    Path golden = REPORTS.resolve(folder.getFileName() + ext);
    if (refresh) {
      Files.createDirectories(REPORTS);
      Files.writeString(golden, first, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(golden)).as("%s exists (refresh: -Dcoroner.refreshReports=true)", golden).isTrue();
    assertThat(first).as("%s is current (refresh: -Dcoroner.refreshReports=true)", golden)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  private static final FileTime FIXED_MTIME = FileTime.from(Instant.parse("2026-11-27T20:00:00Z"));

  private static String run(Path folder, String format) throws IOException {
    Path copy = Files.createTempDirectory("coroner-golden").resolve(folder.getFileName().toString());
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Path target = copy.resolve(folder.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
        Files.setLastModifiedTime(target, FIXED_MTIME);
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String shown = copy.toString().replace('\\', '/');
    int code = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("diagnose", shown, "--format", format, "-o", "-", "--tz", "UTC");
    assertThat(code).as("stderr: %s", err).isZero();
    try (Stream<Path> files = Files.walk(copy.getParent())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return out.toString().replace(shown, folder.toString().replace('\\', '/'));
  }
}
