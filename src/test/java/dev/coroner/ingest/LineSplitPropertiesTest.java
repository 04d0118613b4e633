package dev.coroner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Lines come out as an independent splitter cuts them (CR, LF or CRLF end a line; a last line
 * without an ending still counts; a line over the cap keeps its first 64 Ki characters), whatever
 * their length relative to the 64 KiB read buffer. ASCII, so that bytes and characters agree.
 */
class LineSplitPropertiesTest {

  @Property(tries = 60)
  void linesAreTheTextCutAtItsLineEnds(@ForAll("texts") String text) throws IOException {
    Path f = Files.createTempFile("coroner-split", ".log");
    try {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      Files.write(f, bytes);
      List<String> got = new ArrayList<>();
      try (LineReader r = LineReader.open(new LogFile.Part(f, "x.log", false, bytes.length, 0), new Warnings())) {
        r.forEachRemaining(got::add);
      }
      List<String> want = split(text);
      // lengths only in the message: the lines can be 64 KiB long
      assertThat(got.equals(want)).as("line lengths %s, expected %s", lengths(got), lengths(want)).isTrue();
    } finally {
      Files.deleteIfExists(f);
    }
  }

  private static List<Integer> lengths(List<String> lines) {
    return lines.stream().map(String::length).toList();
  }

  /** The reference: a plain loop over the characters; a line longer than the cap keeps its start. */
  private static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        out.add(capped(cur));
        cur.setLength(0);
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(capped(cur));
    }
    return out;
  }

  private static String capped(StringBuilder line) {
    return line.length() > LineReader.MAX_LINE ? line.substring(0, LineReader.MAX_LINE) : line.toString();
  }

  @Provide
  Arbitrary<String> texts() {
    // lines of any length up to a little more than the buffer, so that line ends (a CR and its
    // LF too) fall on and around the buffer's edges
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abc-:[]").ofMaxLength(80),
        Arbitraries.integers().between(65_400, 65_600).map("y"::repeat),
        Arbitraries.integers().between(1, 40_000).map("z"::repeat));
    Arbitrary<String> end = Arbitraries.of("\n", "\r\n", "\r");
    return net.jqwik.api.Combinators.combine(line, end).as(String::concat).list().ofMaxSize(12)
        .flatMap(parts -> Arbitraries.of("", "tail").map(tail -> String.join("", parts) + tail));
  }
}
