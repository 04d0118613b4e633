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
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
    return sb.toString();
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
