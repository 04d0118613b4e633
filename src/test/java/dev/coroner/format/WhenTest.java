package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenTest {

  @Test
  void aWrittenTimeIsExactAndItsOwnInterval() {
    When w = When.written(1_751_470_027_592L);
    assertThat(w.kind()).isEqualTo(TimeKind.EXACT);
    assertThat(w.earliest()).isEqualTo(1_751_470_027_592L);
    assertThat(w.latest()).isEqualTo(1_751_470_027_592L);
    assertThat(w.known()).isTrue();
  }

  @Test
  void aRecordWithoutATimeIsUnknownNotExact() {
    assertThat(When.written(When.NO_TIME)).isSameAs(When.UNKNOWN);
    assertThat(When.UNKNOWN.kind()).isEqualTo(TimeKind.UNKNOWN);
    assertThat(When.UNKNOWN.known()).isFalse();
  }

  @Test
  void anInferredTimeKeepsItsInterval() {
    When w = When.inferred(1_500L, 1_000L, 2_000L);
    assertThat(w.kind()).isEqualTo(TimeKind.INFERRED);
    assertThat(w.earliest()).isEqualTo(1_000L);
    assertThat(w.latest()).isEqualTo(2_000L);
    assertThat(w.known()).isTrue();
  }

  @Test
  void anEventReadsItsTimeFromItsWhenAndReplacesItWhole() {
    Event e = new Event(Source.SERVER, "logs/uvicorn_server.log", 3, 3, 2, When.UNKNOWN, "INFO", "",
        "Shutting down", "Shutting down", "INFO:     Shutting down", Map.of(), "uvicorn", List.of());
    assertThat(e.hasTime()).isFalse();
    assertThat(e.time()).isEqualTo(Event.NO_TIME);
    Event placed = e.withTime(When.inferred(5_000L, 4_000L, 6_000L));
    assertThat(placed.hasTime()).isTrue();
    assertThat(List.of(placed.time(), placed.earliest(), placed.latest())).containsExactly(5_000L, 4_000L, 6_000L);
    assertThat(placed.timeKind()).isEqualTo(TimeKind.INFERRED);
    assertThat(placed.text()).isEqualTo(e.text());
    assertThat(placed.line()).isEqualTo(3L);
  }
}
