package dev.coroner.ingest;

import dev.coroner.LookAhead;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the lines of one physical file: decompresses .gz, decodes by {@link Encoding}, splits on
 * LF, CRLF or CR, drops NUL bytes, strips ANSI colour codes, and cuts lines longer than {@link
 * #MAX_LINE} characters. Reads at most the size the file had when it was listed, so a file that
 * grows while it is read gives the same lines to every pass. Read errors end the file with a
 * warning; nothing is thrown but {@link IOException} from opening.
 */
public final class LineReader extends LookAhead<String> implements Closeable {
  /** Longer lines are cut here (the rest is skipped up to the line end) with a warning. */
  public static final int MAX_LINE = 64 * 1024;

  private static final int SNIFF = 64 * 1024;
  private final LogFile.Part part;
  private final Warnings warnings;
  private final Reader reader;
  private final Encoding encoding;
  private final char[] buf;
  private int pos;
  private int lim;
  private boolean eof;
  /** Counted in a long, as every line number is downstream (events, evidence, JSON, the index). */
  private long lineNumber = firstLine - 1;
  /**
   * Test seam: the number of a part's first line (1), set by the system property
   * {@code coroner.test.firstLine} in a subprocess under test or by {@link #startAt} in the same
   * JVM, so that line numbers past 2^31 are tested without writing 2^31 lines.
   */
  private static volatile long firstLine = Long.getLong("coroner.test.firstLine", 1L);
  /** Lines read per part at most; past it the reader stops with a warning instead of wrapping. */
  public static final long MAX_LINES = Long.MAX_VALUE - 1;
  /** A .gz part may decompress to this many times its size, and at least {@link #GZ_MIN_CAP} bytes. */
  public static final long GZ_MAX_RATIO = 100;
  public static final long GZ_MIN_CAP = 256L << 20;
  private boolean stopped;
  private boolean lastLineUnterminated;
  /** Whether reaching the end checks the file's size against the listed one (not for a stretch that ends inside it). */
  private boolean sizeCheck = true;
  private boolean readFailed;
  /** How many times the buffer was filled ({@link #fills()}). */
  private long fills;
  private final StringBuilder sb = new StringBuilder(256);
  // byte mode, for encodings where a line break is one byte that no other character contains
  // (UTF-8, cp1252): lines are split on bytes and decoded once, a String straight from bytes
  private final InputStream bytes;
  private final byte[] bbuf;
  private byte[] lineBytes;
  /** The digest of the bytes read from the file, when opened to fingerprint; else null. */
  private Fingerprint fingerprint;
  /** Zero bytes in the line being read; the holes (runs of them) met so far, their bytes, and the first's line. */
  private long nuls;
  private long holes;
  private long holeBytes;
  private long firstHole;
  /** A .gz part's decompression, which ends quietly where its data is cut off or corrupt: said once at the end. */
  private CompressedEnd compressedEnd;

  // where the buffer's first unit (byte, or UTF-16 char) lies in the part's (decompressed) content,
  // in units past the byte-order mark; where the line read ahead began, and the line last taken
  private long base;
  private long lineStart;
  private long takenStart;

  /** A markdown document's code blocks, when it has some ({@link MarkdownCode}); else null. */
  private MarkdownCode markdown;
  /** A JSON document's entries, when the part is one ({@link JsonDocument}); else null. */
  private JsonDocument json;
  /** With {@link #json}: the number of the line read ahead, and of the line last taken (an entry that shares its line has its number). */
  private long aheadNumber;
  private long takenNumber;

  private LineReader(LogFile.Part part, Warnings warnings, Reader reader, InputStream bytes, Encoding encoding) {
    this.part = part;
    this.warnings = warnings;
    this.reader = reader;
    this.bytes = bytes;
    this.bbuf = bytes == null ? null : new byte[64 * 1024];
    this.buf = bytes == null ? new char[64 * 1024] : null;
    this.lineBytes = bytes == null ? null : new byte[1024];
    this.encoding = encoding;
  }

  /** Opens a part; the encoding is detected from its first bytes. */
  public static LineReader open(LogFile.Part part, Warnings warnings) throws IOException {
    return open(part, warnings, false);
  }

  /**
   * Opens a part; with {@code fingerprint}, the SHA-256 of its bytes as stored (a .gz
   * compressed, a byte-order mark included) is computed from the bytes this reading takes from
   * the file, so that the fingerprint costs no read of its own: {@link #fingerprint(Warnings)} gives it.
   */
  public static LineReader open(LogFile.Part part, Warnings warnings, boolean fingerprint) throws IOException {
    return open(part, warnings, fingerprint, true);
  }

  /**
   * A part's lines as they are read, a markdown document's code taken out, but not read as a JSON
   * document's entries: the text {@link JsonDocument} parses, line for line.
   */
  static LineReader openText(LogFile.Part part, Warnings warnings) throws IOException {
    return open(part, warnings, false, false);
  }

  private static LineReader open(LogFile.Part part, Warnings warnings, boolean fingerprint, boolean documents)
      throws IOException {
    InputStream file = Files.newInputStream(part.path());
    Fingerprint fp = fingerprint ? new Fingerprint(file, part.size()) : null;
    InputStream raw = new BoundedInputStream(fp != null ? fp : file, part.gzip() ? Long.MAX_VALUE : part.size());
    InputStream in = raw;
    CompressedEnd gzEnd = null;
    if (part.gzip()) {
      PushbackInputStream pb = new PushbackInputStream(raw, 2);
      int b1 = pb.read();
      int b2 = pb.read();
      if (b2 >= 0) {
        pb.unread(b2);
      }
      if (b1 >= 0) {
        pb.unread(b1);
      }
      if (b1 == 0x1f && b2 == 0x8b) {
        long cap = Math.max(GZ_MIN_CAP, GZ_MAX_RATIO * part.size());
        gzEnd = new CompressedEnd(new GZIPInputStream(pb, 64 * 1024));
        in = new CappedInputStream(gzEnd, cap, () -> warnings.add(part.name()
            + ": decompresses to more than " + cap + " bytes (over " + GZ_MAX_RATIO + " times its size); the rest is not read"));
      } else {
        warnings.add(part.name() + ": named .gz but is not gzip data; read as plain text");
        in = pb;
      }
    }
    BufferedInputStream bin = new BufferedInputStream(in, SNIFF);
    bin.mark(SNIFF);
    byte[] head = new byte[SNIFF];
    int n = readFully(bin, head, part, warnings);
    bin.reset();
    Encoding enc = Encoding.detect(head, n);
    for (int i = 0; i < enc.bomLength(); i++) {
      bin.read();
    }
    LineReader lr;
    if (!enc.isUtf16()) {
      lr = new LineReader(part, warnings, null, bin, enc);
    } else {
      Reader r = new InputStreamReader(bin, enc.charset().newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE));
      lr = new LineReader(part, warnings, r, null, enc);
    }
    lr.fingerprint = fp;
    lr.compressedEnd = gzEnd;
    lr.markdown = MarkdownCode.of(part);
    if (documents) {
      lr.json = JsonDocument.of(part, head, n, enc, lr.markdown != null);
    }
    return lr;
  }

  /**
   * Opens the bytes from {@code from} to {@code to} of a plain part (not .gz) in {@code encoding},
   * which the part's own opening detected and which has one byte a line break (not UTF-16): a
   * stretch of a large file, read on a thread of its own. {@code from} must be where a line begins
   * (past any byte-order mark). Its first line is numbered as if {@code linesBefore} lines came
   * before it in the part (they do: the caller counted them, {@link #lineBreaks}); the size check
   * at the end ({@link #checkSize}) is made only when {@code last}, the stretch that ends the part.
   */
  public static LineReader openRange(LogFile.Part part, Encoding encoding, long from, long to, long linesBefore,
      boolean last, Warnings warnings) throws IOException {
    if (part.gzip() || encoding.isUtf16() || from < encoding.bomLength() || to < from) {
      throw new IllegalArgumentException(part.name() + ": no stretch " + from + "-" + to + " to read on its own");
    }
    java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(part.path());
    try {
      ch.position(from);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    LineReader lr = new LineReader(part, warnings, null,
        new BoundedInputStream(java.nio.channels.Channels.newInputStream(ch), to - from), encoding);
    lr.sizeCheck = last;
    lr.lineNumber += linesBefore;
    return lr;
  }

  /**
   * How many lines end in {@code bytes[from, to)}, as this reader splits them: at each CR (a CR
   * LF is one ending) and at each LF that no CR comes before. {@code before} is the byte before
   * {@code from} (-1 at the start), so a CR LF split across two calls is counted once.
   */
  public static long lineBreaks(byte[] bytes, int from, int to, int before) {
    long n = 0;
    int prev = before;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '\r' || (b == '\n' && prev != '\r')) {
        n++;
      }
      prev = b;
    }
    return n;
  }

  /** Whether a read of the file failed (the reading ended there, with a warning). */
  public boolean readFailed() {
    return readFailed;
  }

  /**
   * The hex SHA-256 of the part's first {@link LogFile.Part#size()} bytes as stored (fewer if
   * the file is shorter now), or "" when it was not opened to fingerprint or the bytes cannot
   * be read (then with a warning into {@code into}). Call it once the lines are read and before
   * {@link #close()}: what the reading left unread (a .gz's trailing bytes, the rest of a part
   * whose reading stopped early) is read here; a part whose reading met a read error is read
   * again from its start, so the digest is never of a partial or skipped stream.
   */
  public String fingerprint(Warnings into) {
    if (fingerprint == null) {
      return "";
    }
    if (!fingerprint.failed) {
      try {
        return fingerprint.finish();
      } catch (IOException e) {
        // read again from the start below
      }
    }
    return sha256(part, into);
  }

  /** The hex SHA-256 of a part's bytes as stored, read on its own (see {@link #fingerprint}). */
  public static String sha256(LogFile.Part p, Warnings warnings) {
    try (InputStream in = Files.newInputStream(p.path())) {
      MessageDigest md = sha256();
      byte[] buf = new byte[1 << 16];
      long left = p.size();
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        md.update(buf, 0, n);
        left -= n;
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      warnings.add(p.name() + ": cannot fingerprint (" + e.getMessage() + ")");
      return "";
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }

  private static int readFully(InputStream in, byte[] b, LogFile.Part part, Warnings w) {
    int n = 0;
    try {
      while (n < b.length) {
        int r = in.read(b, n, b.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      // The reader proper meets the same error and reports it; the sniff keeps what it has.
    }
    return n;
  }

  /**
   * Whether the lines are read from a document rather than as they are (a markdown document's code,
   * a JSON document's entries): such a part is read by one reader from its start, never in stretches.
   */
  public boolean document() {
    return json != null || markdown != null;
  }

  public Encoding encoding() {
    return encoding;
  }

  /** The number of the line last returned by {@link #next()}, from 1 (not of one read ahead by {@link #hasNext()}). */
  public long lineNumber() {
    if (json != null) {
      return takenNumber;
    }
    return holding() ? lineNumber - 1 : lineNumber;
  }

  /**
   * The byte offset in the part's content (decompressed, for a .gz part) at which the line last
   * returned by {@link #next()} begins, counting a byte-order mark; for UTF-16, two bytes a char.
   */
  public long offset() {
    return encoding.bomLength() + (bytes != null ? takenStart : 2 * takenStart);
  }

  @Override
  protected void taken(String line) {
    takenStart = lineStart; // hasNext() may have read the next line ahead since: offset() is this one's
    takenNumber = aheadNumber;
  }

  /** Numbers the first line of the parts opened from now on {@code n} (1 by default). For tests. */
  public static void startAt(long n) {
    firstLine = n;
  }

  /** Whether it may return another line; false, with a warning, past {@link #MAX_LINES}. */
  private boolean room() {
    if (lineNumber < MAX_LINES) {
      return true;
    }
    if (!stopped) {
      stopped = true;
      warnings.add(part.name() + ": more than " + MAX_LINES + " lines; the rest is not read");
    }
    return false;
  }

  /** Whether the last line had no line ending (a half-written file). */
  public boolean lastLineUnterminated() {
    return lastLineUnterminated;
  }

  /**
   * The next line without its terminator and without the run of blanks that pads its end, or null
   * at the end. A terminal's copy (a Windows console's, a pane's) pads every line with spaces to
   * the window's width, and a padded line must read as the line itself. A lone space at the end is
   * kept: it may be an envelope's separator before an empty message ({@code TIME err } is a blank
   * line of a capture, {@code unit[pid]: } one of journald's).
   */
  @Override
  protected String advance() {
    if (json != null) {
      String more = json.more();
      if (more != null) {
        return more; // another entry that opened on the line last read, at its number
      }
    }
    while (true) {
      String line = nextLine();
      if (line == null) {
        return null;
      }
      line = unpadded(line);
      String kept = markdown == null ? line : markdown.keep(line);
      if (json == null) {
        return kept;
      }
      kept = json.keep(kept);
      if (kept != null) {
        aheadNumber = lineNumber;
        return kept;
      }
      // a line of the document's own structure (an entry's other lines, a bracket, a key around the entries): not read
    }
  }

  /** The line without the run of blanks that pads its end (as {@link #advance} gives it). */
  private static String unpadded(String line) {
    int n = line.length();
    if (n > 1 && blank(line.charAt(n - 1)) && (blank(line.charAt(n - 2)) || line.charAt(n - 1) == '\t')) {
      while (n > 0 && blank(line.charAt(n - 1))) {
        n--;
      }
      return line.substring(0, n);
    }
    return line;
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  private String nextLine() {
    if (!room()) {
      return null;
    }
    lineStart = base + pos;
    if (bytes != null) {
      return nextFromBytes();
    }
    sb.setLength(0);
    boolean any = false;
    boolean cut = false;
    while (true) {
      if (pos >= lim && !fill()) {
        if (!any) {
          holesSaid();
          return null;
        }
        lastLineUnterminated = true;
        break;
      }
      any = true;
      int start = pos;
      int end = -1;
      int zeros = 0;
      for (int i = pos; i < lim; i++) {
        char c = buf[i];
        if (c == '\n' || c == '\r') {
          end = i;
          break;
        }
        if (c == 0) {
          zeros++;
        }
      }
      int stop = end < 0 ? lim : end;
      nuls += 2L * zeros; // chars are read only from UTF-16: two zero bytes a NUL
      if (zeros > 0) {
        // a hole's zeros are left out before the line's length is judged
        for (int i = start; i < stop && !cut; i++) {
          if (buf[i] != 0) {
            if (sb.length() < MAX_LINE) {
              sb.append(buf[i]);
            } else {
              cut = true;
            }
          }
        }
      } else if (!cut) {
        int room = MAX_LINE - sb.length();
        if (stop - start > room) {
          sb.append(buf, start, room);
          cut = true;
        } else {
          sb.append(buf, start, stop - start);
        }
      }
      if (end < 0) {
        pos = lim;
        continue;
      }
      pos = end + 1;
      if (buf[end] == '\r') {
        if (pos >= lim) {
          fill();
        }
        if (pos < lim && buf[pos] == '\n') {
          pos++;
        }
      }
      break;
    }
    lineNumber++;
    if (cut) {
      warnings.add(part.name() + ":" + lineNumber + ": line longer than " + MAX_LINE + " characters, cut");
    }
    holeEnds();
    return clean(sb);
  }

  private String nextFromBytes() {
    int len = 0;
    boolean any = false;
    boolean cut = false;
    // a byte below 0x20 other than a line end, or any non-ASCII byte (negative): clean() decides
    boolean suspicious = false;
    while (true) {
      if (pos >= lim && !fill()) {
        if (!any) {
          holesSaid();
          return null;
        }
        lastLineUnterminated = true;
        break;
      }
      int start = pos;
      int end = -1;
      int zeros = 0;
      byte[] b = bbuf;
      for (int i = pos; i < lim; i++) {
        byte c = b[i];
        if (c < 0x20) {
          if (c == '\n' || c == '\r') {
            end = i;
            break;
          }
          if (c == 0) {
            zeros++;
          }
          suspicious = true;
        }
      }
      int stop = end < 0 ? lim : end;
      nuls += zeros;
      if (!any && end >= 0 && stop - start <= MAX_LINE) {
        // the whole line is in the buffer: decode it from there, no copy (before skipLf, which
        // may refill the buffer)
        String line = new String(b, start, stop - start, encoding.charset());
        pos = end + 1;
        skipLf(end);
        lineNumber++;
        holeEnds();
        return suspicious ? clean(line) : line;
      }
      any = true;
      if (zeros > 0) {
        // a hole's zeros are left out before the line's length is judged
        for (int i = start; i < stop && !cut; i++) {
          if (b[i] != 0) {
            if (len == MAX_LINE) {
              cut = true;
            } else {
              if (len == lineBytes.length) {
                lineBytes = Arrays.copyOf(lineBytes, lineBytes.length * 2);
              }
              lineBytes[len++] = b[i];
            }
          }
        }
      } else if (!cut) {
        int take = Math.min(stop - start, MAX_LINE - len);
        if (take < stop - start) {
          cut = true;
        }
        if (len + take > lineBytes.length) {
          lineBytes = Arrays.copyOf(lineBytes, Math.max(len + take, lineBytes.length * 2));
        }
        System.arraycopy(b, start, lineBytes, len, take);
        len += take;
      }
      if (end < 0) {
        pos = lim;
        continue;
      }
      pos = end + 1;
      skipLf(end);
      break;
    }
    lineNumber++;
    if (cut) {
      warnings.add(part.name() + ":" + lineNumber + ": line longer than " + MAX_LINE + " characters, cut");
    }
    holeEnds();
    return clean(new String(lineBytes, 0, len, encoding.charset()));
  }

  /**
   * For a reading that takes some lines by their bytes alone (a first pass's skim): the buffer
   * of a byte-mode reading of a plain log whose next line may be looked at there, or null (a
   * reading of chars, of a markdown or JSON document, a line already read ahead, or the line
   * cap reached). The next line starts at {@link #skimPosition()}; bytes up to {@link
   * #skimLimit()} are read. The buffer's content stays until {@link #fills()} changes.
   */
  public byte[] skimBuffer() {
    return bytes != null && markdown == null && json == null && !holding() && lineNumber < MAX_LINES - 1 ? bbuf : null;
  }

  /** Where the next line starts in {@link #skimBuffer()}. */
  public int skimPosition() {
    return pos;
  }

  /** How many times the buffer was filled: a position in it stays valid while this is the same. */
  public long fills() {
    return fills;
  }

  /** The end of what is read into {@link #skimBuffer()}: its bytes from {@link #skimPosition()} to here are the file's next. */
  public int skimLimit() {
    return lim;
  }

  /**
   * Takes the next line without making a String of it: it starts at {@link #skimPosition()} and
   * ends at {@code end}, the index of its LF or of the CR of its CRLF, both in the buffer (the
   * caller has looked at its bytes: printable ASCII or DEL, which {@link #next()} would give as
   * they are, unchanged but for the padding it drops). It is counted: {@link #lineNumber()} is
   * its number now.
   */
  public void skip(int end) {
    lineStart = base + pos;
    takenStart = lineStart;
    pos = bbuf[end] == '\r' ? end + 2 : end + 1;
    lineNumber++;
  }

  /** At the end of the part: names the holes that were left out, once. */
  private void holesSaid() {
    if (holes > 0) {
      warnings.add(part.name() + ":" + firstHole + ": " + holeBytes + " zero bytes"
          + (holes > 1 ? " in " + holes + " places from here" : "")
          + " (a hole in the file: a log rotated by copying and truncating it while its writer kept"
          + " its offset, or a machine that stopped before the data reached the disk); left out");
      holes = 0;
    }
  }

  /** At a line's end: its zero bytes, when they are as many as a hole's, are one more hole. */
  private void holeEnds() {
    if (nuls >= Encoding.HOLE) {
      if (holes++ == 0) {
        firstHole = lineNumber;
      }
      holeBytes += nuls;
    }
    nuls = 0;
  }

  /** After a line ended at {@code end} with CR: a following LF belongs to the same line end. */
  private void skipLf(int end) {
    if (bbuf[end] == '\r') {
      if (pos >= lim) {
        fill();
      }
      if (pos < lim && bbuf[pos] == '\n') {
        pos++;
      }
    }
  }

  private boolean fill() {
    if (eof) {
      return false;
    }
    try {
      int n = bytes != null ? bytes.read(bbuf, 0, bbuf.length) : reader.read(buf, 0, buf.length);
      if (n <= 0) {
        eof = true;
        if (compressedEnd != null && compressedEnd.failure != null) {
          readFailed = true;
          warnings.add(part.name() + (compressedEnd.failure instanceof EOFException
              ? ": compressed data ends early after line " + lineNumber + " (truncated .gz); read what was there"
              : ": compressed data is corrupt after line " + lineNumber + " (" + compressedEnd.failure.getMessage()
                  + "); read what was there"));
        }
        checkSize();
        return false;
      }
      base += lim;
      pos = 0;
      lim = n;
      fills++;
      return true;
    } catch (EOFException | ZipException e) {
      readFailed = true;
      warnings.add(part.name() + ": compressed data ends early after line " + lineNumber + " (truncated .gz); read what was there");
    } catch (IOException e) {
      readFailed = true;
      warnings.add(part.name() + ": read failed after line " + lineNumber + ": " + e.getMessage());
    }
    eof = true;
    return false;
  }

  /** At the end of a plain part: says so when the file grew or shrank since it was listed. */
  private void checkSize() {
    if (part.gzip() || !sizeCheck) {
      return;
    }
    try {
      long now = Files.size(part.path());
      if (now > part.size()) {
        warnings.add(part.name() + ": grew from " + part.size() + " to " + now + " bytes while it was read;"
            + " read up to its listed size (rerun to include the rest)");
      } else if (now < part.size()) {
        warnings.add(part.name() + ": shrank from " + part.size() + " to " + now + " bytes while it was read (truncated or rotated)");
      }
    } catch (IOException e) {
      warnings.add(part.name() + ": vanished while it was read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * What a terminal would show of a line as a program wrote it to the terminal: NUL bytes and
   * BEL dropped, escape sequences removed (colours, cursor moves, line clears, private modes such
   * as {@code ESC[?25l}, window titles and hyperlinks, {@code ESC ] ... BEL} or {@code ESC ] ... ESC \},
   * character-set and keypad switches such as {@code ESC ( B}), and each backspace taking back the
   * character before it (a shell's line editing, a pager's overstrike bold {@code N BS N}), so that
   * the words the screen showed are the words signals and formats read. A Windows console's raw
   * rendering of ESC as {@code ←} is removed only before a colour's {@code [digits;digits letter}.
   * An escape sequence that is not closed within the line is left as text, without its ESC.
   */
  static String clean(CharSequence s) {
    int n = s.length();
    boolean dirty = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0 || c == 0x1b || c == '\u2190' || c == BEL || c == BS) {
        dirty = true;
        break;
      }
    }
    if (!dirty) {
      return s.toString();
    }
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0 || c == BEL) {
        continue;
      }
      if (c == BS) {
        if (out.length() > 0) {
          out.setLength(out.length() - 1);
        }
        continue;
      }
      if (c == '\u2190') {
        // its raw Windows-console rendering "←[" digits letter: only a colour's form, "←" is text too
        if (i + 1 < n && s.charAt(i + 1) == '[') {
          int j = i + 2;
          while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == ';')) {
            j++;
          }
          if (j < n && Character.isLetter(s.charAt(j))) {
            i = j;
            continue;
          }
        }
        out.append(c);
        continue;
      }
      if (c == 0x1b) {
        int end = escapeEnd(s, i, n);
        if (end > i) {
          i = end - 1;
        }
        continue; // a lone ESC, or one whose sequence is not closed: the ESC goes, the rest stays
      }
      out.append(c);
    }
    return out.toString();
  }

  private static final char BEL = 0x07;
  private static final char BS = 0x08;

  /**
   * Where the escape sequence that starts with the ESC at {@code i} ends (exclusive), or {@code i}
   * when it is not a complete one within the line. CSI: {@code ESC [}, parameter bytes 0x30-0x3F,
   * intermediate bytes 0x20-0x2F, a final byte 0x40-0x7E. OSC (and the other string sequences,
   * DCS, PM, APC, SOS): {@code ESC ] P ^ _ X}, then anything up to BEL or {@code ESC \}. Else
   * {@code ESC}, intermediate bytes 0x20-0x2F, a final byte 0x30-0x7E ({@code ESC ( B},
   * {@code ESC =}, {@code ESC 7}, {@code ESC M}).
   */
  private static int escapeEnd(CharSequence s, int i, int n) {
    if (i + 1 >= n) {
      return i;
    }
    char k = s.charAt(i + 1);
    if (k == '[') {
      int j = i + 2;
      while (j < n && s.charAt(j) >= 0x30 && s.charAt(j) <= 0x3f) {
        j++;
      }
      while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2f) {
        j++;
      }
      return j < n && s.charAt(j) >= 0x40 && s.charAt(j) <= 0x7e ? j + 1 : i;
    }
    if (k == ']' || k == 'P' || k == '^' || k == '_' || k == 'X') {
      for (int j = i + 2; j < n; j++) {
        char c = s.charAt(j);
        if (c == BEL) {
          return j + 1;
        }
        if (c == 0x1b) {
          return j + 1 < n && s.charAt(j + 1) == '\\' ? j + 2 : i;
        }
      }
      return i;
    }
    int j = i + 1;
    while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2f) {
      j++;
    }
    return j < n && s.charAt(j) >= 0x30 && s.charAt(j) <= 0x7e ? j + 1 : i;
  }

  @Override
  public void close() throws IOException {
    if (json != null) {
      json.close(warnings);
      json = null;
    }
    if (markdown != null && markdown.prose() > 0) {
      warnings.add(part.name() + ": a markdown document: only its code blocks were read, not the "
          + markdown.prose() + (markdown.prose() == 1 ? " line" : " lines") + " of text around them");
      markdown = null;
    }
    if (reader != null) {
      reader.close();
    } else {
      bytes.close();
    }
  }

  /** A filter whose one-byte read goes through its block read (where the filtering is). */
  private abstract static class BlockFilter extends java.io.FilterInputStream {
    BlockFilter(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }
  }

  /**
   * Ends where the compressed data is cut off or corrupt, keeping the failure, instead of throwing:
   * a {@link BufferedInputStream} or a decoder above it that meets the exception in the middle of a
   * read drops what that read had already gathered, and the lines before the cut would be lost.
   */
  private static final class CompressedEnd extends BlockFilter {
    IOException failure;

    CompressedEnd(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failure != null) {
        return -1;
      }
      try {
        return in.read(b, off, len);
      } catch (EOFException | ZipException e) {
        failure = e;
        return -1;
      }
    }

    @Override
    public int available() throws IOException {
      return failure != null ? 0 : in.available();
    }
  }

  /** Ends after {@code cap} bytes and says so once (a .gz bomb). */
  private static final class CappedInputStream extends BlockFilter {
    private long left;
    private final Runnable onCap;

    CappedInputStream(InputStream in, long cap, Runnable onCap) {
      super(in);
      this.left = cap;
      this.onCap = onCap;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        if (left == 0 && in.read() >= 0) {
          onCap.run();
        }
        left = -1;
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  /**
   * Digests the first {@code limit} bytes that pass through it from the file (the bytes as
   * stored: below decompression and decoding); {@link #finish} reads what was left.
   */
  private static final class Fingerprint extends BlockFilter {
    private final MessageDigest md = sha256();
    private long left;
    private boolean eof;
    /** A read threw: what was digested may have a gap, so the digest is not used. */
    private boolean failed;

    Fingerprint(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
      if (n < 0) {
        eof = true;
      } else if (left > 0) {
        int k = (int) Math.min(n, left);
        md.update(b, off, k);
        left -= k;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // every byte skipped is still digested
      byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 8192)];
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r <= 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    /** Reads the rest of the first {@code limit} bytes and returns the hex digest. */
    String finish() throws IOException {
      byte[] buf = new byte[1 << 16];
      while (!eof && left > 0) {
        read(buf, 0, (int) Math.min(buf.length, left));
      }
      return HexFormat.of().formatHex(md.digest());
    }
  }

  /** Reads at most {@code limit} bytes, so a growing file gives the same content to every pass. */
  private static final class BoundedInputStream extends java.io.FilterInputStream {
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int c = super.read();
      if (c >= 0) {
        left--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
