package dev.coroner.cli;

import dev.coroner.format.Event;
import dev.coroner.ingest.Warnings;
import dev.coroner.timeline.EventFilter;
import dev.coroner.timeline.Timeline;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * In-process A/B of the literal gate of {@code timeline --signal/--grep}: the second pass of a
 * folder's timeline read and filtered without the gate and with it, alternating, in one JVM;
 * prints the process CPU time (all threads) and wall time of each, and the events shown (equal).
 *
 * <pre>
 * java -Xmx256m -cp target/test-classes:target/coroner.jar dev.coroner.cli.TimelineGateBench DIR ROUNDS [--signal A,B] [--grep RE]
 * </pre>
 */
public final class TimelineGateBench {
  private TimelineGateBench() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<String> signals = List.of();
    String grep = null;
    for (int i = 2; i < args.length; i += 2) {
      if (args[i].equals("--signal")) {
        signals = Arrays.asList(args[i + 1].split(","));
      } else if (args[i].equals("--grep")) {
        grep = args[i + 1];
      }
    }
    Inputs inputs = Inputs.load(Optional.empty(), ZoneId.of("UTC"));
    EventFilter filter = new EventFilter(Set.of(), Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE,
        Optional.ofNullable(grep).map(EventFilter::compileGrep), signals);
    TimelineCommand.Gated gated = TimelineCommand.Gated.of(inputs.signals(), filter, grep, signals);
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] sum = new double[2];
    for (int r = 0; r < rounds; r++) {
      for (int g = 0; g < 2; g++) {
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        long shown = 0;
        try (Timeline t = inputs.open(dir, false, new Warnings(), g == 0 ? null : gated.annotated())) {
          Predicate<Event> f = g == 0 ? filter : gated.shown();
          while (t.hasNext()) {
            if (f.test(t.next())) {
              shown++;
            }
          }
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        if (r > 0) {
          sum[g] += cpu;
        }
        System.out.printf("round %d %s: %.2f s CPU, %.2f s wall, %d shown%n", r, g == 0 ? "no gate" : "gate   ", cpu, wall, shown);
      }
    }
    System.out.printf("CPU after round 0: no gate %.2f s, gate %.2f s: %.2fx%n", sum[0], sum[1], sum[0] / sum[1]);
  }
}
