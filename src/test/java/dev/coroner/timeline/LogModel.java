package dev.coroner.timeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generated log file whose lines are known: which start a record, in which encoding and with
 * which line ending it is written, and how many bytes are cut from its end.
 */
record LogModel(String name, List<Line> lines, Enc enc, String eol, int cut) {
  record Line(String text, boolean starts) {}

  enum Enc {
    UTF8(StandardCharsets.UTF_8, new byte[0]),
    UTF8_BOM(StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
    UTF16LE_BOM(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}),
    UTF16BE_BOM(StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}),
    CP1252(Charset.forName("windows-1252"), new byte[0]);

    final Charset charset;
    final byte[] bom;

    Enc(Charset charset, byte[] bom) {
      this.charset = charset;
      this.bom = bom;
    }
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(enc.bom);
    StringBuilder sb = new StringBuilder();
    for (Line l : lines) {
      sb.append(l.text()).append(eol);
    }
    out.writeBytes(sb.toString().getBytes(enc.charset));
    byte[] b = out.toByteArray();
    int keep = Math.max(0, b.length - cut);
    return Arrays.copyOf(b, keep);
  }

  /** Records that start in the file (exact only when nothing is cut). */
  long starts() {
    return lines.stream().filter(Line::starts).count();
  }

  /** Lines before the first record: unparsed (exact only when nothing is cut). */
  long leading() {
    long n = 0;
    for (Line l : lines) {
      if (l.starts()) {
        return n;
      }
      n++;
    }
    return n;
  }

  static List<Line> traceback(int frames, String exception) {
    List<Line> out = new ArrayList<>();
    out.add(new Line("Traceback (most recent call last):", false));
    for (int i = 0; i < frames; i++) {
      out.add(new Line("  File \"/srv/app.py\", line " + (10 + i) + ", in handler", false));
      out.add(new Line("    do_thing()", false));
    }
    out.add(new Line(exception, false));
    return out;
  }
}
