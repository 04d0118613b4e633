package dev.coroner.search;

import dev.coroner.format.When;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The stored event reads back as it was written (its body becomes its text, as documented). */
class EventCodecTest {
  private static Event asStored(Event e) {
    return new Event(e.source(), e.file(), e.line(), e.lastLine(), e.ordinal(), e.when(),
        e.level(), e.logger(), e.message(), e.text(), e.text(), e.fields(), e.format(), e.signals());
  }

  private static void roundTrip(EventCodec codec, Event e, long seq) {
    BytesRef b = BytesRef.deepCopyOf(codec.encode(e, seq));
    assertThat(EventCodec.decode(b)).isEqualTo(asStored(e));
    assertThat(EventCodec.seq(b)).isEqualTo(seq);
  }

  @Test
  void everyEventOfTheTestFoldersRoundTrips() {
    EventCodec codec = new EventCodec();
    long n = 0;
    for (Path folder : Folders.all()) {
      for (Event e : Folders.events(folder)) {
        roundTrip(codec, e, n++);
      }
    }
    assertThat(n).isPositive();
  }

  @Test
  void extremesRoundTrip() {
    EventCodec codec = new EventCodec();
    String big = "x".repeat(100_000) + "\u00e9\u4e2d\ud83d\ude00";
    Event unknown = new Event(Source.OTHER, "a/b.log", 7, 9, 0, new When(Event.NO_TIME, Event.NO_TIME, Event.NO_TIME,
        TimeKind.values()[TimeKind.values().length - 1]), "", "", "", "line one\nline two", "", Map.of(), "", List.of());
    Event wide = new Event(Source.CLIENT, "c.log", Integer.MAX_VALUE - 1, Integer.MAX_VALUE, Long.MAX_VALUE,
        new When(Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, TimeKind.EXACT), "ERROR", "l\u00f6gger", big, big, big + "\n2",
        Map.of("errno", "111", "path", "/goals/", "\u00fc", ""), "fmt", List.of("a.b", "c.d", "a.b"));
    roundTrip(codec, unknown, 0);
    roundTrip(codec, wide, Long.MAX_VALUE);
    roundTrip(codec, unknown, 1); // the buffer is reused after a large event
  }
}
