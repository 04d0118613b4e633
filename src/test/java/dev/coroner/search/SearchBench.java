package dev.coroner.search;

import dev.coroner.format.Event;
import dev.coroner.format.When;
import dev.coroner.report.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures search on a generated folder (not a unit test; no timed assertions):
 *
 * <pre>
 * python3 src/test/scripts/make-big-folder.py /tmp/big10 10
 * mvn -q -B -o test-compile
 * mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx6g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.coroner.search.SearchBench /tmp/big10 100 /tmp/bench-index
 * </pre>
 *
 * Prints the timeline's own throughput, the indexer's throughput on events already in memory
 * (Lucene's share), the end-to-end build, and warm query latencies on an index made of the
 * folder's events replayed {@code REPEAT} times (times shifted), i.e. about REPEAT × the folder.
 */
public final class SearchBench {
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    int repeat = Integer.parseInt(args[1]);
    Path work = Path.of(args[2]);
    double mb = bytes(folder) / 1e6;
    long t0 = System.nanoTime();
    List<Event> events = Folders.events(folder);
    double timelineS = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "    (process CPU so far %.1f s)%n", cpu() / 1e9);
    report("timeline (read + parse + signals + merge)", mb, timelineS, events.size());

    double indexS = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      Path replay = Files.createDirectories(work.resolve("replay" + round));
      t0 = System.nanoTime();
      long c0 = cpu();
      Indexer.build(replay, events.iterator(), Map.of(), IndexProgress.NONE);
      double s = (System.nanoTime() - t0) / 1e9;
      double c = (cpu() - c0) / 1e9;
      indexS = Math.min(indexS, s);
      report("index build from events in memory, round " + (round + 1), mb, s, events.size());
      System.out.printf(Locale.ROOT, "    CPU %.1f s: %.1f MB per CPU second%n", c, mb / c);
    }
    report("index build end to end (timeline + best index), estimated", mb, timelineS + indexS, events.size());
    if (repeat == 0) {
      return;
    }

    long span = events.get(events.size() - 1).time() - events.get(0).time() + 1000;
    Path big = Files.createDirectories(work.resolve("big"));
    t0 = System.nanoTime();
    Indexer.build(big, cycle(events, repeat, span), Map.of(), IndexProgress.NONE);
    double bigS = (System.nanoTime() - t0) / 1e9;
    report("index build, " + repeat + "x replay", mb * repeat, bigS, (long) events.size() * repeat);
    System.out.printf(Locale.ROOT, "index size: %.0f MB for %.0f MB of logs%n", bytes(big) / 1e6, mb * repeat);

    Times times = new Times(Folders.ZONE);
    String mid = times.iso(events.get(events.size() / 2).time() + span * (repeat / 2));
    String later = times.iso(events.get(events.size() / 2).time() + span * (repeat / 2) + 600_000);
    List<String> queries = List.of("errno:10061", "signal:client.connection-refused AND NOT source:server",
        "\"WinError 10054\"", "NewConnectionError", "time:[" + mid + " TO " + later + "]",
        "level:error AND time:[" + mid + " TO " + later + "]", "message:\"startup complete\"", "source:server");
    try (EventIndex idx = EventIndex.open(big, false, times)) {
      System.out.printf(Locale.ROOT, "%,d documents%n", idx.events());
      for (String q : queries) {
        long[] ns = new long[25];
        long hits = 0;
        for (int i = 0; i < ns.length; i++) {
          long s = System.nanoTime();
          var parsed = idx.parse(q);
          hits = idx.count(parsed);
          int[] n = {0};
          idx.search(parsed, SearchOrder.TIME, 100, h -> n[0]++);
          ns[i] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "query %-70s %,10d hits  median %6.1f ms  (first 100 hits + count; max %.1f ms)%n",
            q.length() > 70 ? q.substring(0, 67) + "..." : q, hits, ns[ns.length / 2] / 1e6, ns[ns.length - 1] / 1e6);
      }
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Iterator<Event> cycle(List<Event> events, int repeat, long span) {
    return new Iterator<>() {
      long i;

      @Override
      public boolean hasNext() {
        return i < (long) events.size() * repeat;
      }

      @Override
      public Event next() {
        Event e = events.get((int) (i % events.size()));
        long shift = span * (i / events.size());
        i++;
        return shift == 0 || !e.hasTime() ? e : e.withTime(new When(e.time() + shift,
            e.earliest() == Event.NO_TIME ? e.earliest() : e.earliest() + shift,
            e.latest() == Event.NO_TIME || e.latest() == Long.MAX_VALUE ? e.latest() : e.latest() + shift, e.timeKind()));
      }
    };
  }

  private static void report(String what, double mb, double s, long events) {
    System.out.printf(Locale.ROOT, "%-58s %8.1f MB %,11d events %7.1f s %7.1f MB/s%n", what, mb, events, s, mb / s);
  }

  private static long bytes(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    long n = 0;
    for (Path p : files) {
      n += Files.size(p);
    }
    return n;
  }
}
