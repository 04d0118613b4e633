package dev.coroner.search;

import dev.coroner.report.Times;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;

/**
 * Lucene's classic syntax over {@link IndexSchema}'s fields, with two additions: time fields take
 * readable bounds in the run's zone ({@code time:[2025-06-13T22:55 TO 2025-06-13T23:10]}, {@code
 * *} for open ends, {@code {}} for exclusive ones), and number fields ({@code line}, {@code seq})
 * take numbers and ranges. Unqualified words search {@code text}; a word that the analyser splits
 * ({@code 127.0.0.1}) becomes a phrase. {@code message:} queries become {@link MessageQueries}.
 */
public final class EventQueryParser extends QueryParser {
  private final Times times;

  public EventQueryParser(Times times) {
    super(IndexSchema.TEXT, IndexSchema.analyzer());
    this.times = times;
    setSplitOnWhitespace(true);
    setAutoGeneratePhraseQueries(true);
    setAllowLeadingWildcard(true);
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
    if (IndexSchema.TIME_FIELDS.contains(field)) {
      long t = time(field, queryText);
      return IndexSchema.longRange(field, t, t);
    }
    if (IndexSchema.LONG_FIELDS.contains(field)) {
      long n = number(field, queryText);
      return IndexSchema.longRange(field, n, n);
    }
    if (IndexSchema.INT_FIELDS.contains(field)) {
      return IntPoint.newExactQuery(field, (int) number(field, queryText));
    }
    if (!IndexSchema.indexedField(field)) {
      return super.getFieldQuery(IndexSchema.FIELDS, field + "=" + queryText, quoted);
    }
    if (field.equals(IndexSchema.MESSAGE)) {
      return message(super.getFieldQuery(IndexSchema.TEXT, queryText, quoted),
          super.getFieldQuery(IndexSchema.MESSAGE, queryText, quoted));
    }
    return super.getFieldQuery(field, queryText, quoted);
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
    if (field.equals(IndexSchema.MESSAGE)) {
      return message(super.getFieldQuery(IndexSchema.TEXT, queryText, slop),
          withSlop(super.getFieldQuery(IndexSchema.MESSAGE, queryText, true), slop));
    }
    return super.getFieldQuery(field, queryText, slop);
  }

  private static Query withSlop(Query q, int slop) {
    if (!(q instanceof PhraseQuery p)) {
      return q;
    }
    PhraseQuery.Builder b = new PhraseQuery.Builder().setSlop(slop);
    for (int i = 0; i < p.getTerms().length; i++) {
      b.add(p.getTerms()[i], p.getPositions()[i]);
    }
    return b.build();
  }

  private static Query message(Query inText, Query inMessage) throws ParseException {
    try {
      return MessageQueries.of(inText, inMessage);
    } catch (IllegalArgumentException e) {
      throw new ParseException(e.getMessage());
    }
  }

  @Override
  protected Query getRegexpQuery(String field, String termStr) throws ParseException {
    if (field.equals(IndexSchema.MESSAGE)) {
      return message(super.getRegexpQuery(IndexSchema.TEXT, termStr), super.getRegexpQuery(field, termStr));
    }
    return super.getRegexpQuery(field, termStr);
  }

  @Override
  protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
      boolean endInclusive) throws ParseException {
    if (!IndexSchema.indexedField(field)) {
      throw new ParseException(field + ": a key=value key without a field of its own takes a value or a pattern, not a range");
    }
    boolean isTime = IndexSchema.TIME_FIELDS.contains(field);
    if (field.equals(IndexSchema.MESSAGE)) {
      return message(super.getRangeQuery(IndexSchema.TEXT, part1, part2, startInclusive, endInclusive),
          super.getRangeQuery(field, part1, part2, startInclusive, endInclusive));
    }
    if (!isTime && !IndexSchema.LONG_FIELDS.contains(field) && !IndexSchema.INT_FIELDS.contains(field)) {
      return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }
    long lo = part1 == null ? Long.MIN_VALUE : isTime ? time(field, part1) : number(field, part1);
    long hi = part2 == null ? Long.MAX_VALUE : isTime ? time(field, part2) : number(field, part2);
    if (!startInclusive && lo != Long.MIN_VALUE) {
      lo = lo == Long.MAX_VALUE ? lo : lo + 1;
    }
    if (!endInclusive && hi != Long.MAX_VALUE) {
      hi = hi == Long.MIN_VALUE ? hi : hi - 1;
    }
    if (IndexSchema.INT_FIELDS.contains(field)) {
      return IntPoint.newRangeQuery(field, clampInt(lo), clampInt(hi));
    }
    return IndexSchema.longRange(field, lo, hi);
  }

  /** A time range with readable bounds, for other parsers over time fields. */
  Query timeRange(String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
      throws ParseException {
    long lo = part1 == null ? Long.MIN_VALUE : time(field, part1);
    long hi = part2 == null ? Long.MAX_VALUE : time(field, part2);
    if (!startInclusive && lo != Long.MAX_VALUE && part1 != null) {
      lo++;
    }
    if (!endInclusive && hi != Long.MIN_VALUE && part2 != null) {
      hi--;
    }
    return IndexSchema.longRange(field, lo, hi);
  }

  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    checkNotNumeric(field, termStr);
    if (!IndexSchema.indexedField(field) && !field.equals("*")) {
      return super.getWildcardQuery(IndexSchema.FIELDS, field + "=" + termStr);
    }
    if (field.equals(IndexSchema.MESSAGE)) {
      return message(super.getWildcardQuery(IndexSchema.TEXT, termStr), super.getWildcardQuery(field, termStr));
    }
    return super.getWildcardQuery(field, termStr);
  }

  @Override
  protected Query getPrefixQuery(String field, String termStr) throws ParseException {
    checkNotNumeric(field, termStr + "*");
    if (!IndexSchema.indexedField(field)) {
      return super.getPrefixQuery(IndexSchema.FIELDS, field + "=" + termStr);
    }
    if (field.equals(IndexSchema.MESSAGE)) {
      return message(super.getPrefixQuery(IndexSchema.TEXT, termStr), super.getPrefixQuery(field, termStr));
    }
    return super.getPrefixQuery(field, termStr);
  }

  @Override
  protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
    checkNotNumeric(field, termStr + "~");
    if (field.equals(IndexSchema.MESSAGE)) {
      return message(super.getFuzzyQuery(IndexSchema.TEXT, termStr, minSimilarity),
          super.getFuzzyQuery(field, termStr, minSimilarity));
    }
    return super.getFuzzyQuery(field, termStr, minSimilarity);
  }

  private static void checkNotNumeric(String field, String term) throws ParseException {
    if (IndexSchema.LONG_FIELDS.contains(field) || IndexSchema.INT_FIELDS.contains(field)) {
      throw new ParseException(field + ":" + term + ": " + field + " takes a value or a range [A TO B], not a pattern");
    }
  }

  private static int clampInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private long time(String field, String text) throws ParseException {
    try {
      return times.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParseException(field + ": " + e.getMessage());
    }
  }

  private static long number(String field, String text) throws ParseException {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new ParseException(field + ": '" + text + "' is not a number");
    }
  }
}
