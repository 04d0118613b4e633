package dev.coroner.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * What an index holds per document, field by field: terms, postings (a document in a term's
 * list), positions, and which fields have norms, points or doc values. Not a test.
 *
 * <pre>
 * java -cp target/coroner.jar:target/test-classes dev.coroner.bench.PostingsByField INDEX_DIR
 * </pre>
 */
public final class PostingsByField {
  private PostingsByField() {}

  public static void main(String[] args) throws IOException {
    try (NIOFSDirectory d = new NIOFSDirectory(Path.of(args[0])); DirectoryReader r = DirectoryReader.open(d)) {
      long docs = r.numDocs();
      Map<String, long[]> byField = new TreeMap<>(); // terms, postings, positions
      for (LeafReaderContext leaf : r.leaves()) {
        for (FieldInfo fi : leaf.reader().getFieldInfos()) {
          Terms terms = leaf.reader().terms(fi.name);
          if (terms == null) {
            continue;
          }
          long[] c = byField.computeIfAbsent(fi.name, n -> new long[3]);
          TermsEnum te = terms.iterator();
          while (te.next() != null) {
            c[0]++;
            c[1] += te.docFreq();
            c[2] += fi.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS) >= 0 ? te.totalTermFreq() : te.docFreq();
          }
        }
      }
      FieldInfos all = FieldInfos.getMergedFieldInfos(r);
      System.out.printf(Locale.ROOT, "%,d documents in %d segments%n", docs, r.leaves().size());
      System.out.printf(Locale.ROOT, "%-16s %-32s %12s %14s %9s %14s %9s%n", "field", "options", "terms",
          "postings", "per doc", "positions", "per doc");
      long sumPostings = 0;
      long sumPositions = 0;
      for (Map.Entry<String, long[]> e : byField.entrySet()) {
        long[] c = e.getValue();
        FieldInfo fi = all.fieldInfo(e.getKey());
        String opts = fi.getIndexOptions() + (fi.omitsNorms() ? "" : "+norms")
            + (fi.getPointDimensionCount() > 0 ? "+points" : "") + (fi.getDocValuesType().name().equals("NONE") ? "" : "+dv");
        System.out.printf(Locale.ROOT, "%-16s %-32s %,12d %,14d %9.2f %,14d %9.2f%n", e.getKey(), opts, c[0], c[1],
            (double) c[1] / docs, c[2], (double) c[2] / docs);
        sumPostings += c[1];
        sumPositions += c[2];
      }
      System.out.printf(Locale.ROOT, "%-16s %-32s %12s %,14d %9.2f %,14d %9.2f%n", "all", "", "", sumPostings,
          (double) sumPostings / docs, sumPositions, (double) sumPositions / docs);
      for (FieldInfo fi : all) {
        if (fi.getIndexOptions() == IndexOptions.NONE) {
          long points = 0;
          for (LeafReaderContext leaf : r.leaves()) {
            PointValues pv = fi.getPointDimensionCount() > 0 ? leaf.reader().getPointValues(fi.name) : null;
            points += pv == null ? 0 : pv.size();
          }
          System.out.printf(Locale.ROOT, "%-16s not indexed%s%s%n", fi.name,
              fi.getPointDimensionCount() > 0 ? String.format(Locale.ROOT, ", points (%,d, %.2f per doc)", points, (double) points / docs) : "",
              fi.getDocValuesType().name().equals("NONE") ? "" : ", doc values " + fi.getDocValuesType());
        }
      }
    }
  }
}
