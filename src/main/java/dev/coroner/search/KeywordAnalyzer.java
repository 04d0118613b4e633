package dev.coroner.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;

/**
 * The whole value as one token, lower-cased: keyword fields match exactly but without regard to
 * case ({@code level:error} finds ERROR). The indexer folds values with {@link #fold} to agree.
 */
final class KeywordAnalyzer extends Analyzer {
  /** The same folding LowerCaseFilter applies, for values indexed without analysis. */
  static String fold(String s) {
    if (isFolded(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
    return sb.toString();
  }

  /** Whether {@code s} is ASCII without capitals: the common case, folded as it is. */
  private static boolean isFolded(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new KeywordTokenizer();
    return new TokenStreamComponents(source, new LowerCaseFilter(source));
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
