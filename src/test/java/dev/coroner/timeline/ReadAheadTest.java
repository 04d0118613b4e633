package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.format.Format;
import dev.coroner.format.Formats;
import dev.coroner.format.Source;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A log read ahead on another thread gives the records a plain reader gives, in order. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadAheadTest {
  private static final Formats FORMATS = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);
  @TempDir Path dir;

  private LogFile log() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5_000; i++) { // ten batches and more, with multi-line records among them
      sb.append(String.format("2026-11-27 10:%02d:%02d,%03d - client - INFO - poll %d%n", i / 60 % 60, i % 60, i % 1000, i));
      if (i % 97 == 0) {
        sb.append("Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: ").append(i).append('\n');
      }
    }
    Path f = dir.resolve("client.log");
    Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
    return new LogFile("client.log", List.of(new LogFile.Part(f, "client.log", false, Files.size(f), Files.getLastModifiedTime(f).toMillis())));
  }

  private static EventReader reader(LogFile log) throws IOException {
    List<String> sample = Files.readAllLines(log.parts().get(0).path()).subList(0, 50);
    List<Format> formats = FORMATS.detect(sample);
    return new EventReader(log, formats, Source.CLIENT, new Warnings());
  }

  private static String show(Event e) {
    return e.ref() + "-" + e.lastLine() + " " + e.time() + " " + e.ordinal() + " " + e.text();
  }

  @Test
  void sameRecordsInTheSameOrderAndTheSameCounts() throws IOException {
    LogFile log = log();
    List<String> plain = new ArrayList<>();
    EventReader p = reader(log);
    while (p.hasNext()) {
      plain.add(show(p.next()));
    }
    p.close();
    List<String> ahead = new ArrayList<>();
    EventReader inner = reader(log);
    try (ReadAhead a = ReadAhead.reading(inner, "client.log")) {
      while (a.hasNext()) {
        ahead.add(show(a.next()));
      }
      assertThat(a.hasNext()).isFalse();
      // the end was handed over after the reader finished its counts
      assertThat(inner.stats()).isEqualTo(p.stats());
    }
    // read by hand off the writer above: 5,000 poll records, each traceback continues one
    assertThat(plain).hasSize(5_000);
    assertThat(ahead).isEqualTo(plain);
  }

  @Test
  void closingEarlyStopsTheReaderThreadAndClosesTheReader() throws IOException, InterruptedException {
    LogFile log = log();
    EventReader reader = reader(log);
    AtomicInteger pulled = new AtomicInteger();
    CountDownLatch readerClosed = new CountDownLatch(1);
    String name = "read early-close " + System.nanoTime();
    // as ReadAhead.reading wires it, with the records pulled and the close counted
    ReadAhead a = new ReadAhead(() -> {
      if (!reader.hasNext()) {
        return null;
      }
      pulled.incrementAndGet();
      return reader.next();
    }, () -> {
      reader.close();
      readerClosed.countDown();
    }, 2, name);
    for (int i = 0; i < 10; i++) {
      assertThat(a.next().ordinal()).isEqualTo(i);
    }
    Thread thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("coroner-" + name))
        .findFirst().orElseThrow(() -> new AssertionError("no thread coroner-" + name));
    a.close();
    thread.join(10_000);
    assertThat(thread.isAlive()).as("the read-ahead thread 10 s after close").isFalse();
    assertThat(readerClosed.await(0, TimeUnit.SECONDS)).as("the reader was closed by its thread").isTrue();
    // it stopped, rather than reading on to the end: at most the two queued batches, the one it
    // was filling and the one it was offering when it saw the close (512 records each)
    assertThat(pulled.get()).isLessThanOrEqualTo(4 * 512).isLessThan(5_000);
    assertThat(a.hasNext()).as("a closed read-ahead has no more records").isFalse();
  }
}
