package dev.coroner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodingTest {
  private static Encoding detect(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return Encoding.detect(b, b.length);
  }

  @Test
  void aTerminalCaptureFullOfBackspacesAndBellsIsText() {
    // a prompt edited key by key, as `script` keeps it: 4 of every 13 bytes are BS or BEL (31 %)
    String edited = "$ uvicorn m\b\b\u0007\u0007ain:app\n";
    assertThat(detect(edited.repeat(40)).binary()).isFalse();
  }

  @Test
  void controlBytesAPrinterOrATerminalDoesNotWriteAreBinary() {
    // SOH..ACK (0x01-0x06) in 3 of every 10 bytes: no text writer puts them in a log
    String junk = "ab\u0001cd\u0003ef\u0006g\n";
    assertThat(detect(junk.repeat(40)).binary()).isTrue();
  }

  @Test
  void escapeSequencesAreText() {
    String coloured = "\u001b[32mINFO\u001b[0m:     Started\n";
    assertThat(detect(coloured.repeat(40)).binary()).isFalse();
  }

  @Test
  void aHoleOfZeroBytesBeforeTheTextIsNeitherBinaryNorUtf16() {
    // copy-and-truncate rotation: the writer goes on at its old offset, the file begins with zeros
    byte[] text = "INFO:     127.0.0.1:50312 - \"GET /health HTTP/1.1\" 200 OK\n".repeat(200)
        .getBytes(StandardCharsets.UTF_8);
    for (int hole : new int[] {16, 4096, 20_000}) {
      byte[] b = new byte[hole + text.length];
      System.arraycopy(text, 0, b, hole, text.length);
      Encoding e = Encoding.detect(b, b.length);
      assertThat(e.binary()).as("hole of %d", hole).isFalse();
      assertThat(e.charset()).as("hole of %d", hole).isEqualTo(StandardCharsets.UTF_8);
    }
  }

  @Test
  void utf16TextAfterAHoleIsStillUtf16() {
    byte[] text = "INFO:     Started server process [7]\r\n".repeat(100).getBytes(StandardCharsets.UTF_16LE);
    byte[] b = new byte[8192 + text.length];
    System.arraycopy(text, 0, b, 8192, text.length);
    assertThat(Encoding.detect(b, b.length).charset()).isEqualTo(StandardCharsets.UTF_16LE);
  }

  @Test
  void fifteenZerosInARowAreNotAHole() {
    // below Encoding.HOLE: zeros among text are binary as before
    String junk = "ab" + "\0".repeat(15) + "cd\n";
    assertThat(detect(junk.repeat(40)).binary()).isTrue();
  }
}
