package dev.coroner.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One format's head reader ({@code Format.Scanner.head}) of two builds over the same lines, in one
 * JVM, alternating, each jar with its own class loader; timed by this thread's CPU time, which
 * leaves out the compiler's threads and other processes' (a whole command under another load
 * moves by more than a per-line change saves). Prints each round and the medians. Not a test: run
 * by hand,
 * {@code java -cp target/test-classes dev.coroner.bench.HeadAB OLD.jar NEW.jar ROUNDS FORMAT FILE [LINES]}
 * (the first LINES lines of FILE, default 1,000,000).
 */
public final class HeadAB {
  private HeadAB() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String[] jars = {args[0], args[1]};
    int rounds = Integer.parseInt(args[2]);
    String format = args[3];
    long max = args.length > 5 ? Long.parseLong(args[5]) : 1_000_000;
    List<String> lines;
    try (Stream<String> s = Files.lines(Path.of(args[4]), StandardCharsets.UTF_8)) {
      lines = s.limit(max).toList();
    }
    Object[] scanners = new Object[2];
    Method[] head = new Method[2];
    for (int i = 0; i < 2; i++) {
      ClassLoader l = new URLClassLoader(new URL[] {new File(jars[i]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> ruleSet = l.loadClass("dev.coroner.rules.RuleSet");
      Object rules = ruleSet.getMethod("load", Optional.class).invoke(null, Optional.empty());
      Class<?> formats = l.loadClass("dev.coroner.format.Formats");
      Object all = formats.getMethod("load", ruleSet, java.time.ZoneId.class).invoke(null, rules, ZoneOffset.UTC);
      Object f = formats.getMethod("get", String.class).invoke(all, format);
      scanners[i] = f.getClass().getMethod("scanner").invoke(f);
      head[i] = scanners[i].getClass().getMethod("head", String.class);
      head[i].setAccessible(true);
    }
    List<List<Long>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
    long[] heads = new long[2];
    for (int r = 0; r <= rounds; r++) {
      for (int i = 0; i < 2; i++) {
        long n = 0;
        long c0 = threads.getCurrentThreadCpuTime();
        for (String line : lines) {
          if (head[i].invoke(scanners[i], line) != null) {
            n++;
          }
        }
        long c = threads.getCurrentThreadCpuTime() - c0;
        heads[i] = n;
        System.out.printf("round %d %s: cpu %.3f s, %d heads of %d lines%n", r, new File(jars[i]).getName(), c / 1e9, n, lines.size());
        if (r > 0) {
          cpu.get(i).add(c); // round 0 warms both
        }
      }
    }
    long[] med = new long[2];
    for (int i = 0; i < 2; i++) {
      List<Long> c = new ArrayList<>(cpu.get(i));
      Collections.sort(c);
      med[i] = c.get(c.size() / 2);
      System.out.printf("%s %s: median cpu %.3f s%n", i == 0 ? "A" : "B", new File(jars[i]).getName(), med[i] / 1e9);
    }
    System.out.printf("A/B: cpu %.2fx; heads %s%n", (double) med[0] / med[1], heads[0] == heads[1] ? "the same count" : "DIFFER");
  }
}
