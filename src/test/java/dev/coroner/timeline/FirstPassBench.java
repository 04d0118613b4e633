package dev.coroner.timeline;

import dev.coroner.cli.CoronerCommand;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.security.DigestOutputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The first pass with and without the timed-only probe ({@link Timeline#timedOnly}), in one
 * JVM, alternating, on each folder given: {@code timeline --format ndjson} and {@code diagnose
 * --format json}, outputs (stdout and stderr) compared byte for byte, wall and process CPU time
 * per run, medians after a warm-up round. Not a test: run by hand,
 *
 * <pre>
 * mvn -q -B test-compile
 * java -Xmx512m -cp target/test-classes:target/classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *     dev.coroner.timeline.FirstPassBench 5 FOLDER...
 * </pre>
 */
public final class FirstPassBench {
  private FirstPassBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("load average %.2f, %d cpus%n", os.getSystemLoadAverage(), os.getAvailableProcessors());
    for (int a = 1; a < args.length; a++) {
      String folder = args[a];
      for (String cmd : List.of("timeline", "diagnose")) {
        String[] argv = cmd.equals("timeline")
            ? new String[] {"timeline", folder, "--format", "ndjson", "--tz", "UTC"}
            : new String[] {"diagnose", folder, "--format", "json", "-o", "-", "--tz", "UTC"};
        List<Long> wallOld = new ArrayList<>();
        List<Long> wallNew = new ArrayList<>();
        List<Long> cpuOld = new ArrayList<>();
        List<Long> cpuNew = new ArrayList<>();
        String digestOld = null;
        String digestNew = null;
        long skipped = 0;
        for (int r = 0; r <= rounds; r++) {
          for (boolean withProbe : new boolean[] {false, true}) {
            Timeline.probe = withProbe;
            long skippedBefore = Timeline.SKIPPED.get();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            String digest = run(argv);
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            if (withProbe) {
              skipped = Timeline.SKIPPED.get() - skippedBefore;
            }
            if (r == 0) {
              continue; // warm-up
            }
            (withProbe ? wallNew : wallOld).add(wall);
            (withProbe ? cpuNew : cpuOld).add(cpu);
            if (withProbe) {
              digestNew = digest;
            } else {
              digestOld = digest;
            }
          }
        }
        System.out.printf("%s %s: full pass 1 wall %.3f s cpu %.3f s | probe wall %.3f s cpu %.3f s | ratio wall %.2fx cpu %.2fx | pass 1 skipped: %s | outputs %s (%s)%n",
            folder, cmd, median(wallOld) / 1e9, median(cpuOld) / 1e9, median(wallNew) / 1e9, median(cpuNew) / 1e9,
            (double) median(wallOld) / median(wallNew), (double) median(cpuOld) / median(cpuNew),
            skipped > 0 ? "yes" : "no", digestOld.equals(digestNew) ? "identical" : "DIFFER", digestOld.substring(0, 12));
      }
    }
    Timeline.probe = true;
  }

  private static String run(String[] argv) throws Exception {
    // digested as written: a timeline's text is larger than the heap
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    PrintWriter out = new PrintWriter(new OutputStreamWriter(
        new DigestOutputStream(OutputStream.nullOutputStream(), md), StandardCharsets.UTF_8));
    StringWriter err = new StringWriter();
    int code = CoronerCommand.newCommandLine().setOut(out).setErr(new PrintWriter(err)).execute(argv);
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
