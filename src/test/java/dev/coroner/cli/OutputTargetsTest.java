package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diagnose -o} never destroys what it writes to, and never writes into the evidence: each
 * case runs coroner as its own process from a shell, on real files, links, devices and pipes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OutputTargetsTest {
  private static final Path SAMPLE = Path.of(System.getProperty("coroner.root", ".")).resolve("sample-logs/race-condition");
  /** The verdict of the sample, as its README states it. */
  private static final String VERDICT = "race-condition (client-started-before-ready)";

  @TempDir Path tmp;
  Path ev;
  Map<String, String> env;

  @BeforeEach
  void copyEvidence() throws IOException {
    ev = tmp.resolve("EV");
    copy(SAMPLE, ev);
    env = Binary.dataHome(tmp.resolve("data"));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private Run sh(String script) throws IOException, InterruptedException {
    return Binary.sh(tmp, env, script);
  }

  /** The bytes of the report for EV, as written to a plain new file. */
  private byte[] reference() throws IOException, InterruptedException {
    Run r = sh("coroner diagnose EV -o ref.md");
    assertThat(r.status()).as(r.err()).isZero();
    return Files.readAllBytes(tmp.resolve("ref.md"));
  }

  private static String fileType(Path p) throws IOException, InterruptedException {
    Process s = new ProcessBuilder("stat", "-c", "%F", p.toString()).redirectErrorStream(true).start();
    String t = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    s.waitFor(10, TimeUnit.SECONDS);
    return t;
  }

  private List<String> temporaries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }

  @Test
  void devNullStaysADevice() throws Exception {
    assertThat(fileType(Path.of("/dev/null"))).isEqualTo("character special file");
    Run r = sh("coroner diagnose EV -o /dev/null");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(fileType(Path.of("/dev/null"))).isEqualTo("character special file");
    assertThat(r.err()).contains("report written to /dev/null").contains(VERDICT);
  }

  @Test
  void fifoIsWrittenThroughAndStaysAFifo() throws Exception {
    byte[] ref = reference();
    Run r = sh("mkfifo pipe && { cat pipe > got & } && coroner diagnose EV -o pipe; s=$?; wait; exit $s");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(fileType(tmp.resolve("pipe"))).isEqualTo("fifo");
    assertThat(Files.readAllBytes(tmp.resolve("got"))).isEqualTo(ref);
  }

  @Test
  void processSubstitutionGetsTheReport() throws Exception {
    byte[] ref = reference();
    Run r = sh("coroner diagnose EV -o >(wc -c > count); s=$?; sleep 0.5; exit $s");
    assertThat(r.status()).as(r.err()).isZero();
    for (int i = 0; i < 50 && Files.readString(tmp.resolve("count")).isBlank(); i++) {
      Thread.sleep(100);
    }
    assertThat(Long.parseLong(Files.readString(tmp.resolve("count")).strip())).isEqualTo(ref.length);
  }

  @Test
  void symlinkIsWrittenThroughAndStaysALink() throws Exception {
    byte[] ref = reference();
    Files.writeString(tmp.resolve("real.md"), "old report\n");
    Files.createSymbolicLink(tmp.resolve("link.md"), Path.of("real.md"));
    Run r = sh("coroner diagnose EV -o link.md");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(tmp.resolve("link.md"))).isTrue();
    assertThat(Files.readSymbolicLink(tmp.resolve("link.md"))).isEqualTo(Path.of("real.md"));
    assertThat(Files.readAllBytes(tmp.resolve("real.md"))).isEqualTo(ref);
  }

  @Test
  void regularFileIsReplacedKeepingItsPermissionsAndNoTemporaryIsLeft() throws Exception {
    byte[] ref = reference();
    Path f = Files.writeString(tmp.resolve("old.md"), "old report\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    Run r = sh("coroner diagnose EV -o old.md");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(f)).isEqualTo(ref);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-r-----");
    assertThat(temporaries(tmp)).isEmpty();
  }

  @Test
  void aFailedWriteLeavesNoTemporaryAndTheOldFileIntact() throws Exception {
    Files.createDirectories(tmp.resolve("out"));
    Path f = Files.writeString(tmp.resolve("out/r.md"), "old report\n");
    // a 4 KiB file size limit: the report (12 KB) cannot be written, the JVM's jar can be read
    Run r = sh("ulimit -f 4; coroner diagnose EV -o out/r.md");
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err().strip()).startsWith("coroner: cannot write the report to out/r.md").doesNotContain("\n");
    assertThat(Files.readString(f)).isEqualTo("old report\n");
    assertThat(temporaries(tmp.resolve("out"))).isEmpty();
  }

  @Test
  void jsonWithOutputWritesTheFileAndAFolderGetsTheFolderName() throws Exception {
    Files.createDirectories(tmp.resolve("out"));
    Run r = sh("coroner diagnose EV --format json -o out/d.json && coroner diagnose EV -o out && coroner diagnose EV --format json -o out");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(json.readTree(tmp.resolve("out/d.json").toFile()).get("verdict").get("classification").asText()).isEqualTo("race-condition");
    assertThat(Files.readString(tmp.resolve("out/EV.md"))).startsWith("# coroner: race-condition");
    assertThat(json.readTree(tmp.resolve("out/EV.json").toFile()).get("schemaVersion").asInt()).isEqualTo(1);
    SchemaCheck.assertValid(Files.readString(tmp.resolve("out/EV.json")));
  }
}
