package dev.coroner.search;

import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The tokens {@link LogTextAnalyzer} makes of a string, made in one pass over the string itself:
 * the indexer's version of the analyser, for the two text fields of every event. The analyser
 * reads through a Reader into a buffer, decodes code points and lower-cases in a second filter;
 * here ASCII, nearly all of a log, is split and lower-cased inline, and anything else takes the
 * analyser's own steps. Queries still use the analyser; a test checks that both agree.
 */
final class LogTokenStream extends TokenStream {
  /** CharTokenizer's default limit: a longer run of token characters is cut into pieces. */
  static final int MAX_TOKEN_LENGTH = 255;
  private static final boolean[] ASCII_TOKEN = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_TOKEN[c] = LogTextAnalyzer.isTokenChar(c);
    }
  }

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private String text = "";
  private int at;

  /** Sets the string to split; the indexer calls this before each use. */
  void setValue(String s) {
    text = s;
    at = 0;
  }

  @Override
  public void reset() throws java.io.IOException {
    super.reset();
    at = 0;
  }

  @Override
  public boolean incrementToken() {
    clearAttributes();
    String s = text;
    int n = s.length();
    int i = at;
    while (i < n) { // skip to the next token character
      char c = s.charAt(i);
      if (c < 128) {
        if (ASCII_TOKEN[c]) {
          break;
        }
        i++;
      } else {
        int cp = s.codePointAt(i);
        if (LogTextAnalyzer.isTokenChar(cp)) {
          break;
        }
        i += Character.charCount(cp);
      }
    }
    if (i >= n) {
      at = n;
      return false;
    }
    int start = i;
    char[] buf = term.buffer();
    int len = 0;
    boolean other = false;
    while (i < n) {
      char c = s.charAt(i);
      if (len >= buf.length - 1) {
        buf = term.resizeBuffer(len + 2);
      }
      if (c < 128) {
        if (!ASCII_TOKEN[c]) {
          break;
        }
        buf[len++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        i++;
      } else {
        int cp = s.codePointAt(i);
        if (!LogTextAnalyzer.isTokenChar(cp)) {
          break;
        }
        len += Character.toChars(cp, buf, len);
        i += Character.charCount(cp);
        other = true;
      }
      if (len >= MAX_TOKEN_LENGTH) {
        break;
      }
    }
    if (other) {
      CharacterUtils.toLowerCase(buf, 0, len); // LowerCaseFilter's own step (ASCII is already lower)
    }
    term.setLength(len);
    offset.setOffset(start, i);
    at = i;
    return true;
  }

  @Override
  public void end() throws java.io.IOException {
    super.end();
    offset.setOffset(text.length(), text.length());
  }
}
