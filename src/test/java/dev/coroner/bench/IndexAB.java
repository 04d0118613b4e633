package dev.coroner.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The index build alone ({@code dev.coroner.search.IndexCpu#once}: a folder's events, read once
 * into memory, written by the jar's indexer) of two builds in one JVM, alternating, as {@link
 * PassAB} runs the first pass: each jar with its own class loader, which also loads IndexCpu and
 * the test folders' reader from {@code CLASSES} (the compiled test classes, copied alone into a
 * folder). Printed: the process's CPU time and the wall time of each build; the medians of the
 * second half of the rounds. Not a test: run by hand,
 * {@code java -Xmx3g -XX:+UseSerialGC -cp target/test-classes dev.coroner.bench.IndexAB CLASSES OLD.jar NEW.jar ROUNDS FOLDER}.
 */
public final class IndexAB {
  private IndexAB() {}

  public static void main(String[] args) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    URL classes = new File(args[0]).toURI().toURL();
    String[] jars = {args[1], args[2]};
    int rounds = Integer.parseInt(args[3]);
    Method[] once = new Method[2];
    for (int i = 0; i < 2; i++) {
      ClassLoader l = new URLClassLoader(new URL[] {classes, new File(jars[i]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> c = l.loadClass("dev.coroner.search.IndexCpu");
      System.out.printf("%s: %,d events%n", new File(jars[i]).getName(), c.getMethod("load", String.class).invoke(null, args[4]));
      once[i] = c.getMethod("once");
    }
    List<List<Long>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Long>> wall = List.of(new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r <= rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int i = (k + r) % 2;
        System.gc();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long bytes = (Long) once[i].invoke(null);
        long t = System.nanoTime() - t0;
        long c = os.getProcessCpuTime() - c0;
        System.out.printf("round %d %s: cpu %.3f s wall %.3f s index %.1f MB load %.2f%n", r, new File(jars[i]).getName(),
            c / 1e9, t / 1e9, bytes / 1e6, os.getSystemLoadAverage());
        if (r > rounds / 2) {
          cpu.get(i).add(c);
          wall.get(i).add(t);
        }
      }
    }
    double[] mc = new double[2];
    double[] mw = new double[2];
    for (int i = 0; i < 2; i++) {
      mc[i] = median(cpu.get(i));
      mw[i] = median(wall.get(i));
      System.out.printf("%s: median cpu %.3f s, wall %.3f s%n", new File(jars[i]).getName(), mc[i] / 1e9, mw[i] / 1e9);
    }
    System.out.printf("A/B cpu %.2fx, wall %.2fx%n", mc[0] / mc[1], mw[0] / mw[1]);
  }

  private static double median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
