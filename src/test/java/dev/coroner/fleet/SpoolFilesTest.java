package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.CoronerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool that rebuilds each log from documents read in time order: whatever order the
 * documents of a file arrive in, the file written is the original, line for line; a sort larger
 * than a chunk goes through disk; the disk limit stops a read with one line and exit 3.
 */
class SpoolFilesTest {
  @TempDir Path tmp;

  /** A document: its file, line (or NONE), offset (or NONE), time (or NONE) and text. */
  record Doc(String file, long line, long offset, long time, String text) {}

  /**
   * The documents of a log written by hand: records of one line, a record of three lines (a
   * traceback), and lines 9 to 11 missing (a gap the spool fills with empty lines). The times
   * run backwards against the lines on purpose, as an untimed line's estimate may.
   */
  static final String ORIGINAL = String.join("\n",
      "INFO: started",                      // 1
      "INFO: ready",                        // 2
      "Traceback (most recent call last):", // 3
      "  File \"app.py\", line 1",          // 4
      "OSError: boom",                      // 5
      "WARNING: é ünïcode",                 // 6
      "INFO: 7",                            // 7
      "INFO: 8",                            // 8
      "",                                   // 9
      "",                                   // 10
      "",                                   // 11
      "INFO: 12") + "\n";

  static List<Doc> docs(String file) {
    List<Doc> d = new ArrayList<>();
    long[] lines = {1, 2, 3, 6, 7, 8, 12};
    String[] texts = {"INFO: started", "INFO: ready", "Traceback (most recent call last):\n  File \"app.py\", line 1\nOSError: boom",
        "WARNING: é ünïcode", "INFO: 7", "INFO: 8", "INFO: 12"};
    for (int i = 0; i < lines.length; i++) {
      d.add(new Doc(file, lines[i], SpoolFiles.NONE, 1_000_000L - i, texts[i]));
    }
    return d;
  }

