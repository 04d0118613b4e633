package dev.coroner.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The code blocks of a markdown document: an issue's text holds the console its writer pasted
 * between fences (three backticks or tildes), and their own words around it. A document with at
 * least one fence is read for its blocks only: every other line (the person's prose, the fences
 * themselves) is read as a blank line, so line numbers stay those of the file and a sentence
 * such as "the port is already in use, I think" is no log line. A document without a fence, or
 * too large to look through first, is read whole.
 */
final class MarkdownCode {
  /** Documents larger than this are read whole (a log named .md, not a person's text). */
  static final long MAX_BYTES = 4L << 20;
  private boolean inside;
  private long prose;

  private MarkdownCode() {}

  /** The filter for {@code part}, or null when it is no markdown document with a fence. */
  static MarkdownCode of(LogFile.Part part) {
    if (part.gzip() || part.size() > MAX_BYTES || !part.name().toLowerCase(Locale.ROOT).endsWith(".md")) {
      return null;
    }
    try (BufferedReader r = Files.newBufferedReader(part.path(), StandardCharsets.ISO_8859_1)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (fence(line)) {
          return new MarkdownCode();
        }
      }
    } catch (IOException e) {
      return null; // read as it is; the reading says what went wrong
    }
    return null;
  }

  /** A fence: up to three spaces, then three backticks or tildes (an info string may follow). */
  static boolean fence(String line) {
    int i = 0;
    while (i < line.length() && i < 3 && line.charAt(i) == ' ') {
      i++;
    }
    return line.startsWith("```", i) || line.startsWith("~~~", i);
  }

  /** The line as read: itself inside a block, else blank. */
  String keep(String line) {
    if (fence(line)) {
      inside = !inside;
      return "";
    }
    if (inside) {
      return line;
    }
    if (!line.isBlank()) {
      prose++;
    }
    return "";
  }

  /** Lines of prose (not blank) read as blank so far. */
  long prose() {
    return prose;
  }
}
