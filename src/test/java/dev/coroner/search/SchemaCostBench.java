package dev.coroner.search;

import dev.coroner.FileTrees;
import dev.coroner.format.Event;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * What each part of {@link IndexSchema} costs the indexer (not a unit test; no timed assertions):
 * the folder's events are read once into memory, then indexed on one thread, once per variant and
 * round, alternating, each variant dropping some fields of {@link EventDocument}'s documents. The
 * CPU time of the indexing thread (merges included: a serial merge scheduler) and the index size
 * are printed; compare the variants of one run.
 *
 * <pre>
 * java -cp target/test-classes dev.coroner.bench.IncidentGenerator /tmp/g30 30 --seed 1 --tz UTC
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.coroner.search.SchemaCostBench /tmp/g30 3 base message text keywords points event
 * </pre>
 *
 * A variant is {@code base} (the documents as built), {@code keywords} (without every keyword
 * field), {@code points} (without the point fields but {@code seq}), or field names joined with
 * {@code +} ({@code message+text}), {@code text-norms} ({@code text} with norms, as index version 5
 * had them) or {@code v5} (index version 5's analysed fields: {@code message} analysed for every
 * record, {@code text} from position 0, both with norms, no message band nor end mark).
 */
public final class SchemaCostBench {
  private static final Set<String> POINTS = Set.of(IndexSchema.TIME, IndexSchema.EARLIEST, IndexSchema.LATEST,
      IndexSchema.LINE, IndexSchema.LAST_LINE);

  private SchemaCostBench() {}

  public static void main(String[] args) throws IOException {
    List<Event> events = Folders.events(Path.of(args[0]));
    int rounds = Integer.parseInt(args[1]);
    List<String> variants = List.of(args).subList(2, args.length);
    System.out.printf(Locale.ROOT, "%,d events%n", events.size());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= rounds; round++) {
      for (String v : variants) {
        Path dir = Files.createTempDirectory("schema-cost");
        long c0 = mx.getCurrentThreadCpuTime();
        index(dir, events, v);
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "round %d  %-20s CPU %6.2f s  index %4d MB%n", round, v, cpu, size(dir) >> 20);
        FileTrees.deleteQuietly(dir);
      }
    }
  }

  private static void index(Path dir, List<Event> events, String variant) throws IOException {
    Set<String> drop = Set.of(variant.split("\\+"));
    IndexWriterConfig cfg = new IndexWriterConfig(IndexSchema.analyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(40).setUseCompoundFile(false)
        .setMergeScheduler(new SerialMergeScheduler());
    try (NIOFSDirectory d = new NIOFSDirectory(dir); IndexWriter w = new IndexWriter(d, cfg)) {
      EventDocument doc = new EventDocument();
      LogTokenStream v5Text = new LogTokenStream();
      LogTokenStream v5Message = new LogTokenStream();
      List<IndexableField> kept = new ArrayList<>(32);
      long seq = 0;
      for (Event e : events) {
        kept.clear();
        for (IndexableField f : doc.fill(e, seq++)) {
          boolean dropped = drop.contains(f.name())
              || drop.contains("keywords") && f.fieldType().indexOptions() == IndexOptions.DOCS
              || drop.contains("points") && POINTS.contains(f.name());
          if (drop.contains("v5") && (f.name().equals(IndexSchema.MESSAGE) || f.name().equals(IndexSchema.MESSAGE_END))) {
            continue;
          } else if (drop.contains("v5") && f.name().equals(IndexSchema.TEXT)) {
            v5Message.setValue(e.message());
            v5Text.setValue(e.text());
            kept.add(new org.apache.lucene.document.TextField(IndexSchema.MESSAGE, v5Message));
            kept.add(new org.apache.lucene.document.TextField(IndexSchema.TEXT, v5Text));
          } else if (drop.contains("text-norms") && f.name().equals(IndexSchema.TEXT)) {
            kept.add(new org.apache.lucene.document.Field(IndexSchema.TEXT, ((org.apache.lucene.document.Field) f).tokenStreamValue(), org.apache.lucene.document.TextField.TYPE_NOT_STORED));
          } else if (!dropped) {
            kept.add(f);
          }
        }
        w.addDocument(kept);
      }
      w.commit();
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
