package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser tests that read as data: {@code FormatTester.of("uvicorn").line("INFO:     Started
 * server process [42]").expect("pid", "42").check()}. Reads the line with the built-in format of
 * that id (zone-less times in UTC) as the format's samples are read: the first line's fields, the
 * extractors' fields, and {@code level}, {@code logger}, {@code message}, {@code time} (ISO, UTC).
 */
public final class FormatTester {
  private final Format.Scanner format;
  private String line;
  private boolean starts = true;
  private final Map<String, String> expected = new LinkedHashMap<>();
  private final List<String> absent = new ArrayList<>();

  private FormatTester(Format.Scanner format) {
    this.format = format;
  }

  public static FormatTester of(String formatId) {
    Format f = Coroner.formats(ZoneOffset.UTC).get(formatId);
    assertThat(f).as("built-in format %s", formatId).isNotNull();
    return new FormatTester(f.scanner());
  }

  public FormatTester line(String l) {
    this.line = l;
    return this;
  }

  /** The line continues the record above (a traceback line) or is not read at all. */
  public FormatTester continues() {
    this.starts = false;
    return this;
  }

  public FormatTester expect(String field, String value) {
    expected.put(field, value);
    return this;
  }

  public FormatTester time(String iso) {
    expected.put("time", Instant.parse(iso).toString());
    return this;
  }

  public FormatTester absent(String field) {
    absent.add(field);
    return this;
  }

  public void check() {
    Format.Head h = format.head(line);
    boolean didStart = h != null && h.starts();
    assertThat(didStart).as("%s starts a record with %s", line, format.format().id()).isEqualTo(starts);
    if (h == null) {
      return;
    }
    Map<String, String> got = new LinkedHashMap<>(h.fields());
    format.extract(h.message(), got);
    got.put("level", h.level());
    got.put("logger", h.logger());
    got.put("message", h.message());
    if (h.time() != Event.NO_TIME) {
      got.put("time", Instant.ofEpochMilli(h.time()).toString());
    }
    assertThat(got).as("fields of %s read by %s", line, format.format().id()).containsAllEntriesOf(expected);
    assertThat(got).as("fields of %s read by %s", line, format.format().id()).doesNotContainKeys(absent.toArray(new String[0]));
  }
}
