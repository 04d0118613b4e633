package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import dev.coroner.format.FieldMap;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request's key given again to an access line of the last one's shape (read from the same
 * remembered line but for its client port): the same key when the compared fields leave the
 * port out, and each line's own when they compare it. The lines and keys are written by hand.
 */
class RequestKeysShapeTest {
  private static final String SEP = String.valueOf(RequestKeys.SEP);

  @Test
  void linesOfOneShapeShareAKeyUnlessThePortIsCompared(@TempDir Path tmp) throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("incident/logs"));
    Files.writeString(logs.resolve("uvicorn_server.log"), """
        INFO:     127.0.0.1:51234 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:40000 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:40001 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:40002 - "POST /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:40003 - "GET /goals/ HTTP/1.1" 200 OK
        """);
    List<Event> events = read(tmp.resolve("incident"));
    assertThat(events).hasSize(5);
    // lines 2, 3 and 5 are read from the first line (one shape); line 4 is read whole
    Object shape = ((FieldMap) events.get(1).fields()).shape();
    assertThat(shape).isNotNull();
    assertThat(((FieldMap) events.get(2).fields()).shape()).isSameAs(shape);
    assertThat(((FieldMap) events.get(3).fields()).shape()).isNull();
    assertThat(((FieldMap) events.get(4).fields()).shape()).isSameAs(shape);

    assertThat(keys(List.of("path", "method"), events)).containsExactly(
        "/goals/" + SEP + "GET", "/goals/" + SEP + "GET", "/goals/" + SEP + "GET", "/goals/" + SEP + "POST",
        "/goals/" + SEP + "GET");
    assertThat(keys(List.of("path", "clientport"), events)).containsExactly(
        "/goals/" + SEP + "51234", "/goals/" + SEP + "40000", "/goals/" + SEP + "40001", "/goals/" + SEP + "40002",
        "/goals/" + SEP + "40003");
  }

  /** Each event's key as a first step's occurrence (one that asks) of a plan comparing {@code fields}. */
  private static List<String> keys(List<String> fields, List<Event> events) {
    RequestKeys.Plan plan = new RequestKeys.Plan(fields);
    plan.first.add("first");
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      out.add(RequestKeys.keyFor(plan, "first", e));
    }
    return out;
  }

  private static List<Event> read(Path folder) {
    RuleSet rules = RuleSet.load(Optional.empty());
    Formats formats = Formats.load(rules, ZoneOffset.UTC);
    List<Event> out = new ArrayList<>();
    try (Timeline t = Timeline.open(new TimelineRequest(folder, ZoneOffset.UTC, false), formats, UnaryOperator.identity(),
        UnaryOperator.identity(), AnchorSignals.DEFAULT, new Warnings())) {
      while (t.hasNext()) {
        out.add(t.next());
      }
    }
    return out;
  }
}
