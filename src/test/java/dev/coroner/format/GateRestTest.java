package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first pass's test of what a record may carry ({@link EventReader#wanting}) is asked only
 * while it pays: after a window in which it left (almost) nothing unread, it rests, and those
 * records are read whole; a test that leaves records unread is asked of every record. The
 * records are the real reader's of a real python-logging log; the test is a counting one.
 */
class GateRestTest {
  private static final Formats FORMATS = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);
  private static final int RECORDS = 140_000;

  @Test
  void aTestThatWantsEveryRecordRestsAfterEachWindow(@TempDir Path dir) throws IOException {
    LogFile f = log(dir);
    AtomicLong asked = new AtomicLong();
    List<Event> gated = read(f, wanting(asked, true));
    // asked of records 1-4096, resting 4097-69632, asked 69633-73728, resting 73729-139264, asked 139265-140000
    assertThat(asked.get()).isEqualTo(EventReader.GATE_WINDOW * 2 + (RECORDS - 2 * (EventReader.GATE_WINDOW + EventReader.GATE_REST)));
    assertThat(gated).hasSize(RECORDS).noneMatch(Event::fieldsUnread);
    assertThat(gated).isEqualTo(read(f, null));
  }

  @Test
  void aTestThatLeavesRecordsUnreadIsAskedOfEach(@TempDir Path dir) throws IOException {
    LogFile f = log(dir);
    AtomicLong asked = new AtomicLong();
    List<Event> gated = read(f, wanting(asked, false));
    assertThat(asked.get()).isEqualTo(RECORDS);
    assertThat(gated).hasSize(RECORDS).allMatch(Event::fieldsUnread);
  }

  @Test
  void aTestThatPaysInSomeWindowsOnlyIsAskedAgainAfterEachRest(@TempDir Path dir) throws IOException {
    LogFile f = log(dir);
    AtomicLong asked = new AtomicLong();
    // unread: one record in 17 (fewer than one in 16: it rests after its first window)
    List<Event> gated = read(f, (fields) -> new Wanted(fields, () -> (side, level, fs, body) -> {
      asked.incrementAndGet();
      return !body.endsWith(" 16");
    }));
    assertThat(asked.get()).isEqualTo(EventReader.GATE_WINDOW * 2 + (RECORDS - 2 * (EventReader.GATE_WINDOW + EventReader.GATE_REST)));
    assertThat(gated.stream().filter(Event::fieldsUnread).count()).isPositive();
    List<Event> whole = read(f, null);
    for (int i = 0; i < RECORDS; i++) {
      Event g = gated.get(i);
      Event w = whole.get(i);
      if (g.fieldsUnread()) {
        assertThat(g.body()).endsWith(" 16");
        assertThat(g.withSignals(w.signals(), w.fields())).isEqualTo(w);
      } else {
        assertThat(g).isEqualTo(w);
      }
    }
  }

  private interface Gate {
    Wanted of(Set<String> fields);
  }

  private static Gate wanting(AtomicLong asked, boolean answer) {
    return fields -> new Wanted(fields, () -> (side, level, fs, body) -> {
      asked.incrementAndGet();
      return answer;
    });
  }

  private static LogFile log(Path dir) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < RECORDS; i++) {
      s.append(String.format("2025-06-13 08:%02d:%02d,%03d - KortanaAutonomous - INFO - Fetched goals %d%n",
          (i / 60_000) % 60, (i / 1000) % 60, i % 1000, i % 17));
    }
    Files.writeString(dir.resolve("client.log"), s, StandardCharsets.UTF_8);
    return FolderScanner.scan(dir, new Warnings()).get(0);
  }

  private static List<Event> read(LogFile f, Gate gate) {
    List<String> sample = new ArrayList<>();
    try (LineReader r = LineReader.open(f.parts().get(0), new Warnings())) {
      while (sample.size() < 200 && r.hasNext()) {
        sample.add(r.next());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Format> fs = FORMATS.detect(sample);
    List<Event> out = new ArrayList<>(RECORDS);
    // the field no format extracts: the test alone decides
    try (EventReader r = new EventReader(f, fs, FORMATS.sourceOf(fs, f.name()), new Warnings())
        .wanting(gate == null ? null : gate.of(Set.of("no-such-field")))) {
      r.forEachRemaining(out::add);
    }
    return out;
  }
}
