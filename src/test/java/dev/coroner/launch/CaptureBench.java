package dev.coroner.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the launcher's capture throughput with a chatty child (not a unit test; no timed
 * assertions): a python child writes {@code MB} megabytes of 100-byte lines to stdout as fast as
 * the pipe takes them, and the time from spawn to the end of the capture (both streams drained,
 * log closed) gives MB/s of child output. The child writes in 64 KiB chunks, so it is never the
 * bottleneck (it alone reaches several GB/s into {@code /dev/null}).
 *
 * <pre>
 * mvn -q -B -o test-compile
 * mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.coroner.launch.CaptureBench 200 5
 * </pre>
 */
public final class CaptureBench {
  private CaptureBench() {}

  public static void main(String[] args) throws Exception {
    int mb = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("coroner-capture-bench");
    String python = System.getProperty("coroner.python", "/usr/bin/python3");
    String script = "import sys\n"
        + "line = b'x' * 99 + b'\\n'\n"
        + "chunk = line * 655\n" // 65,500 bytes
        + "total = " + mb + " * 1000 * 1000\n"
        + "out = sys.stdout.buffer\n"
        + "n = 0\n"
        + "while n < total:\n"
        + "    out.write(chunk)\n"
        + "    n += len(chunk)\n"
        + "out.flush()\n";
    List<Double> rates = new ArrayList<>();
    LogStamp stamp = new LogStamp(Clock.systemDefaultZone());
    for (int r = 0; r < runs; r++) {
      Path file = dir.resolve("run" + r + ".log");
      long t0 = System.nanoTime();
      try (LineLog log = LineLog.open(file, LineLog.Durability.BATCHED, m -> System.err.println("warning: " + m))) {
        Child c = Child.spawn(List.of(python, "-c", script), dir, Map.of(), log, stamp, (s, l) -> { }, "bench", true);
        c.process().waitFor();
        c.drain(600_000);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      long bytes = Files.size(file);
      double rate = mb / s;
      rates.add(rate);
      System.out.printf(Locale.ROOT, "run %d: %d MB of child output in %.2f s = %.1f MB/s (log %.1f MB)%n",
          r + 1, mb, s, rate, bytes / 1e6);
      Files.delete(file);
    }
    Collections.sort(rates);
    System.out.printf(Locale.ROOT, "median %.1f MB/s over %d runs of %d MB%n", rates.get(rates.size() / 2), runs, mb);
    Files.deleteIfExists(dir);
  }
}
