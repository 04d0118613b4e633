package dev.coroner.search;

import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The tokens {@link LogTextAnalyzer} makes of a string, made in one pass over the string itself:
 * the indexer's version of the analyser, for the two text fields of every event. The analyser
 * reads through a Reader into a buffer, decodes code points and lower-cases in a second filter;
 * here ASCII, nearly all of a log, is split and lower-cased inline, and anything else takes the
 * analyser's own steps. Queries still use the analyser; a test checks that both agree.
 *
 * <p>For {@code text} it also places the tokens of the record's message in the message band
 * ({@link #setBanded}): the first token of the message at position {@link IndexSchema#MESSAGE_BAND},
 * the tokens before it just below, the tokens after it just above, so that phrases across the
 * message's edges still match, and remembers where the first token after the message lies.
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
  private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
  private String text = "";
  private int at;
  /** The increment of the first token (1: positions from 0). */
  private int firstIncrement = 1;
  /** Where the message ends in {@code text} (chars); tokens from here on are after the band. */
  private int messageEnd = Integer.MAX_VALUE;
  private int position;
  private int firstAfter = -1;

  /** Sets the string to split, positions from 0; the indexer calls this before each use. */
  void setValue(String s) {
    text = s;
    at = 0;
    firstIncrement = 1;
    messageEnd = Integer.MAX_VALUE;
  }

  /**
   * Sets the string to split with the message band: {@code s} holds the message up to char {@code
   * messageEnd}, ending at a token boundary, preceded by {@code tokensBefore} tokens (at most
   * {@link IndexSchema#MESSAGE_BAND}). With {@code messageEnd == 0} the band is empty and every
   * token lies after it.
   */
  void setBanded(String s, int messageEnd, int tokensBefore) {
    text = s;
    at = 0;
    firstIncrement = IndexSchema.MESSAGE_BAND - tokensBefore + 1;
    this.messageEnd = messageEnd;
  }

  /** The position of the first token after the message band, once the stream has been read; -1 when none. */
  int firstAfterMessage() {
    return firstAfter;
  }

  /**
   * How many tokens {@code s} holds between chars {@code from} and {@code to}, split as {@link
   * #incrementToken} splits them; counting stops at {@code limit + 1}.
   */
  static int count(String s, int from, int to, int limit) {
    int n = 0;
    int i = from;
    while (i < to) {
      int cp = s.codePointAt(i);
      if (!isTokenChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      if (++n > limit) {
        return n;
      }
      int len = 0;
      while (i < to) {
        cp = s.codePointAt(i);
        if (!isTokenChar(cp)) {
          break;
        }
        len += Character.charCount(cp);
        i += Character.charCount(cp);
        if (len >= MAX_TOKEN_LENGTH) {
          break;
        }
      }
    }
    return n;
  }

  static boolean isTokenChar(int cp) {
    return cp < 128 ? ASCII_TOKEN[cp] : LogTextAnalyzer.isTokenChar(cp);
  }

  @Override
  public void reset() throws java.io.IOException {
    super.reset();
    at = 0;
    position = -1;
    firstAfter = -1;
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
    if (position < 0) {
      increment.setPositionIncrement(firstIncrement);
      position = firstIncrement - 1;
    } else {
      position++;
    }
    if (firstAfter < 0 && start >= messageEnd) {
      firstAfter = position;
    }
    at = i;
    return true;
  }

  @Override
  public void end() throws java.io.IOException {
    super.end();
    offset.setOffset(text.length(), text.length());
  }
}
