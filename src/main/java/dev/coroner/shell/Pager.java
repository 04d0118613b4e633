package dev.coroner.shell;

import java.io.IOException;
import java.io.Writer;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * Pages a command's output on a terminal: after a screenful it asks for a key (space: next page,
 * enter: one more line, q: skip the rest). Output is written through, never buffered, so a huge
 * timeline costs no memory; after q the rest is discarded. Terminals that do not know their
 * height get no paging.
 */
final class Pager extends Writer {
  private static final String MORE = "--More-- (space: next page, enter: next line, q: skip the rest)";
  private final Terminal terminal;
  private final Writer out;
  private final int page;
  private int left;
  private boolean discard;

  Pager(Terminal terminal) {
    this.terminal = terminal;
    this.out = terminal.writer();
    this.page = Math.max(0, terminal.getHeight() - 1);
    this.left = page;
  }

  /** Starts a new command: a full page before the first question. */
  void reset() {
    left = page;
    discard = false;
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    if (discard) {
      return;
    }
    if (page < 2) {
      out.write(buf, off, len);
      return;
    }
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (buf[i] == '\n') {
        out.write(buf, start, i + 1 - start);
        start = i + 1;
        if (--left <= 0 && !ask()) {
          discard = true;
          return;
        }
      }
    }
    out.write(buf, start, off + len - start);
  }

  /** Asks whether to go on; sets how many lines may follow. False for q. */
  private boolean ask() throws IOException {
    out.write(MORE);
    out.flush();
    Attributes saved = terminal.enterRawMode();
    int c;
    try {
      c = terminal.reader().read();
    } finally {
      terminal.setAttributes(saved);
    }
    out.write("\r" + " ".repeat(MORE.length()) + "\r");
    if (c < 0 || c == 'q' || c == 'Q' || c == 3) {
      out.flush();
      return false;
    }
    left = c == '\r' || c == '\n' ? 1 : page;
    return true;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
