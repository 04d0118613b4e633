package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code log.offset} of the ECS documents ({@code timeline --format ecs}, which export sends):
 * the byte offset of the record's first line in its file, checked against offsets computed here
 * from each file's bytes by other means (decode the whole file, find the start of each line by
 * its CR, LF or CRLF, encode the text before it again), over every sample folder: LF and CRLF
 * files, a UTF-8 file with a byte-order mark, a UTF-16LE one with a mark, a rotated .gz.
 */
class EcsOffsetTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The byte offsets at which lines 1, 2, ... of {@code file} begin (of the decompressed content, for .gz). */
  static List<Long> lineStarts(Path file) throws IOException {
    byte[] raw;
    try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
      raw = in.readAllBytes();
    }
    int bom = 0;
    // other than UTF-16, a line ends at the byte CR or LF: decode byte for byte (ISO-8859-1), whatever the encoding
    Charset cs = StandardCharsets.ISO_8859_1;
    if (raw.length >= 3 && (raw[0] & 0xff) == 0xef && (raw[1] & 0xff) == 0xbb && (raw[2] & 0xff) == 0xbf) {
      bom = 3;
    } else if (raw.length >= 2 && (raw[0] & 0xff) == 0xff && (raw[1] & 0xff) == 0xfe) {
      bom = 2;
      cs = StandardCharsets.UTF_16LE;
    } else if (raw.length >= 2 && (raw[0] & 0xff) == 0xfe && (raw[1] & 0xff) == 0xff) {
      bom = 2;
      cs = StandardCharsets.UTF_16BE;
    }
    String text = new String(raw, bom, raw.length - bom, cs);
    List<Long> starts = new ArrayList<>();
    starts.add((long) bom);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      } else if (c != '\r' && c != '\n') {
        continue;
      }
      starts.add(bom + (long) text.substring(0, i + 1).getBytes(cs).length);
    }
    return starts;
  }

  @Test
  void everyDocumentsOffsetIsWhereItsLineBeginsInTheFile() throws IOException {
    Map<String, Integer> checked = new HashMap<>();
    int documents = 0;
    for (Path dir : FleetRoundTripTest.folders()) {
      Cli r = Coroner.cli("timeline", dir.toString(), "--format", "ecs", "--tz", "UTC", "--host", "h");
      assertThat(r.status()).as("%s: %s", dir, r.err()).isZero();
      Map<String, List<Long>> starts = new HashMap<>();
      for (String line : r.out().split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode d = JSON.readTree(line);
        documents++;
        String file = d.at("/log/file/path").asText();
        long n = d.at("/log/file/line").asLong();
        JsonNode offset = d.at("/log/offset");
        if (d.at("/coroner/emptyFile").asBoolean(false)) {
          assertThat(offset.isMissingNode()).as("an empty file's document has no offset").isTrue();
          continue;
        }
        assertThat(offset.isIntegralNumber()).as("%s:%d has log.offset", file, n).isTrue();
        List<Long> s = starts.computeIfAbsent(file, f -> {
          try {
            return lineStarts(dir.resolve(f));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        assertThat(offset.asLong()).as("%s %s:%d", dir.getFileName(), file, n).isEqualTo(s.get((int) (n - 1)));
        String kind = file.endsWith(".gz") ? "gz" : s.get(0) == 2 ? "utf16" : s.get(0) == 3 ? "utf8-bom" : "plain";
        if (n > 1) {
          checked.merge(kind, 1, Integer::sum);
        }
      }
    }
    assertThat(documents).isPositive();
    assertThat(checked).as("past the first line, in each kind of file").containsKeys("gz", "utf16", "utf8-bom", "plain");
  }
}
