package dev.coroner.format;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What a format's head reader costs per line, called directly (no reflection, unlike {@code
 * dev.coroner.bench.HeadAB}), beside two of its parts alone: the time's parse and the message's
 * copy. Thread CPU per line, each round printed. Not a test: run by hand, with the launcher's JIT
 * options for numbers that mean what a run's do,
 * {@code java -XX:+UseSerialGC -XX:InlineSmallCode=1000 -XX:FreqInlineSize=100 -cp target/coroner.jar:target/test-classes dev.coroner.format.HeadCost FILE [ROUNDS]}
 * (FILE: a log of Python logging's default layout; its first 1,000,000 lines).
 */
public final class HeadCost {
  private HeadCost() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    lines = lines.subList(0, Math.min(1_000_000, lines.size()));
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    Formats all = Formats.load(dev.coroner.rules.RuleSet.load(Optional.empty()), ZoneOffset.UTC);
    Format.Scanner sc = all.get("python-logging").scanner();
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    int n = lines.size();
    for (int r = 0; r < rounds; r++) {
      long c0 = tb.getCurrentThreadCpuTime();
      long heads = 0;
      for (String s : lines) {
        heads += sc.head(s) != null ? 1 : 0;
      }
      long c1 = tb.getCurrentThreadCpuTime();
      long sum = 0;
      for (String s : lines) {
        sum += s.length() > 26 ? sc.timestamps().parse(s, 0, 23) : 0;
      }
      long c2 = tb.getCurrentThreadCpuTime();
      for (String s : lines) {
        sum += s.length() > 60 ? s.substring(53).length() : 0;
      }
      long c3 = tb.getCurrentThreadCpuTime();
      System.out.printf("round %d: head %d ns a line (%d heads of %d lines), time alone %d ns, message copy alone %d ns (%d)%n",
          r, (c1 - c0) / n, heads, n, (c2 - c1) / n, (c3 - c2) / n, sum % 10);
    }
  }
}
