package dev.coroner.cli;

import java.io.PrintWriter;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * The fields a parsed query uses. A class of its own so that SearchCommand, which the command
 * line builds for every run, does not need Lucene's classes until a search runs (a launcher run
 * has only picocli and Jackson on its class path in the tests).
 */
final class QueryFields {
  private QueryFields() {}

  /** A warning for each field of the query that no event of the folder has (a typo, or a field of another folder). */
  static void warnUnknown(Query parsed, Set<String> known, Predicate<String> hasKey, PrintWriter err) {
    warnUnknown(parsed, known, hasKey, err, "in this folder");
  }

  /** The same, saying where the events are ({@code in this folder}, {@code read from CLUSTER index NAME}). */
  static void warnUnknown(Query parsed, Set<String> known, Predicate<String> hasKey, PrintWriter err, String where) {
    Set<String> used = new TreeSet<>();
    parsed.visit(new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        used.add(field);
        return true;
      }

      @Override
      public void consumeTerms(Query query, org.apache.lucene.index.Term... terms) {
        // a key with no field of its own is searched as the term key=value of 'fields'
        for (org.apache.lucene.index.Term t : terms) {
          String text = t.text();
          int eq = text.indexOf('=');
          if (t.field().equals(dev.coroner.search.IndexSchema.FIELDS) && eq > 0 && !hasKey.test(text.substring(0, eq))) {
            err.println("coroner: warning: no event " + where + " has a field '" + text.substring(0, eq) + "' (fields: "
                + String.join(", ", known) + ")");
          }
        }
      }

      @Override
      public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
        return this;
      }
    });
    for (String f : used) {
      if (!known.contains(f) && !f.equals(dev.coroner.search.IndexSchema.FIELDS) && !dev.coroner.search.IndexSchema.internal(f)) {
        err.println("coroner: warning: no event " + where + " has a field '" + f + "' (fields: " + String.join(", ", known) + ")");
      }
    }
  }
}
