package dev.coroner.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The code blocks of a markdown document: an issue's text holds the console its writer pasted
 * into it, and their own words around it. A document with code is read for its code only: every
 * other line (the person's prose, the fences themselves) is read as a blank line, so line numbers
 * stay those of the file and a sentence such as "the port is already in use, I think" is no log
 * line. A document without code, or too large to look through first, is read whole.
 *
 * <p>Code, as CommonMark has it, in the three ways people paste a console:
 * <ul>
 *   <li>between fences (three or more backticks or tildes, up to three spaces in; the block ends
 *       at a fence of the same character at least as long). A fence indented by a list item's
 *       width indents its lines as much: that much is taken off them, so a log line starts where
 *       its program wrote it;
 *   <li>inside a quote ({@code > }, as a reply quotes the console of the message it answers): the
 *       quote's markers are taken off and what is left is read as above. Inside a fence only as
 *       many markers as the fence's own are taken off, so npm's {@code > app@1.0.0 start} in a
 *       fenced console stays what npm wrote;
 *   <li>indented by four spaces or a tab after a blank line (Stack Overflow's and email's way):
 *       the four columns are taken off. Such a document must also hold a line of a person's words
 *       (neither indented nor blank, starting with a word rather than a time, a bracket or a
 *       level) before it counts as markdown, and be no larger than {@link
 *       #MAX_INDENTED_BYTES}: a log that happens to be named .md and holds an indented stack
 *       trace after a blank line is read whole.
 * </ul>
 */
final class MarkdownCode {
  /** Documents larger than this are read whole (a log named .md, not a person's text). */
  static final long MAX_BYTES = 4L << 20;
  /** Documents larger than this are not looked at for indented code alone (an issue's text is small). */
  static final long MAX_INDENTED_BYTES = 1L << 20;
  /** Quotes deeper than this are read as text. */
  private static final int MAX_DEPTH = 8;
  /** The open fence's character, or 0 outside a fence. */
  private char fence;
  private int fenceLength;
  private int fenceIndent;
  private int fenceDepth;
  /** Whether the previous line was blank, or opened a quote, or the document's first: an indented block may start. */
  private boolean mayIndent = true;
  private boolean indented;
  private int depth;
  private long prose;
  /** Lines of prose that read like a person's words: they start with a word, not a time, a bracket or a level. */
  private long words;
  private long code;

  private MarkdownCode() {}

  /** The filter for {@code part}, or null when it is no markdown document with code in it. */
  static MarkdownCode of(LogFile.Part part) {
    if (part.gzip() || part.size() > MAX_BYTES || !part.name().toLowerCase(Locale.ROOT).endsWith(".md")) {
      return null;
    }
    MarkdownCode look = new MarkdownCode();
    boolean fenced = false;
    try (BufferedReader r = Files.newBufferedReader(part.path(), StandardCharsets.ISO_8859_1)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        look.keep(line);
        if (look.fence != 0) {
          fenced = true;
          break;
        }
      }
    } catch (IOException e) {
      return null; // read as it is; the reading says what went wrong
    }
    if (fenced || (look.code >= 2 && look.words > 0 && part.size() <= MAX_INDENTED_BYTES)) {
      return new MarkdownCode();
    }
    return null;
  }

  /**
   * The length of the fence that opens at {@code from} (after up to three spaces), or 0. A
   * backtick fence's info string holds no backtick.
   */
  private static int fenceLength(String line, int from) {
    int i = from;
    while (i < line.length() && i - from < 3 && line.charAt(i) == ' ') {
      i++;
    }
    if (i >= line.length() || (line.charAt(i) != '`' && line.charAt(i) != '~')) {
      return 0;
    }
    char c = line.charAt(i);
    int j = i;
    while (j < line.length() && line.charAt(j) == c) {
      j++;
    }
    if (j - i < 3 || (c == '`' && line.indexOf('`', j) >= 0)) {
      return 0;
    }
    return j - i;
  }

  /** The line as read: its code (without the quote's markers and the block's indentation), else blank. */
  String keep(String line) {
    // the quote's markers: all of them outside a fence, the fence's own inside one
    int at = 0;
    int d = 0;
    int most = fence != 0 ? fenceDepth : MAX_DEPTH;
    while (d < most) {
      int i = at;
      while (i < line.length() && i - at < 3 && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= line.length() || line.charAt(i) != '>') {
        break;
      }
      at = i + 1 < line.length() && line.charAt(i + 1) == ' ' ? i + 2 : i + 1;
      d++;
    }
    if (fence != 0 && d < fenceDepth) {
      fence = 0; // the quote that held the fence has ended, and the block with it
    }
    if (d != depth) {
      depth = d;
      mayIndent = true;
      indented = false;
    }
    if (fence != 0) {
      if (closes(line, at)) {
        fence = 0;
        mayIndent = false;
        return "";
      }
      code++;
      return strip(line, at, fenceIndent);
    }
    int n = fenceLength(line, at);
    if (n > 0) {
      fence = line.charAt(firstNonSpace(line, at));
      fenceLength = n;
      fenceIndent = firstNonSpace(line, at) - at;
      fenceDepth = d;
      indented = false;
      return "";
    }
    if (line.substring(at).isBlank()) {
      mayIndent = true;
      return "";
    }
    if ((indented || mayIndent) && columns(line, at) >= 4) {
      indented = true;
      mayIndent = false;
      code++;
      return strip(line, at, 4);
    }
    indented = false;
    mayIndent = false;
    prose++;
    words += words(line, at) ? 1 : 0;
    return "";
  }

  /**
   * Whether a line of prose starts with a word: a letter, and not an upper-case word of three or
   * more letters (INFO, ERROR, WARNING: a log line). A log's own lines start with a time, a bracket
   * or a level, and do not make a log named .md a person's text.
   */
  private static boolean words(String line, int at) {
    int i = firstNonSpace(line, at);
    if (i >= line.length() || !Character.isLetter(line.charAt(i))) {
      return false;
    }
    int j = i;
    while (j < line.length() && Character.isLetter(line.charAt(j))) {
      j++;
    }
    return j - i < 3 || !line.substring(i, j).equals(line.substring(i, j).toUpperCase(Locale.ROOT));
  }

  /** Whether the line closes the open fence: up to three spaces, the fence's character at least as often, then only spaces. */
  private boolean closes(String line, int at) {
    int i = firstNonSpace(line, at);
    if (i - at > 3) {
      return false;
    }
    int j = i;
    while (j < line.length() && line.charAt(j) == fence) {
      j++;
    }
    return j - i >= fenceLength && line.substring(j).isBlank();
  }

  private static int firstNonSpace(String line, int from) {
    int i = from;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** How far in the text from {@code at} starts, in columns (a tab to the next multiple of four). */
  private static int columns(String line, int at) {
    int col = 0;
    for (int i = at; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ') {
        col++;
      } else if (c == '\t') {
        col += 4 - col % 4;
      } else {
        break;
      }
    }
    return col;
  }

  /** The line from {@code at} with up to {@code width} columns of its indentation taken off. */
  private static String strip(String line, int at, int width) {
    int col = 0;
    int i = at;
    while (i < line.length() && col < width) {
      char c = line.charAt(i);
      if (c == ' ') {
        col++;
      } else if (c == '\t' && col + (4 - col % 4) <= width) {
        col += 4 - col % 4;
      } else {
        break;
      }
      i++;
    }
    return line.substring(i);
  }

  /** Lines of prose (not blank) read as blank so far. */
  long prose() {
    return prose;
  }
}
