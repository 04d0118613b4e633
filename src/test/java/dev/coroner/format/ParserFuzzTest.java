package dev.coroner.format;

import dev.coroner.format.When;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.signal.Signals;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Fuzzing (jqwik at high counts) of the line parsers: every built-in format, the timestamp
 * readers, key=value fields and signal matching take any string without throwing (a property
 * that checks only that says so by its name), and what they give back keeps its invariants.
 */
class ParserFuzzTest {
  private static final String[] PIECES = {"INFO:", "ERROR:    ", "WARNING:  ", "INFO ", "2026-11-27 18:30:01,234", "2026-11-27T18:30:01.123+01:00",
      "9999-99-99 99:99:99,999", "2026-02-30 24:00:00.0", " - ", " err ", " out ", "Traceback (most recent call last):", "  File \"x\"",
      "[Errno ", "[WinError 10061]", "]", "process [", "running on http://", "[::1]", ":8000", "host='", "', port=", "\"GET /goals/ HTTP/1.1\" 200",
      "bind on address ('", "Caused by ", "Error(", "key=", "\"", "\\", "=", " ", "\t", "\u001b[32m", "←[0m", "\u0000", "é", "\uD83D\uDE00", "\uD800",
      "Z", "+01:00", "-", ",", ".", "a", "0", "99999999999999999999"};

  /** A real time of both common shapes, read first so the hour cache holds something. */
  private static final String WARM_UP = "2026-11-27 18:30:01,234";

  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.strings().ofMaxLength(8));
    return piece.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Property(tries = 3000, shrinking = ShrinkingMode.BOUNDED)
  void formatsReadAnyLineWithoutThrowing(@ForAll("lines") String line) {
    for (Format f : Coroner.formats(ZoneOffset.UTC).all()) {
      Format.Scanner mine = f.scanner();
      Format.Head h = mine.head(line);
      Map<String, String> fields = new LinkedHashMap<>();
      mine.extract(line, fields);
      if (h != null) {
        assertThat(h.message()).isNotNull();
        mine.extract(h.message() + "\n" + line, fields);
      }
    }
  }

  /** The hour cache cannot change an answer: a reader that has just read other text gives what a fresh one gives. */
  @Property(tries = 3000, shrinking = ShrinkingMode.BOUNDED)
  void timestampsReadAnyTextAndTheHourCacheAgreesWithAFreshReader(@ForAll("lines") String before, @ForAll("lines") String text) {
    for (String kind : List.of("python", "iso8601", "", "yyyy-MM-dd HH:mm:ss", "dd/MMM/yyyy:HH:mm:ss Z")) {
      Timestamps warm = new Timestamps(kind, ZoneId.of("Europe/Berlin"));
      warm.parse(WARM_UP);
      warm.parse(before);
      long fresh = new Timestamps(kind, ZoneId.of("Europe/Berlin")).parse(text);
      assertThat(warm.parse(text)).as("%s after %s", kind, before).isEqualTo(fresh);
      if (kind.isEmpty()) {
        assertThat(fresh).as("no kind reads no time").isEqualTo(Event.NO_TIME);
      }
    }
  }

  @Property(tries = 3000, shrinking = ShrinkingMode.BOUNDED)
  void keyValuesReadAnyText(@ForAll("lines") String text) {
    Map<String, String> out = new LinkedHashMap<>();
    KeyValues.parse(text, out);
    assertThat(out.keySet()).allSatisfy(k -> assertThat(k).isNotEmpty().doesNotContain(" "));
  }

  @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
  void signalsMatchAnyEvent(@ForAll("lines") String body, @ForAll Source source, @ForAll("lines") String fieldValue) {
    Signals signals = Coroner.signals();
    Map<String, String> fields = Map.of("errno", fieldValue, "path", fieldValue, "event", fieldValue, "status", fieldValue);
    Event e = new Event(source, "f", 1, 1, 0, When.written(0), fieldValue, "", body, body, body, fields, "x", List.of());
    Event a = signals.annotate(e);
    assertThat(a.signals()).doesNotHaveDuplicates();
  }
}
