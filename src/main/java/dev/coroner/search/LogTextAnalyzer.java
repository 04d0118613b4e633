package dev.coroner.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Splits log text into runs of letters and digits, lower-cased. Unlike StandardAnalyzer it keeps
 * neither dots nor apostrophes inside a token, so {@code urllib3.connection.HTTPConnection} gives
 * {@code urllib3}, {@code connection}, {@code httpconnection}; error codes ({@code 10061}), class
 * names ({@code NewConnectionError}) and phrases such as {@code "Errno 111"} stay findable.
 */
final class LogTextAnalyzer extends Analyzer {
  /** Whether a character belongs to a token: the one definition tests reimplement in plain Java. */
  static boolean isTokenChar(int c) {
    return Character.isLetterOrDigit(c);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = CharTokenizer.fromTokenCharPredicate(LogTextAnalyzer::isTokenChar);
    return new TokenStreamComponents(source, new LowerCaseFilter(source));
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
