package dev.coroner.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.EventJson;
import dev.coroner.report.EventNdjson;
import dev.coroner.report.Times;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * In-process A/B of the ndjson writer alone: the first N events of a folder's timeline, held in
 * memory, written again and again through the writer chain {@code coroner} writes standard
 * output with (PrintWriter, 64 KiB BufferedWriter, UTF-8) into a sink that counts bytes, by
 * Jackson's generator ({@link EventJson}, the writer before) and by {@link EventNdjson},
 * alternating; prints the CPU time of each round and the bytes (which must be equal).
 *
 * <pre>
 * java -Xmx512m -cp target/test-classes:target/classes dev.coroner.bench.NdjsonWriterBench DIR [EVENTS] [ROUNDS]
 * </pre>
 */
public final class NdjsonWriterBench {
  private NdjsonWriterBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int max = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    ZoneId zone = ZoneId.of("UTC");
    RuleSet rules = RuleSet.load(Optional.empty());
    Formats formats = Formats.load(rules, zone);
    Signals signals = Signals.load(rules);
    Signals anchors = signals.subset(AnchorSignals.DEFAULT.names());
    List<Event> events = new ArrayList<>();
    try (Timeline t = Timeline.open(new TimelineRequest(dir, zone, false), formats, signals::annotate, anchors::annotate,
        anchors.fieldsTested(), AnchorSignals.DEFAULT, new Warnings())) {
      while (t.hasNext() && events.size() < max) {
        events.add(t.next());
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    System.out.printf("%d events; CPU ms per round (jackson / hand-written), bytes%n", events.size());
    double sumOld = 0;
    double sumNew = 0;
    for (int r = 0; r < rounds; r++) {
      long[] bytes = new long[2];
      long t0 = mx.getCurrentThreadCpuTime();
      bytes[0] = jackson(events);
      long t1 = mx.getCurrentThreadCpuTime();
      bytes[1] = handWritten(events);
      long t2 = mx.getCurrentThreadCpuTime();
      double old = (t1 - t0) / 1e6;
      double neu = (t2 - t1) / 1e6;
      if (r >= rounds / 2) {
        sumOld += old;
        sumNew += neu;
      }
      System.out.printf("round %d: %.0f / %.0f ms  (%.2fx)  %d / %d bytes%n", r, old, neu, old / neu, bytes[0], bytes[1]);
    }
    System.out.printf("second half of the rounds: %.0f / %.0f ms = %.2fx%n", sumOld, sumNew, sumOld / sumNew);
  }

  private static PrintWriter sink(long[] count) {
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    };
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8), 1 << 16));
  }

  private static long jackson(List<Event> events) throws IOException {
    long[] n = new long[1];
    PrintWriter out = sink(n);
    Times times = new Times(ZoneId.of("UTC"));
    try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      g.setRootValueSeparator(new SerializedString("\n"));
      for (Event e : events) {
        EventJson.write(g, e, times);
      }
      g.writeRaw('\n');
    }
    out.flush();
    return n[0];
  }

  private static long handWritten(List<Event> events) throws IOException {
    long[] n = new long[1];
    PrintWriter out = sink(n);
    EventNdjson nd = new EventNdjson(out, new Times(ZoneId.of("UTC")));
    for (Event e : events) {
      nd.write(e);
    }
    nd.finish();
    out.flush();
    return n[0];
  }
}
