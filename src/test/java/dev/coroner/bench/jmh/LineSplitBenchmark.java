package dev.coroner.bench.jmh;

import dev.coroner.bench.IncidentGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Line splitting, the innermost loop of ingest: scanning a 64 KB byte buffer for {@code '\n'}
 * versus {@code BufferedReader.readLine} (which decodes to chars and allocates a String per
 * line). One operation reads the whole client log of a generated folder (page cache warm); the
 * score is milliseconds per file, so MB/s = file MB / score * 1000 (the file size is printed in
 * setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineSplitBenchmark {
  /** Size of the generated folder in MB (the client log is about two thirds of it). */
  @Param("100")
  public int folderMb;

  private Path dir;
  private Path file;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    dir = Files.createTempDirectory("coroner-jmh");
    IncidentGenerator.generate(dir.resolve("folder"), folderMb * 1_000_000L, 1, ZoneId.of("UTC"),
        dir.resolve("folder.expected.json"));
    file = dir.resolve("folder/autonomous_processing.log");
    System.out.printf("%n# file %s: %.1f MB%n", file, Files.size(file) / 1e6);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Counts lines by scanning bytes; a line split across two buffers is carried over. */
  @Benchmark
  public long byteScan64k() throws IOException {
    long lines = 0;
    long lineBytes = 0;
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    byte[] a = buf.array();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int carry = 0;
      while (true) {
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        int end = buf.position();
        int start = 0;
        for (int i = carry; i < end; i++) {
          if (a[i] == '\n') {
            lines++;
            lineBytes += i - start;
            start = i + 1;
          }
        }
        carry = end - start;
        if (carry == a.length) { // a line longer than the buffer: count it in pieces
          lineBytes += carry;
          carry = 0;
        }
        System.arraycopy(a, start, a, 0, carry);
        buf.position(carry);
      }
      if (carry > 0) {
        lines++;
        lineBytes += carry;
      }
    }
    return lines ^ (lineBytes << 20);
  }

  /** The obvious way: decode UTF-8 and allocate one String per line. */
  @Benchmark
  public long bufferedReaderReadLine() throws IOException {
    long lines = 0;
    long lineChars = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        Files.newInputStream(file), StandardCharsets.UTF_8), 64 * 1024)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines++;
        lineChars += line.length();
      }
    }
    return lines ^ (lineChars << 20);
  }
}
