package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** The indexer's token stream makes exactly the tokens the query analyser makes. */
class LogTokenStreamTest {
  private static final Analyzer ANALYZER = new LogTextAnalyzer();
  /** ASCII, accented and capital letters whose lower case is special, other scripts, digits of other scripts, supplementary letters and symbols, lone surrogates. */
  private static final String[] PIECES = {"a", "Z", "0", "9", " ", "-", ".", ":", "_", "'", "\n", "\t", "\u00e9",
      "\u00c9", "\u00df", "\u0130", "\u03a3", "\u03c2", "\u4e2d", "\u0663", "\u00b2", "\ud801\udc00", "\ud835\udc00",
      "\ud83d\ude00", "\ud800", "\udc00", "\u0000", "\u00a0", "\u2028", "\u212a", "\u1e9e"};

  private record Token(String term, int start, int end, int increment) {}

  private static List<Token> tokens(TokenStream ts) {
    List<Token> out = new ArrayList<>();
    try (ts) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(new Token(term.toString(), off.startOffset(), off.endOffset(), inc.getPositionIncrement()));
      }
      ts.end();
      out.add(new Token("<end>", off.startOffset(), off.endOffset(), inc.getPositionIncrement()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void same(LogTokenStream stream, String s) {
    stream.setValue(s);
    assertThat(tokens(stream)).as("%s", s).isEqualTo(tokens(ANALYZER.tokenStream(IndexSchema.TEXT, s)));
  }

  @Test
  void randomStringsSplitAlike() {
    Random r = new Random(42);
    LogTokenStream stream = new LogTokenStream();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(40);
      for (int k = 0; k < n; k++) {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
      same(stream, sb.toString());
    }
  }

  @Test
  void longRunsAreCutWhereTheAnalyserCutsThem() {
    LogTokenStream stream = new LogTokenStream();
    for (int len : new int[] {254, 255, 256, 510, 511, 1000, 5000}) {
      same(stream, "x".repeat(len));
      same(stream, "A".repeat(len - 1) + "\ud801\udc00" + "b".repeat(3));
      same(stream, "start " + "\u00c9".repeat(len) + " end");
      same(stream, "\ud835\udc00".repeat(len));
    }
  }

  @Test
  void everyEventOfTheTestFoldersSplitsAlike() {
    LogTokenStream stream = new LogTokenStream();
    for (Path folder : Folders.all()) {
      for (Event e : Folders.events(folder)) {
        same(stream, e.text());
        same(stream, e.message());
      }
    }
  }

  /**
   * In the message band, the terms are the analyser's, one position apart; the first token of
   * the message is at the band's position, and the first token after the message is reported.
   * {@code count} agrees with the analyser on every prefix.
   */
  @Test
  void theBandMovesPositionsOnlyAndCountAgrees() {
    Random r = new Random(7);
    LogTokenStream stream = new LogTokenStream();
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(40);
      for (int k = 0; k < n; k++) {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
      String s = sb.toString();
      List<Token> plain = tokens(ANALYZER.tokenStream(IndexSchema.TEXT, s));
      plain = plain.subList(0, plain.size() - 1);
      // a cut at a char where no token runs across (before a non-token char, or at either end)
      int from = r.nextInt(s.length() + 1);
      int to = from + r.nextInt(s.length() - from + 1);
      if (!cutHere(plain, from) || !cutHere(plain, to)) {
        continue;
      }
      int before = (int) plain.stream().filter(t -> t.end() <= from).count();
      int inside = (int) plain.stream().filter(t -> t.start() >= from && t.end() <= to).count();
      assertThat(LogTokenStream.count(s, 0, from, 1000)).as("%s", s).isEqualTo(before);
      if (before > IndexSchema.MESSAGE_BAND) {
        continue;
      }
      stream.setBanded(s, to, before);
      List<Token> banded = tokens(stream);
      banded = banded.subList(0, banded.size() - 1);
      assertThat(banded.stream().map(Token::term).toList()).isEqualTo(plain.stream().map(Token::term).toList());
      for (int k = 0; k < banded.size(); k++) {
        int position = IndexSchema.MESSAGE_BAND - before + k;
        assertThat(banded.get(k).increment()).isEqualTo(k == 0 ? position + 1 : 1);
      }
      int after = before + inside;
      assertThat(stream.firstAfterMessage()).as("%s %d..%d", s, from, to)
          .isEqualTo(after < plain.size() ? IndexSchema.MESSAGE_BAND + inside : -1);
    }
  }

  /** Whether no token of {@code tokens} runs across char {@code at}. */
  private static boolean cutHere(List<Token> tokens, int at) {
    return tokens.stream().noneMatch(t -> t.start() < at && t.end() > at);
  }
}
