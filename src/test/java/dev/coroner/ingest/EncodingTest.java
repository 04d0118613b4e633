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
}
