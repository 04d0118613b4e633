package dev.coroner.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.report.EventJson;
import dev.coroner.report.EventText;
import dev.coroner.report.Times;
import dev.coroner.search.EventIndex;
import dev.coroner.search.Highlights;
import dev.coroner.search.Hit;
import dev.coroner.search.SearchOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.search.Query;

/** Writes search hits as text (grep-like, with context) or as one JSON document. */
final class SearchOutput {
  private static final String BOLD = "\u001b[1m";
  private static final String PLAIN = "\u001b[0m";
  private final EventIndex idx;
  private final EventText text;
  private final Times times;
  private final int context;
  private final SearchOrder order;
  private final PrintWriter out;
  private final boolean bold;

  SearchOutput(EventIndex idx, Times times, int context, SearchOrder order, PrintWriter out, boolean bold) {
    this.idx = idx;
    this.text = new EventText(times);
    this.times = times;
    this.context = context;
    this.order = order;
    this.out = out;
    this.bold = bold;
  }

  /**
   * One line per hit; with context, the hit is marked {@code >} and groups that do not touch are
   * separated by {@code --}, like grep.
   */
  void text(Query q, long limit) {
    Highlights marks = bold ? Highlights.of(q) : null;
    long[] last = {-2};
    idx.search(q, order, limit, hit -> {
      if (context == 0) {
        out.println(line(hit, marks));
        return;
      }
      long from = hit.seq() - context;
      boolean merged = order == SearchOrder.TIME && from <= last[0] + 1;
      if (last[0] >= -1 && !merged) {
        out.println("--");
      }
      long start = merged ? Math.max(from, last[0] + 1) : from;
      for (Hit h : idx.range(start, hit.seq() + context)) {
        out.println((h.seq() == hit.seq() ? "> " : "  ") + line(h, h.seq() == hit.seq() ? marks : null));
      }
      last[0] = Math.max(last[0], hit.seq() + context);
    });
    out.flush();
  }

  private String line(Hit h, Highlights marks) {
    String s = text.line(h.event());
    return marks == null ? s : marks.mark(s, BOLD, PLAIN);
  }

  /** @param folder the folder as given, or the cluster and index the documents were read from */
  void json(String folder, String query, Query q, long limit, long total, List<String> warnings) {
    try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 1);
      g.writeStringField("folder", folder.replace('\\', '/'));
      g.writeStringField("timezone", times.zoneName());
      g.writeStringField("query", query);
      g.writeNumberField("total", total);
      g.writeArrayFieldStart("hits");
      idx.search(q, order, limit, hit -> {
        try {
          g.writeStartObject();
          g.writeNumberField("seq", hit.seq());
          if (order == SearchOrder.SCORE) {
            g.writeNumberField("score", hit.score());
          }
          g.writeFieldName("event");
          EventJson.write(g, hit.event(), times);
          if (context > 0) {
            g.writeArrayFieldStart("context");
            for (Hit h : idx.range(hit.seq() - context, hit.seq() + context)) {
              if (h.seq() != hit.seq()) {
                g.writeStartObject();
                g.writeNumberField("seq", h.seq());
                g.writeFieldName("event");
                EventJson.write(g, h.event(), times);
                g.writeEndObject();
              }
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      g.writeEndArray();
      g.writeFieldName("warnings");
      g.writeArray(warnings.toArray(new String[0]), 0, warnings.size());
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
