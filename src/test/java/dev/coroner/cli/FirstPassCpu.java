package dev.coroner.cli;

import dev.coroner.ingest.Warnings;
import dev.coroner.timeline.Timeline;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The first pass alone ({@code Timeline.open}, then closed), in process CPU and wall time, one
 * of Timeline's boolean switches ({@code unread}, {@code probe}, {@code skim}) off and on in turn, in one JVM;
 * medians of the second half of the rounds. Not a test: run by hand,
 * {@code java -cp target/test-classes:target/coroner.jar dev.coroner.cli.FirstPassCpu ROUNDS FOLDER SWITCH}.
 */
public final class FirstPassCpu {
  private FirstPassCpu() {}

  /** One first pass of {@code folder} with the built-in rules (for {@code dev.coroner.bench.PassAB}, which loads this class beside each jar). */
  public static void once(String folder) {
    Inputs in = Inputs.load(Optional.empty(), ZoneOffset.UTC);
    try (Timeline t = in.open(Path.of(folder), true, new Warnings())) {
      t.inputs();
    }
  }

  public static void main(String[] args) throws ReflectiveOperationException {
    int rounds = Integer.parseInt(args[0]);
    Path folder = Path.of(args[1]);
    java.lang.reflect.Field sw = Timeline.class.getDeclaredField(args[2]);
    sw.setAccessible(true);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Inputs in = Inputs.load(Optional.empty(), ZoneOffset.UTC);
    java.lang.reflect.Field skimmedField = Timeline.class.getDeclaredField("SKIMMED");
    skimmedField.setAccessible(true);
    java.util.concurrent.atomic.AtomicLong skimmed = (java.util.concurrent.atomic.AtomicLong) skimmedField.get(null);
    List<List<Long>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < 2; v++) {
        sw.setBoolean(null, v == 1);
        System.gc();
        long s0 = skimmed.get();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        dev.coroner.signal.Signals anchors = in.signals().subset(dev.coroner.timeline.AnchorSignals.DEFAULT.names());
        boolean bare = Boolean.getBoolean("bare") && v == 0;
        try (Timeline t = bare ? Timeline.open(new dev.coroner.timeline.TimelineRequest(folder, ZoneOffset.UTC, true), in.formats(),
            in.signals()::annotate, e -> e, anchors.fieldsRead(), null, dev.coroner.timeline.AnchorSignals.DEFAULT, new Warnings())
            : in.open(folder, true, new Warnings())) {
          t.inputs();
        }
        long c = os.getProcessCpuTime() - c0;
        long w = System.nanoTime() - t0;
        System.out.printf("round %d %s=%s: cpu %.3f s wall %.3f s load %.2f, %d lines skimmed%n", r, args[2], v == 1, c / 1e9,
            w / 1e9, os.getSystemLoadAverage(), skimmed.get() - s0);
        if (r >= rounds / 2) {
          cpu.get(v).add(c);
        }
      }
    }
    sw.setBoolean(null, true);
    for (int v = 0; v < 2; v++) {
      List<Long> c = cpu.get(v);
      Collections.sort(c);
      System.out.printf("%s=%s: median cpu %.3f s%n", args[2], v == 1, c.get(c.size() / 2) / 1e9);
    }
  }
}
