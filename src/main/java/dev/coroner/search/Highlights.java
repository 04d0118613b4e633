package dev.coroner.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Marks the words a query looks for in a line of output: the line is split by the same analyser
 * that indexed the text, and every token equal to a queried text term is wrapped.
 */
public final class Highlights {
  private final Set<String> terms;
  private final Analyzer analyzer = new LogTextAnalyzer();

  private Highlights(Set<String> terms) {
    this.terms = terms;
  }

  /** The text terms of {@code q} (positive or not: a user looking for a word wants to see it). */
  public static Highlights of(Query q) {
    Set<String> terms = new HashSet<>();
    q.visit(new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        return IndexSchema.TEXT_FIELDS.contains(field);
      }

      @Override
      public void consumeTerms(Query query, Term... ts) {
        for (Term t : ts) {
          if (IndexSchema.TEXT_FIELDS.contains(t.field())) {
            terms.add(t.text());
          }
        }
      }

      @Override
      public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
        return this;
      }
    });
    return new Highlights(terms);
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** {@code line} with each queried word between {@code on} and {@code off}. */
  public String mark(String line, String on, String off) {
    if (terms.isEmpty()) {
      return line;
    }
    StringBuilder sb = new StringBuilder(line.length() + 16);
    int done = 0;
    try (TokenStream ts = analyzer.tokenStream(IndexSchema.TEXT, line)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute off2 = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (terms.contains(term.toString())) {
          sb.append(line, done, off2.startOffset()).append(on)
              .append(line, off2.startOffset(), off2.endOffset()).append(off);
          done = off2.endOffset();
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.append(line, done, line.length()).toString();
  }
}
