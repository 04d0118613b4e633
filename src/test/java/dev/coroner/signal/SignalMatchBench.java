package dev.coroner.signal;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.format.Format;
import dev.coroner.format.Formats;
import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A bench command, not a test: the CPU time of matching the bundled signals on every record of a
 * folder, with the literal-first gate and without it (each signal tested on every record of its
 * side), alternating in one JVM after the records are read into memory. The memo of
 * {@link Signals#annotate} is bypassed, so repeated lines cost what new ones do.
 *
 * <pre>
 * mvn -q -B test-compile
 * java -Xmx2g -cp target/test-classes:target/classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *     dev.coroner.signal.SignalMatchBench FOLDER [ROUNDS]
 * </pre>
 *
 * Prints each round's thread CPU time of both, then the medians of the rounds after the first
 * (JIT warm-up) and their ratio. Use a folder of a few tens of MB: its records are held in memory.
 */
public final class SignalMatchBench {
  private SignalMatchBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: SignalMatchBench FOLDER [ROUNDS]");
      System.exit(2);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    RuleSet rules = RuleSet.load(Optional.empty());
    Formats formats = Formats.load(rules, ZoneOffset.UTC);
    Signals gated = Signals.load(rules);
    Signals ungated = gated.ungated();
    List<Event> events = new ArrayList<>();
    for (LogFile f : FolderScanner.scan(Path.of(args[0]), new Warnings())) {
      List<String> sample = new ArrayList<>();
      try (LineReader r = LineReader.open(f.parts().get(0), new Warnings())) {
        while (sample.size() < 200 && r.hasNext()) {
          String line = r.next();
          if (!line.isBlank()) {
            sample.add(line);
          }
        }
      }
      List<Format> fs = formats.detect(sample);
      try (EventReader r = new EventReader(f, fs, formats.sourceOf(fs, f.name()), new Warnings())) {
        while (r.hasNext()) {
          events.add(r.next());
        }
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] cpu = new double[2][rounds];
    long carrying = 0;
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < 2; k++) {
        Signals s = k == 0 ? ungated : gated;
        long t0 = mx.getCurrentThreadCpuTime();
        long n = 0;
        for (Event e : events) {
          n += s.match(e).signals().size();
        }
        cpu[k][round] = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        if (round == 0 && k == 0) {
          carrying = n;
        } else if (n != carrying) {
          throw new IllegalStateException("gated and ungated disagree: " + n + " signals against " + carrying);
        }
      }
      System.out.printf("round %d: ungated %.3f s, gated %.3f s CPU%n", round, cpu[0][round], cpu[1][round]);
    }
    double u = median(Arrays.copyOfRange(cpu[0], 1, rounds));
    double g = median(Arrays.copyOfRange(cpu[1], 1, rounds));
    System.out.printf("%d records, %d signals carried; median of rounds 1..%d: ungated %.3f s, gated %.3f s, ratio %.2fx%n",
        events.size(), carrying, rounds - 1, u, g, u / g);
  }

  private static double median(double[] xs) {
    Arrays.sort(xs);
    return xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  }
}
