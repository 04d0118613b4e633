package dev.coroner.search;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.format.Event;
import dev.coroner.report.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NIOFSDirectory;

/** An open index of one folder's timeline: queries, counts, context and lookups by place. */
public final class EventIndex implements AutoCloseable {
  private static final int PAGE = 1000;
  private static final Sort BY_SEQ = new Sort(new SortField(IndexSchema.SEQ, SortField.Type.LONG));
  private static final Sort BY_SCORE = new Sort(SortField.FIELD_SCORE, new SortField(IndexSchema.SEQ, SortField.Type.LONG));
  private final Path dir;
  private final boolean built;
  private final Times times;
  private final FSDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  private EventIndex(Path dir, boolean built, Times times) throws IOException {
    this.dir = dir;
    this.built = built;
    this.times = times;
    // read calls, not mappings: MMapDirectory's set-up (its provider look-up logs through
    // java.util.logging) costs a warm query more than a count saves, and mapped files count in RSS
    this.directory = new NIOFSDirectory(dir);
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
  }

  static EventIndex open(Path dir, boolean built, Times times) {
    try {
      return new EventIndex(dir, built, times);
    } catch (IOException e) {
      throw new CoronerException(ExitStatus.BAD_INPUT.code(), dir + ": cannot open the index (" + e.getMessage()
          + "); delete it to rebuild");
    }
  }

  /** The index in {@code dir}, or empty when no complete one is there (a build was interrupted). */
  static Optional<EventIndex> openIfComplete(Path dir, Times times) {
    try {
      return Optional.of(new EventIndex(dir, false, times));
    } catch (org.apache.lucene.index.IndexNotFoundException | java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CoronerException(ExitStatus.BAD_INPUT.code(), dir + ": cannot open the index (" + e.getMessage()
          + "); delete it to rebuild");
    }
  }

  /**
   * Whether every file of the index matches its checksum (Lucene's footers; reads the whole
   * index, from the page cache when it was used lately). A reused index is verified so that a
   * damaged one is rebuilt instead of answering wrongly.
   */
  boolean verify() {
    try {
      for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
        leaf.reader().checkIntegrity();
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Where the index lives. */
  public Path dir() {
    return dir;
  }

  /** Whether this run built it (false: an unchanged folder's index was reused). */
  public boolean built() {
    return built;
  }

  /** How many events it holds. */
  public long events() {
    return reader.numDocs();
  }

  /** The commit's user data (coroner version, folder, events). */
  public Map<String, String> meta() {
    try {
      return reader.getIndexCommit().getUserData();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a query in Lucene syntax.
   *
   * @throws CoronerException (usage) with a one-line explanation when it is malformed
   */
  public Query parse(String query) {
    if (query.isBlank()) {
      throw CoronerException.usage("empty query (try e.g. 'signal:client.connection-refused' or 'errno:111')");
    }
    try {
      return new EventQueryParser(times).parse(query);
    } catch (ParseException e) {
      throw CoronerException.usage("bad query '" + query + "': " + firstLine(e.getMessage()));
    } catch (IndexSearcher.TooManyClauses e) {
      throw CoronerException.usage("query '" + query + "' expands to too many terms; make the pattern narrower");
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "cannot be parsed";
    }
    String line = s.strip().lines().findFirst().orElse("").strip();
    return line.replaceFirst("^Cannot parse '.*?': ", "");
  }

  /** How many events match. */
  public long count(Query q) {
    try {
      return searcher.count(q);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw CoronerException.usage("the query expands to too many terms; make the pattern narrower");
    }
  }

  /**
   * Streams the hits of {@code q} in the given order, at most {@code limit} of them ({@code 0} for
   * all), page by page so that memory does not grow with the number of hits.
   */
  public void search(Query q, SearchOrder order, long limit, Consumer<Hit> sink) {
    Sort sort = order == SearchOrder.TIME ? BY_SEQ : BY_SCORE;
    long left = limit <= 0 ? Long.MAX_VALUE : limit;
    ScoreDoc after = null;
    try {
      StoredFields stored = searcher.storedFields();
      while (left > 0) {
        int n = (int) Math.min(PAGE, left);
        TopDocs page = searcher.searchAfter(after, q, n, sort, order == SearchOrder.SCORE);
        for (ScoreDoc sd : page.scoreDocs) {
          var doc = stored.document(sd.doc);
          sink.accept(new Hit(IndexSchema.toEvent(doc), IndexSchema.seq(doc), sd.score));
        }
        left -= page.scoreDocs.length;
        if (page.scoreDocs.length < n) {
          return;
        }
        after = page.scoreDocs[page.scoreDocs.length - 1];
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw CoronerException.usage("the query expands to too many terms; make the pattern narrower");
    }
  }

  /** The events at timeline positions {@code from..to} (inclusive), in order. */
  public List<Hit> range(long from, long to) {
    List<Hit> out = new ArrayList<>();
    if (to >= from) {
      search(LongPoint.newRangeQuery(IndexSchema.SEQ, Math.max(0, from), to), SearchOrder.TIME,
          to - Math.max(0, from) + 1, out::add);
    }
    return out;
  }

  /** The event written at {@code file:line} (the record whose lines include it). */
  public Optional<Hit> at(String file, long line) {
    Query q = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexSchema.FILE, KeywordAnalyzer.fold(file))), BooleanClause.Occur.FILTER)
        .add(LongPoint.newRangeQuery(IndexSchema.LINE, Long.MIN_VALUE, line), BooleanClause.Occur.FILTER)
        .add(IndexSchema.longRange(IndexSchema.LAST_LINE, line, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
        .build();
    List<Hit> found = new ArrayList<>();
    search(q, SearchOrder.TIME, 1, found::add);
    return found.stream().findFirst();
  }

  /** Every field name a query can use: the schema's and the captured ones found in this index. */
  /**
   * Whether some event has a key=value pair with this key among the keys that have no field of
   * their own (they are terms {@code key=value} of {@link IndexSchema#FIELDS}).
   */
  public boolean hasKey(String key) {
    org.apache.lucene.util.BytesRef prefix = new org.apache.lucene.util.BytesRef(key + "=");
    try {
      for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
        org.apache.lucene.index.Terms terms = leaf.reader().terms(IndexSchema.FIELDS);
        if (terms == null) {
          continue;
        }
        org.apache.lucene.index.TermsEnum te = terms.iterator();
        if (te.seekCeil(prefix) != org.apache.lucene.index.TermsEnum.SeekStatus.END
            && org.apache.lucene.util.StringHelper.startsWith(te.term(), prefix)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SortedSet<String> fieldNames() {
    SortedSet<String> names = new TreeSet<>(IndexSchema.FIXED_FIELDS);
    for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) {
      if ((fi.getIndexOptions() != IndexOptions.NONE || fi.getPointDimensionCount() > 0) && !IndexSchema.internal(fi.name)) {
        names.add(fi.name);
      }
    }
    return names;
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