  static void feed(SpoolFiles s, List<Doc> docs) throws IOException {
    for (Doc d : docs) {
      s.add(d.file(), d.line(), d.offset(), d.time(), d.text().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void documentsInAnyOrderGiveTheOriginalFile() throws IOException {
    List<Doc> docs = new ArrayList<>(docs("app/a.log"));
    docs.addAll(docs("b.log"));
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Path dir = Files.createDirectories(tmp.resolve("r" + round));
      Collections.shuffle(docs, random);
      // chunks of 64 bytes and merges of two: a sort through several files and passes
      try (SpoolFiles s = round % 2 == 0 ? new SpoolFiles(dir, 1 << 20, 64, 2) : new SpoolFiles(dir, 1 << 20)) {
        feed(s, docs);
        s.finish();
      }
      assertThat(Files.readString(dir.resolve("app/a.log"))).as("round %d", round).isEqualTo(ORIGINAL);
      assertThat(Files.readString(dir.resolve("b.log"))).as("round %d", round).isEqualTo(ORIGINAL);
      try (Stream<Path> left = Files.walk(dir)) {
        assertThat(left.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList())
            .as("runs and chunks removed").containsExactly("app/a.log", "b.log");
      }
    }
  }

  @Test
  void aFileReadInTimeOrderIsCountedAsReordered() throws IOException {
    List<Doc> byTime = new ArrayList<>(docs("a.log"));
    byTime.sort((x, y) -> Long.compare(x.time(), y.time())); // the times run backwards: line 12 first
    Path dir = Files.createDirectories(tmp.resolve("t"));
    try (SpoolFiles s = new SpoolFiles(dir, 1 << 20)) {
      feed(s, byTime);
      s.finish();
      assertThat(s.reordered).isEqualTo(1);
    }
    assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo(ORIGINAL);
    Path dir2 = Files.createDirectories(tmp.resolve("l"));
    try (SpoolFiles s = new SpoolFiles(dir2, 1 << 20)) {
      feed(s, docs("a.log"));
      s.finish();
      assertThat(s.reordered).isZero();
    }
    assertThat(Files.readString(dir2.resolve("a.log"))).isEqualTo(ORIGINAL);
  }

  @Test
  void shipperDocumentsFollowTheirOffsetThenTheirTimeThenTheirRank() throws IOException {
    // no line numbers: by byte offset where there is one, documents without an offset after them
    // by time, and those without a time last, in the order they came
    List<Doc> docs = List.of(
        new Doc("s.log", SpoolFiles.NONE, SpoolFiles.NONE, SpoolFiles.NONE, "no time 1"),
        new Doc("s.log", SpoolFiles.NONE, 40, 5, "offset 40"),
        new Doc("s.log", SpoolFiles.NONE, SpoolFiles.NONE, 9, "time 9"),
        new Doc("s.log", SpoolFiles.NONE, 0, 7, "offset 0"),
        new Doc("s.log", SpoolFiles.NONE, SpoolFiles.NONE, SpoolFiles.NONE, "no time 2"),
        new Doc("s.log", SpoolFiles.NONE, SpoolFiles.NONE, 3, "time 3"));
    Path dir = Files.createDirectories(tmp.resolve("s"));
    try (SpoolFiles s = new SpoolFiles(dir, 1 << 20)) {
      feed(s, docs);
      s.finish();
    }
    assertThat(Files.readAllLines(dir.resolve("s.log"))).containsExactly("offset 0", "offset 40", "time 3", "time 9", "no time 1", "no time 2");
  }

  @Test
  void aLineReadTwiceIsWrittenOnceAndCounted() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    try (SpoolFiles s = new SpoolFiles(dir, 1 << 20)) {
      feed(s, docs("a.log"));
      feed(s, docs("a.log"));
      s.finish();
      assertThat(s.duplicates).isEqualTo(7);
    }
    assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo(ORIGINAL);
  }

  @Test
  void theDiskLimitStopsTheReadWithOneLineAndExit3() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("x"));
    // each document takes its text plus 36 bytes of place in its run: 10 documents of 64 bytes
    // pass a limit of 950 bytes at the tenth
    try (SpoolFiles s = new SpoolFiles(dir, 950)) {
      assertThatThrownBy(() -> {
        for (int i = 1; i <= 10; i++) {
          s.add("a.log", i, SpoolFiles.NONE, i, "x".repeat(64).getBytes(StandardCharsets.UTF_8));
        }
      }).isInstanceOfSatisfying(CoronerException.class, e -> {
        assertThat(e.status()).isEqualTo(3);
        assertThat(e.getMessage()).doesNotContain("\n").contains("spool limit of 950 bytes").contains("--spool-limit");
      });
    }
    // and a line number far ahead is refused before its gap is written
    Path dir2 = Files.createDirectories(tmp.resolve("y"));
    try (SpoolFiles s = new SpoolFiles(dir2, 1 << 20)) {
      s.add("a.log", 1L << 40, SpoolFiles.NONE, 1, "far".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(s::finish).isInstanceOf(CoronerException.class).hasMessageContaining("spool limit of 1m");
    }
    assertThat(Files.size(dir2.resolve("a.log"))).isZero();
  }

  @Test
  void sizesReadAndShown() {
    assertThat(Spool.parseSize("--spool-limit", "8g")).isEqualTo(8L << 30);
    assertThat(Spool.parseSize("--spool-limit", "500M")).isEqualTo(500L << 20);
    assertThat(Spool.parseSize("--spool-limit", "1048576")).isEqualTo(1L << 20);
    assertThat(Spool.shownSize(8L << 30)).isEqualTo("8g");
    assertThat(Spool.shownSize(900)).isEqualTo("900 bytes");
    for (String bad : List.of("", "0", "-1", "8x", "g", "99999999999t")) {
      assertThatThrownBy(() -> Spool.parseSize("--spool-limit", bad)).as(bad)
          .isInstanceOfSatisfying(CoronerException.class, e -> assertThat(e.status()).isEqualTo(2));
    }
  }
}
