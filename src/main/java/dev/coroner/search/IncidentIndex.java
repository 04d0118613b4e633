package dev.coroner.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.report.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The incidents of a folder of reports ({@code coroner diagnose --format json} documents, found
 * recursively as {@code *.json}), searchable, so that earlier incidents of the same kind can be
 * found. Reports folders are small: the index is built in memory on every use. Fields: {@code
 * classification cause rule signal folder report} (keywords), {@code start} (time), {@code text}
 * (summary, evidence and recommendations; the default field).
 */
public final class IncidentIndex implements AutoCloseable {
  /** One incident found in a report. */
  public record Found(String report, String folder, int number, String classification, String cause,
      String rule, double confidence, String start, String summary, float score) {}

  private static final int MAX_FILES = 10_000;
  /** A report larger than this is skipped with a warning (a diagnosis report is a few KB to a few MB). */
  static final long MAX_REPORT_BYTES = 16L << 20;
  private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final Times times;
  private final List<String> warnings = new ArrayList<>();
  private int reportsRead;

  private IncidentIndex(Path reports, Times times) throws IOException {
    this.times = times;
    ObjectMapper json = new ObjectMapper();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer()));
        Stream<Path> files = Files.walk(reports, 8)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted()
          .limit(MAX_FILES).toList();
      for (Path p : list) {
        String rel = reports.relativize(p).toString().replace('\\', '/');
        JsonNode doc;
        try {
          if (Files.size(p) > MAX_REPORT_BYTES) {
            warnings.add(rel + ": larger than " + (MAX_REPORT_BYTES >> 20) + " MB, not a diagnosis report; skipped");
            continue;
          }
          doc = json.readTree(p.toFile());
        } catch (IOException e) {
          warnings.add(rel + ": not JSON; skipped");
          continue;
        }
        if (doc == null || !doc.path("incidents").isArray()) {
          continue; // not a diagnosis report
        }
        reportsRead++;
        int n = 0;
        for (JsonNode i : doc.path("incidents")) {
          w.addDocument(document(rel, doc.path("folder").asText(), ++n, i));
        }
      }
      w.commit();
    }
    this.reader = DirectoryReader.open(dir);
  }

  /** How many diagnosis reports (JSON documents with an incidents array) were read. */
  public int reportsRead() {
    return reportsRead;
  }

  /** Reads every report under {@code reports}. */
  public static IncidentIndex open(Path reports, Times times) {
    if (!Files.isDirectory(reports)) {
      throw CoronerException.badInput(reports + ": not a folder of reports");
    }
    try {
      return new IncidentIndex(reports, times);
    } catch (IOException e) {
      throw new CoronerException(ExitStatus.BAD_INPUT.code(), reports + ": cannot be read: " + e.getMessage());
    }
  }

  static Analyzer analyzer() {
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of("text", new LogTextAnalyzer()));
  }

  private Document document(String report, String folder, int number, JsonNode i) {
    Document d = new Document();
    keyword(d, "report", report);
    keyword(d, "folder", folder);
    keyword(d, "classification", i.path("classification").asText());
    keyword(d, "cause", i.path("cause").asText());
    keyword(d, "rule", i.path("rule").asText());
    d.add(new StoredField("number", number));
    d.add(new StoredField("confidence", i.path("confidence").asDouble()));
    String start = i.path("start").asText();
    d.add(new StoredField("start", start));
    try {
      d.add(new LongPoint("time", times.parse(start)));
    } catch (IllegalArgumentException e) {
      // an incident without a readable start is still found by its text
    }
    d.add(new StoredField("summary", i.path("summary").asText()));
    StringBuilder text = new StringBuilder(i.path("summary").asText());
    for (JsonNode e : i.path("evidence")) {
      if (!e.path("signal").asText().isEmpty()) {
        keyword(d, "signal", e.path("signal").asText());
      }
      text.append('\n').append(e.path("text").asText());
    }
    for (JsonNode r : i.path("recommendations")) {
      text.append('\n').append(r.asText());
    }
    d.add(new TextField("text", text.toString(), Field.Store.NO));
    return d;
  }

  private static void keyword(Document d, String name, String value) {
    if (value.length() > IndexSchema.MAX_KEYWORD_CHARS) {
      value = value.substring(0, IndexSchema.MAX_KEYWORD_CHARS); // Lucene refuses a term over 32 KB
    }
    d.add(new StringField(name, KeywordAnalyzer.fold(value), Field.Store.NO));
    d.add(new StoredField(name, value));
  }

  /** Reports that could not be read. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Incidents matching a query, best first. */
  public List<Found> search(String query, int limit) {
    return run(parse(query), limit);
  }

  /** How many incidents match a query, all of them (not capped by a limit). */
  public long count(String query) {
    try {
      return new org.apache.lucene.search.IndexSearcher(reader).count(parse(query));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Query parse(String query) {
    EventQueryParser p = new EventQueryParser(times);
    Query q;
    try {
      q = new org.apache.lucene.queryparser.classic.QueryParser("text", analyzer()) {
        @Override
        protected Query getRangeQuery(String field, String a, String b, boolean si, boolean ei) throws ParseException {
          return field.equals("time") ? p.timeRange(field, a, b, si, ei) : super.getRangeQuery(field, a, b, si, ei);
        }
      }.parse(query);
    } catch (ParseException e) {
      throw CoronerException.usage("bad query '" + query + "': " + e.getMessage().lines().findFirst().orElse(""));
    }
    return q;
  }

  /** Earlier incidents of the same classification and cause: for a report's "Seen before". */
  public List<Found> similar(String classification, String cause, int limit) {
    Query q = new BooleanQuery.Builder()
        .add(new TermQuery(new Term("classification", KeywordAnalyzer.fold(classification))), BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term("cause", KeywordAnalyzer.fold(cause))), BooleanClause.Occur.SHOULD)
        .build();
    return run(q, limit);
  }

  private List<Found> run(Query q, int limit) {
    try {
      IndexSearcher s = new IndexSearcher(reader);
      StoredFields stored = s.storedFields();
      List<Found> out = new ArrayList<>();
      for (ScoreDoc sd : s.search(q, Math.max(1, limit)).scoreDocs) {
        Document d = stored.document(sd.doc);
        out.add(new Found(d.get("report"), d.get("folder"), d.getField("number").numericValue().intValue(),
            d.get("classification"), d.get("cause"), d.get("rule"), d.getField("confidence").numericValue().doubleValue(),
            d.get("start"), d.get("summary"), sd.score));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw CoronerException.usage("the query expands to too many terms; make the pattern narrower");
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
