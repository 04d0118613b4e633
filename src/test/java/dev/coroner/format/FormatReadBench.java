package dev.coroner.format;

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
 * A bench command, not a test: the CPU time of reading every record of a folder (lines decoded,
 * heads read, fields extracted: {@link EventReader} as diagnose runs it) with the bundled
 * formats' hand-written readers ({@link FastPaths}) and without them ({@link Formats#regexOnly}),
 * alternating in one JVM, on one thread. Both readings must give equal records (their hashes
 * are compared every round).
 *
 * <pre>
 * mvn -q -B test-compile
 * java -cp target/test-classes:target/classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *     dev.coroner.format.FormatReadBench FOLDER [ROUNDS]
 * </pre>
 *
 * Prints each round's thread CPU time of both, then the medians of the rounds after the first
 * (JIT warm-up) and their ratio.
 */
public final class FormatReadBench {
  private FormatReadBench() {}

  private record Input(LogFile file, List<Format> fast, List<Format> regex, Source source) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: FormatReadBench FOLDER [ROUNDS]");
      System.exit(2);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Formats fast = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);
    Formats regex = fast.regexOnly();
    List<Input> inputs = new ArrayList<>();
    for (LogFile f : FolderScanner.scan(Path.of(args[0]), new Warnings())) {
      List<String> sample = new ArrayList<>();
      try (LineReader r = LineReader.open(f.parts().get(0), new Warnings())) {
        String line;
        while (sample.size() < 200 && (line = r.next()) != null) {
          if (!line.isBlank()) {
            sample.add(line);
          }
        }
      }
      List<Format> fs = fast.detect(sample);
      inputs.add(new Input(f, fs, fs.stream().map(x -> regex.get(x.id())).toList(), fast.sourceOf(fs, f.name())));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] cpu = new double[2][rounds];
    long records = 0;
    for (int round = 0; round < rounds; round++) {
      long[] hash = new long[2];
      for (int i = 0; i < 2; i++) {
        int k = (round + i) % 2; // alternate which goes first
        long t0 = mx.getCurrentThreadCpuTime();
        long n = 0;
        long h = 0;
        for (Input in : inputs) {
          try (EventReader r = new EventReader(in.file(), k == 0 ? in.regex() : in.fast(), in.source(), new Warnings())) {
            while (r.hasNext()) {
              h = h * 31 + r.next().hashCode();
              n++;
            }
          }
        }
        cpu[k][round] = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        hash[k] = h;
        records = n;
      }
      if (hash[0] != hash[1]) {
        throw new IllegalStateException("the readings with and without the fast paths differ");
      }
      System.out.printf("round %d: regex only %.3f s, fast paths %.3f s CPU%n", round, cpu[0][round], cpu[1][round]);
    }
    double a = median(Arrays.copyOfRange(cpu[0], 1, rounds));
    double b = median(Arrays.copyOfRange(cpu[1], 1, rounds));
    System.out.printf("%d records; median of rounds 1..%d: regex only %.3f s, fast paths %.3f s, ratio %.2fx%n",
        records, rounds - 1, a, b, a / b);
  }

  private static double median(double[] xs) {
    Arrays.sort(xs);
    return xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  }
}
