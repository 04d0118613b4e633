package dev.coroner.bench;

import java.io.File;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Two builds of coroner in one JVM, alternating: each jar gets a class loader of its own (its
 * own classes, statics and JIT profile), and one coroner command runs in process with each in
 * turn, {@code rounds} times after a warm-up round; the medians are of the second half of
 * the rounds (the JIT goes on improving both builds' code over the first few). Per run it measures the process's CPU time
 * (every thread: readers, workers, GC) and wall time, and digests stdout and stderr, so the two
 * builds' outputs are compared byte for byte. Load from other processes falls on both builds
 * alike, which makes the ratio of medians usable on a busy machine where whole-process timings
 * are not. Not a test: run by hand,
 *
 * <pre>
 * mvn -q -B test-compile
 * java -Xmx256m -XX:+UseSerialGC -cp target/test-classes dev.coroner.bench.JarAB OLD.jar NEW.jar 5 \
 *     diagnose FOLDER --format json -o - --tz UTC
 * </pre>
 */
public final class JarAB {
  private JarAB() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: JarAB A.jar B.jar ROUNDS COMMAND ARGS...");
      System.exit(2);
    }
    String[] jars = {args[0], args[1]};
    int rounds = Integer.parseInt(args[2]);
    String[] argv = Arrays.copyOfRange(args, 3, args.length);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("load average %.2f at the start, %d cpus; %s%n", os.getSystemLoadAverage(),
        os.getAvailableProcessors(), String.join(" ", argv));
    Object[] commands = new Object[2];
    Method[] runs = new Method[2];
    ClassLoader[] loaders = new ClassLoader[2];
    for (int i = 0; i < 2; i++) {
      loaders[i] = new URLClassLoader(new URL[] {new File(jars[i]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
      commands[i] = loaders[i].loadClass("dev.coroner.cli.CoronerCommand");
    }
    List<List<Long>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Long>> wall = List.of(new ArrayList<>(), new ArrayList<>());
    String[] digests = new String[2];
    for (int r = 0; r <= rounds; r++) {
      for (int i = 0; i < 2; i++) {
        System.gc();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        digests[i] = run(loaders[i], (Class<?>) commands[i], argv);
        long t = System.nanoTime() - t0;
        long c = os.getProcessCpuTime() - c0;
        System.out.printf("round %d %s: cpu %.3f s wall %.3f s load %.2f%s%n", r, name(jars[i]), c / 1e9, t / 1e9,
            os.getSystemLoadAverage(), r <= rounds / 2 ? " (warm-up)" : "");
        if (r > rounds / 2) {
          cpu.get(i).add(c);
          wall.get(i).add(t);
        }
      }
    }
    System.out.printf("A %s: median cpu %.3f s wall %.3f s%n", name(jars[0]), median(cpu.get(0)) / 1e9, median(wall.get(0)) / 1e9);
    System.out.printf("B %s: median cpu %.3f s wall %.3f s%n", name(jars[1]), median(cpu.get(1)) / 1e9, median(wall.get(1)) / 1e9);
    System.out.printf("A/B: cpu %.2fx wall %.2fx; outputs %s (%s)%n",
        (double) median(cpu.get(0)) / median(cpu.get(1)), (double) median(wall.get(0)) / median(wall.get(1)),
        digests[0].equals(digests[1]) ? "identical" : "DIFFER", digests[0].substring(0, 12));
  }

  private static String name(String jar) {
    return new File(jar).getName();
  }

  private static String run(ClassLoader loader, Class<?> command, String[] argv) throws Exception {
    Thread.currentThread().setContextClassLoader(loader);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    PrintWriter out = new PrintWriter(new OutputStreamWriter(
        new DigestOutputStream(OutputStream.nullOutputStream(), md), StandardCharsets.UTF_8));
    StringWriter err = new StringWriter();
    Object cl = command.getMethod("newCommandLine").invoke(null);
    cl.getClass().getMethod("setOut", PrintWriter.class).invoke(cl, out);
    cl.getClass().getMethod("setErr", PrintWriter.class).invoke(cl, new PrintWriter(err));
    int code = (Integer) cl.getClass().getMethod("execute", String[].class).invoke(cl, (Object) argv);
    out.flush();
    md.update(("\n" + code + "\n--\n" + err).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
