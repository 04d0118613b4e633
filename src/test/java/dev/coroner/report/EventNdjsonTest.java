package dev.coroner.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import dev.coroner.format.When;
import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The hand-written ndjson writer writes what Jackson's generator writes for the same events
 * (the shape of {@link EventJson#write}, a newline between root values and one at the end):
 * every char that needs an escape, non-ASCII and lone surrogates, strings longer than its buffer,
 * times of every kind.
 */
class EventNdjsonTest {
  private static final Times UTC = new Times(ZoneId.of("UTC"));

  private static String jackson(List<Event> events, Times times) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(w)) {
      g.setRootValueSeparator(new SerializedString("\n"));
      for (Event e : events) {
        EventJson.write(g, e, times);
      }
      g.writeRaw('\n');
    }
    return w.toString();
  }

  private static String mine(List<Event> events, Times times) throws IOException {
    StringWriter w = new StringWriter();
    EventNdjson nd = new EventNdjson(w, times);
    for (Event e : events) {
      nd.write(e);
    }
    nd.finish();
    return w.toString();
  }

  @Property(tries = 400)
  void sameAsJackson(@ForAll("events") List<Event> events) throws IOException {
    assertThat(mine(events, UTC)).isEqualTo(jackson(events, UTC));
  }

  @Property(tries = 100)
  void sameAsJacksonInAZoneWithSummerTime(@ForAll("events") List<Event> events) throws IOException {
    Times berlin = new Times(ZoneId.of("Europe/Berlin"));
    assertThat(mine(events, berlin)).isEqualTo(jackson(events, new Times(ZoneId.of("Europe/Berlin"))));
  }

  @Test
  void noEventsIsOneNewline() throws IOException {
    assertThat(mine(List.of(), UTC)).isEqualTo("\n").isEqualTo(jackson(List.of(), UTC));
  }

  @Test
  void everyCharBelow256AndLoneSurrogates() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 256; c++) {
      sb.append(c);
    }
    sb.append('\ud800').append("x").append('\udc00').append("\ud83d\ude00");
    Event e = event(sb.toString(), "a\"b", Map.of("k\n", "v\u0001", "\\", "\u2028"), List.of("x.y\t"), TimeKind.EXACT, 0);
    String out = mine(List.of(e), UTC);
    assertThat(out).isEqualTo(jackson(List.of(e), UTC));
    // read by a human: a quote, a backslash and the controls escaped, the rest as is
    assertThat(out).contains("\"message\":\"\\u0000\\u0001").contains("\\b\\t\\n\\u000B\\f\\r\\u000E").contains(" !\\\"#")
        .contains("Z[\\\\]^").contains("\u007f\u0080").contains("\"time\":\"2023-11-14T22:13:20.123+00:00\"");
  }

  @Test
  void stringsLongerThanTheBuffer() throws IOException {
    String longPlain = "x".repeat(200_000);
    String longEscaped = "\"\n".repeat(70_000);
    List<Event> events = List.of(event(longPlain, longEscaped, Map.of(), List.of(), TimeKind.INFERRED, 5),
        event("a" + "y".repeat(65_530), "b", Map.of("f", "z".repeat(65_540)), List.of(), TimeKind.UNKNOWN, 9));
    assertThat(mine(events, UTC)).isEqualTo(jackson(events, UTC));
  }

  private static Event event(String message, String text, Map<String, String> fields, List<String> signals, TimeKind kind,
      long line) {
    long t = kind == TimeKind.UNKNOWN ? Event.NO_TIME : 1_700_000_000_123L;
    long hi = kind == TimeKind.INFERRED ? Long.MAX_VALUE : t;
    return new Event(Source.OTHER, "logs/a b.log", line, line + (text.isEmpty() ? 0 : 2), line,
        new When(t, kind == TimeKind.INFERRED ? 1_699_000_000_000L : t, hi, kind), "WARNING", "uvicorn.error", message, message, text,
        fields, "uvicorn", signals);
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<String> str = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40),
        Arbitraries.strings().alpha().numeric().withChars(' ', '"', '\\', '/', '\n', '\t').ofMaxLength(300),
        Arbitraries.strings().withChars('a', '"').ofMinLength(60_000).ofMaxLength(70_000).injectDuplicates(0.0));
    Arbitrary<String> small = Arbitraries.strings().all().ofMaxLength(12);
    Arbitrary<Map<String, String>> fields = Arbitraries.maps(small, small).ofMaxSize(12);
    Arbitrary<List<String>> signals = small.list().ofMaxSize(4);
    Arbitrary<Long> time = Arbitraries.oneOf(Arbitraries.longs().between(-5_000_000_000_000L, 5_000_000_000_000L),
        Arbitraries.of(Event.NO_TIME, Long.MAX_VALUE, 0L, -1L));
    Arbitrary<long[]> lines = Combinators.combine(Arbitraries.longs().between(1, 1_000_000_000_000L),
        Arbitraries.longs().between(0, 3)).as((a, b) -> new long[] {a, a + b});
    Arbitrary<Event> one = Combinators.combine(
        Combinators.combine(Arbitraries.of(Source.class), small, lines, time, time, time, Arbitraries.of(TimeKind.class))
            .as((src, file, ln, t, lo, hi, kind) -> new Object[] {src, file, ln, t, lo, hi, kind}),
        Combinators.combine(small, small, str, str, fields, small, signals)
            .as((level, logger, message, text, f, format, sig) -> new Object[] {level, logger, message, text, f, format, sig}))
        .as((a, b) -> {
          long[] ln = (long[]) a[2];
          @SuppressWarnings("unchecked")
          Map<String, String> f = new LinkedHashMap<>((Map<String, String>) b[4]);
          @SuppressWarnings("unchecked")
          List<String> sig = new ArrayList<>((List<String>) b[6]);
          return new Event((Source) a[0], (String) a[1], ln[0], ln[1], ln[0],
              new When((Long) a[3], (Long) a[4], (Long) a[5], (TimeKind) a[6]), (String) b[0], (String) b[1], (String) b[2], (String) b[2], (String) b[3], f, (String) b[5], sig);
        });
    return one.list().ofMaxSize(30);
  }
}
