package dev.coroner.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file's text encoding, decided from its first bytes: a byte-order mark when there is one,
 * else UTF-16 by its zero bytes, else UTF-8 when the sample is valid UTF-8, else cp1252 (what
 * Windows tools write). Also says when the sample looks like binary data rather than text.
 *
 * @param charset the charset to decode with
 * @param bomLength how many bytes of byte-order mark to skip
 * @param binary whether the sample looks like binary junk (many control bytes)
 */
public record Encoding(Charset charset, int bomLength, boolean binary) {
  public static final Charset CP1252 = Charset.forName("windows-1252");
  /** This many zero bytes in a row are a hole in the file, not text in any encoding. */
  public static final int HOLE = 16;
  /** How many bytes of text (holes left aside) decide the encoding. */
  private static final int SAMPLE = 4096;

  /** The name reports use: UTF-8, UTF-8 (BOM), UTF-16LE (BOM), windows-1252. */
  public String label() {
    String n = charset == CP1252 ? "windows-1252" : charset.name();
    return bomLength > 0 ? n + " (BOM)" : n;
  }

  public boolean isUtf16() {
    return charset == StandardCharsets.UTF_16LE || charset == StandardCharsets.UTF_16BE;
  }

  /** Decides the encoding of a file from its first bytes ({@code len} of them). */
  public static Encoding detect(byte[] b, int len) {
    if (len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      return new Encoding(StandardCharsets.UTF_8, 3, false);
    }
    if (len >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return new Encoding(StandardCharsets.UTF_16LE, 2, false);
    }
    if (len >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return new Encoding(StandardCharsets.UTF_16BE, 2, false);
    }
    int n = Math.min(len, SAMPLE);
    int zeroEven = 0;
    int zeroOdd = 0;
    int control = 0;
    int hole = 0;
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xff;
      if (c == 0 && i + 1 < len && b[i + 1] == 0) {
        // a run of zero bytes: a hole in the file (copy-and-truncate rotation, a crash before the
        // data reached the disk; LineReader leaves it out), which says nothing of the text around it
        int j = i;
        while (j < len && b[j] == 0) {
          j++;
        }
        if (j - i >= HOLE) {
          // the sample is of text: it reaches as far past the hole as the hole is long
          n = (int) Math.min(len, (long) n + (j - i));
          hole += Math.min(j, n) - i;
          i = j - 1;
          continue;
        }
      }
      if (c == 0) {
        if ((i & 1) == 0) {
          zeroEven++;
        } else {
          zeroOdd++;
        }
      } else if (c < 0x07 || (c > 0x0d && c < 0x20 && c != 0x1b)) {
        // a terminal's BEL and backspace (0x07, 0x08), like its escape (0x1b), are what a captured
        // session holds (script's typescript, an edited prompt): text, however many
        control++;
      }
    }
    n -= hole;
    int half = Math.max(1, n / 2);
    if (zeroOdd > half * 0.3 && zeroEven < half * 0.05) {
      return new Encoding(StandardCharsets.UTF_16LE, 0, false);
    }
    if (zeroEven > half * 0.3 && zeroOdd < half * 0.05) {
      return new Encoding(StandardCharsets.UTF_16BE, 0, false);
    }
    boolean binary = n > 0 && (zeroEven + zeroOdd + control) > n * 0.1;
    Charset cs = validUtf8(b, len) ? StandardCharsets.UTF_8 : CP1252;
    return new Encoding(cs, 0, binary);
  }

  private static boolean validUtf8(byte[] b, int len) {
    // A multi-byte sequence cut by the end of the sample is not an error: drop up to 3 bytes.
    int end = len;
    for (int k = 0; k < 3 && end > 0 && (b[end - 1] & 0xC0) == 0x80; k++) {
      end--;
    }
    if (end > 0 && (b[end - 1] & 0xC0) == 0xC0) {
      end--;
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
