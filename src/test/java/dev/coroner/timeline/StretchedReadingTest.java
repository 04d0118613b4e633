package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.CoronerCommand;
import dev.coroner.format.Records;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reading large logs in stretches on several threads (issue 14, "all cores") changes no byte of
 * what the commands write: every sample folder's ndjson timeline (whole, and gated by --signal and
 * --grep) and JSON diagnosis, stdout and
 * stderr, are the same with every log of the folder read in stretches of a few hundred bytes on
 * two threads (first pass, probe and second pass alike) as with one reader per log.
 */
@Timeout(600)
class StretchedReadingTest {
  @AfterEach
  void restore() {
    Records.unforce();
  }

  private static String run(String... argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(argv);
    return code + "\n" + out + "\n--\n" + err;
  }

  @Test
  void everySampleFolderGivesTheSameBytesReadInStretches() throws IOException {
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("sample-logs"))) {
      s.filter(p -> !p.getFileName().toString().startsWith("_") && Files.isDirectory(p)).sorted().forEach(folders::add);
    }
    assertThat(folders).hasSizeGreaterThan(10);
    for (Path f : folders) {
      for (String[] argv : List.of(
          new String[] {"timeline", f.toString(), "--format", "ndjson", "--tz", "UTC"},
          // the gates of --signal and --grep run on the reading threads too
          new String[] {"timeline", f.toString(), "--format", "ndjson", "--tz", "UTC", "--signal", "client.*", "--grep", "refused|Errno"},
          new String[] {"diagnose", f.toString(), "--format", "json", "-o", "-", "--tz", "UTC"})) {
        Records.unforce();
        String one = run(argv);
        Records.force(333, 0, 2);
        String stretched = run(argv);
        Records.unforce();
        assertThat(stretched).as("%s %s", argv[0], f).isEqualTo(one);
      }
    }
  }

  @Test
  void whenEnabledALogThatIsMostOfTheFolderIsReadOnEveryCoreAndOthersByOneReader() throws IOException {
    Path dir = Files.createTempDirectory("stretches");
    try {
      Path big = dir.resolve("big.log");
      Path small = dir.resolve("small.log");
      Files.write(big, new byte[(int) (9L << 20)]);
      Files.write(small, new byte[1 << 20]);
      List<FileScan> scans = new ArrayList<>();
      for (dev.coroner.ingest.LogFile f : dev.coroner.ingest.FolderScanner.scan(dir, new dev.coroner.ingest.Warnings())) {
        scans.add(FileScan.sniff(f, dev.coroner.Coroner.formats(java.time.ZoneOffset.UTC), new dev.coroner.ingest.Warnings()));
      }
      Timeline.stretches(scans, 2, true);
      // by hand: 9 MiB of 10 is over half the folder and over the 8 MiB of a large log
      assertThat(scans).extracting(s -> s.file.name() + "=" + s.threads).containsExactlyInAnyOrder("big.log=2", "small.log=1");
      Timeline.stretches(scans, 1, true);
      assertThat(scans).extracting(s -> s.threads).containsOnly(1);
      Timeline.stretches(scans, 2, false); // off unless -Dcoroner.stretches=true
      assertThat(scans).extracting(s -> s.threads).containsOnly(1);
      assertThat(Timeline.STRETCHES).isFalse();
    } finally {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
