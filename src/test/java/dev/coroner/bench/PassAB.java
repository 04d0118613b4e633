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
 * The first pass alone ({@code dev.coroner.cli.FirstPassCpu#once}: the timeline opened and
 * closed) of two builds in one JVM, alternating, as {@link JarAB} runs whole commands: each jar
 * with its own class loader, which also loads FirstPassCpu from {@code CLASSES} (the compiled
 * test class, copied alone into a folder). Not a test: run by hand,
 * {@code java -cp target/test-classes dev.coroner.bench.PassAB CLASSES OLD.jar NEW.jar ROUNDS FOLDER}.
 */
public final class PassAB {
  private PassAB() {}

  public static void main(String[] args) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    URL classes = new File(args[0]).toURI().toURL();
    String[] jars = {args[1], args[2]};
    int rounds = Integer.parseInt(args[3]);
    Method[] once = new Method[2];
    for (int i = 0; i < 2; i++) {
      ClassLoader l = new URLClassLoader(new URL[] {new File(jars[i]).toURI().toURL(), classes}, ClassLoader.getPlatformClassLoader());
      once[i] = l.loadClass("dev.coroner.cli.FirstPassCpu").getMethod("once", String.class);
    }
    List<List<Long>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r <= rounds; r++) {
      for (int i = 0; i < 2; i++) {
        System.gc();
        long c0 = os.getProcessCpuTime();
        once[i].invoke(null, args[4]);
        long c = os.getProcessCpuTime() - c0;
        System.out.printf("round %d %s: cpu %.3f s load %.2f%n", r, new File(jars[i]).getName(), c / 1e9, os.getSystemLoadAverage());
        if (r > rounds / 2) {
          cpu.get(i).add(c);
        }
      }
    }
    long[] m = new long[2];
    for (int i = 0; i < 2; i++) {
      List<Long> c = new ArrayList<>(cpu.get(i));
      Collections.sort(c);
      m[i] = c.get(c.size() / 2);
      System.out.printf("%s: median cpu %.3f s%n", new File(jars[i]).getName(), m[i] / 1e9);
    }
    System.out.printf("A/B cpu %.2fx%n", (double) m[0] / m[1]);
  }
}
