package dev.coroner.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.FieldMaskingSpanQuery;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanNotQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanPositionRangeQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * {@code message:Q} over the lean schema ({@link IndexSchema}): Q on {@code text}, restricted to
 * the message band (positions from {@link IndexSchema#MESSAGE_BAND} on, before the record's
 * {@link IndexSchema#MESSAGE_END} mark), OR Q on the {@code message} field that records without a
 * band keep.
 */
final class MessageQueries {
  private static final SpanQuery END = new FieldMaskingSpanQuery(
      new SpanTermQuery(new Term(IndexSchema.MESSAGE_END, IndexSchema.MESSAGE_END_TERM)), IndexSchema.TEXT);

  private MessageQueries() {}

  /**
   * The message query made of the same query on {@code text} and on {@code message} (both from
   * the same words); null when the words hold no token.
   */
  static Query of(Query inText, Query inMessage) {
    if (inText == null || inText instanceof MatchNoDocsQuery) {
      return inMessage == null ? inText : inMessage;
    }
    Query band = band(span(inText));
    if (inMessage == null) {
      return band;
    }
    return new BooleanQuery.Builder()
        .add(band, BooleanClause.Occur.SHOULD)
        .add(inMessage, BooleanClause.Occur.SHOULD)
        .build();
  }

  /** {@code s} where it lies within the message band of {@code text}. */
  static SpanQuery band(SpanQuery s) {
    return new SpanNotQuery(new SpanPositionRangeQuery(s, IndexSchema.MESSAGE_BAND, Integer.MAX_VALUE), END,
        Integer.MAX_VALUE, 0);
  }

  /**
   * The span form of a query the parser made for {@code text}: a term, a phrase (in order when
   * exact; with a slop, the words within that slop in any order, which also admits a few orders a
   * sloppy phrase would not), a pattern (prefix, wildcard, fuzzy, regexp, range) or an OR of these.
   */
  static SpanQuery span(Query q) {
    if (q instanceof TermQuery t) {
      return new SpanTermQuery(t.getTerm());
    }
    if (q instanceof PhraseQuery p) {
      Term[] terms = p.getTerms();
      int[] positions = p.getPositions();
      if (terms.length == 1) {
        return new SpanTermQuery(terms[0]);
      }
      SpanQuery[] clauses = new SpanQuery[terms.length];
      for (int i = 0; i < terms.length; i++) {
        clauses[i] = new SpanTermQuery(terms[i]);
      }
      int gaps = positions[positions.length - 1] - positions[0] - (terms.length - 1);
      return new SpanNearQuery(clauses, p.getSlop() + gaps, p.getSlop() == 0);
    }
    if (q instanceof MultiTermQuery m) {
      return new SpanMultiTermQueryWrapper<>(m);
    }
    if (q instanceof BooleanQuery b && b.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD)) {
      return new SpanOrQuery(b.clauses().stream().map(c -> span(c.getQuery())).toArray(SpanQuery[]::new));
    }
    throw new IllegalArgumentException("message: cannot search " + q + " in the message band");
  }
}
