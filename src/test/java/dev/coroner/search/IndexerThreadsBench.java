package dev.coroner.search;

import dev.coroner.FileTrees;
import dev.coroner.format.Event;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether more threads adding documents pay (not a unit test; no timed assertions): a folder's
 * events are read once into memory, then {@link Indexer#build} writes them with 1, 2, ... worker
 * threads, alternating, rotated each round. Printed: wall time and the process's CPU time (the
 * workers, Lucene's merges and the collector) per build. The timeline's reading is not in it.
 *
 * <pre>
 * java -Xmx2g -XX:+UseSerialGC -cp target/coroner.jar:target/test-classes \
 *     dev.coroner.search.IndexerThreadsBench /tmp/g30 4 1 2 3
 * </pre>
 */
public final class IndexerThreadsBench {
  private IndexerThreadsBench() {}

  public static void main(String[] args) throws IOException {
    List<Event> events = Folders.events(Path.of(args[0]));
    int rounds = Integer.parseInt(args[1]);
    int[] workers = List.of(args).subList(2, args.length).stream().mapToInt(Integer::parseInt).toArray();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(Locale.ROOT, "%,d events; heap %d MB%n", events.size(), Runtime.getRuntime().maxMemory() >> 20);
    for (int round = 1; round <= rounds; round++) {
      for (int k = 0; k < workers.length; k++) {
        int w = workers[(k + round) % workers.length];
        Path dir = Files.createTempDirectory("index-threads");
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Indexer.build(dir, events.iterator(), Map.of(), IndexProgress.NONE, w);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "round %d  workers %d  wall %6.2f s  CPU %6.2f s  load %.1f%n", round, w, wall, cpu,
            os.getSystemLoadAverage());
        FileTrees.deleteQuietly(dir);
      }
    }
  }
}
