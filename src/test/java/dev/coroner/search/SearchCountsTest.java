package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import dev.coroner.report.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every folder and query, the index's hit count equals the number of timeline events that
 * satisfy the same condition written in plain Java; hits come back in timeline order.
 */
class SearchCountsTest {
  @TempDir static Path cache;

  private record Case(String query, Predicate<Event> expected) {}

  private static final List<Case> FIXED = List.of(
      new Case("errno:111", e -> e.field("errno").equals("111")),
      new Case("errno:10061", e -> e.field("errno").equals("10061")),
      new Case("source:client", e -> e.source() == Source.CLIENT),
      new Case("source:SERVER AND NOT signal:server.access",
          e -> e.source() == Source.SERVER && !e.has("server.access")),
      new Case("level:error", e -> e.level().equalsIgnoreCase("ERROR")),
      new Case("signal:client.connection-refused", e -> e.has("client.connection-refused")),
      new Case("signal:server.*", e -> e.signals().stream().anyMatch(s -> s.startsWith("server."))),
      new Case("signal:client.connection-reset OR signal:client.read-timeout",
          e -> e.has("client.connection-reset") || e.has("client.read-timeout")),
      new Case("port:8000", e -> e.field("port").equals("8000")),
      new Case("status:200", e -> e.field("status").equals("200")),
      new Case("path:\"/goals/\"", e -> e.field("path").equals("/goals/")),
      new Case("exception:newconnectionerror", e -> e.field("exception").equalsIgnoreCase("NewConnectionError")),
      new Case("exception:RuntimeError OR errno:98", e -> e.field("exception").equals("RuntimeError") || e.field("errno").equals("98")),
      new Case("method:GET AND NOT path:\"/goals/\"", e -> e.field("method").equals("GET") && !e.field("path").equals("/goals/")),
      new Case("timeKind:inferred", e -> e.timeKind() == TimeKind.INFERRED),
      new Case("timeKind:exact", e -> e.timeKind() == TimeKind.EXACT),
      new Case("NewConnectionError", e -> Tokens.of(e.text()).contains("newconnectionerror")),
      new Case("text:\"Errno 111\"", e -> Tokens.phrase(e.text(), "errno", "111")),
      new Case("\"WinError 10061\"", e -> Tokens.phrase(e.text(), "winerror", "10061")),
      new Case("127.0.0.1", e -> Tokens.phrase(e.text(), "127", "0", "0", "1")),
      new Case("message:\"startup failed\"", e -> Tokens.phrase(e.message(), "startup", "failed")),
      new Case("message:startup AND NOT message:complete",
          e -> Tokens.of(e.message()).contains("startup") && !Tokens.of(e.message()).contains("complete")),
      new Case("traceback", e -> Tokens.of(e.text()).contains("traceback")),
      new Case("refus*", e -> Tokens.of(e.text()).stream().anyMatch(t -> t.startsWith("refus"))),
      new Case("line:[1 TO 5]", e -> e.line() >= 1 && e.line() <= 5),
      // lastLine is a point of its own only for records of more than one line (index version 7)
      new Case("lastLine:[3 TO 40]", e -> e.lastLine() >= 3 && e.lastLine() <= 40),
      new Case("lastLine:[* TO *]", e -> true),
      new Case("lastLine:{* TO 4}", e -> e.lastLine() < 4),
      new Case("line:[* TO 9] AND lastLine:[10 TO *]", e -> e.line() <= 9 && e.lastLine() >= 10),
      new Case("lastLine:7 OR line:7", e -> e.lastLine() == 7 || e.line() == 7),
      new Case("earliest:[* TO *]", e -> true),
      new Case("timeKind:inferred AND latest:[* TO *]", e -> e.timeKind() == TimeKind.INFERRED),
      new Case("file:\"logs/uvicorn_server.log\" AND line:3", e -> e.file().equals("logs/uvicorn_server.log") && e.line() == 3));

  @TestFactory
  Stream<DynamicNode> hitCountsEqualTheTimeline() {
    return Folders.all().stream().map(folder -> {
      List<Event> events = Folders.events(folder);
      List<Case> cases = new ArrayList<>(FIXED);
      cases.addAll(timeCases(events));
      return DynamicContainer.dynamicContainer(folder.getFileName().toString(), cases.stream().map(c ->
          DynamicTest.dynamicTest(c.query(), () -> check(folder, events, c))));
    });
  }

  /** Each fixed query finds something in some folder, so no case passes by matching nothing. */
  @org.junit.jupiter.api.Test
  void everyQueryMatchesSomewhere() {
    List<List<Event>> all = Folders.all().stream().map(Folders::events).toList();
    for (Case c : FIXED) {
      assertThat(all.stream().flatMap(List::stream).anyMatch(c.expected())).as(c.query()).isTrue();
    }
  }

  private static void check(Path folder, List<Event> events, Case c) {
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (c.expected().test(events.get(i))) {
        expected.add((long) i);
      }
    }
    try (EventIndex idx = Folders.index(folder, cache)) {
      assertThat(idx.events()).isEqualTo(events.size());
      var q = idx.parse(c.query());
      assertThat(idx.count(q)).as(c.query()).isEqualTo(expected.size());
      List<Long> got = new ArrayList<>();
      idx.search(q, SearchOrder.TIME, 0, h -> got.add(h.seq()));
      assertThat(got).as("hits of %s in timeline order", c.query()).isEqualTo(expected);
      for (long s : got) {
        Event want = events.get((int) s);
        List<Hit> one = idx.range(s, s);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).event().ref()).isEqualTo(want.ref());
        assertThat(one.get(0).event().time()).isEqualTo(want.time());
        assertThat(one.get(0).event().signals()).isEqualTo(want.signals());
        assertThat(one.get(0).event().fields()).isEqualTo(want.fields());
      }
    }
  }

  /**
   * Time ranges between the folder's exact-time quartiles: exact to the millisecond on {@code
   * time}, the documented interval semantics on {@code earliest}/{@code latest}, and readable
   * minute bounds.
   */
  static List<Case> timeCases(List<Event> events) {
    List<Long> exact = events.stream().filter(e -> e.timeKind() == TimeKind.EXACT).map(Event::time).sorted().toList();
    if (exact.size() < 4) {
      return List.of();
    }
    long a = exact.get(exact.size() / 4);
    long b = exact.get(exact.size() * 3 / 4);
    Times times = new Times(Folders.ZONE);
    String ia = times.iso(a);
    String ib = times.iso(b);
    long minute = Instant.ofEpochMilli(a).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
    String local = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").format(Instant.ofEpochMilli(minute).atZone(Folders.ZONE));
    return List.of(
        new Case("time:[" + ia + " TO " + ib + "]", e -> e.hasTime() && e.time() >= a && e.time() <= b),
        new Case("time:{" + ia + " TO " + ib + "}", e -> e.hasTime() && e.time() > a && e.time() < b),
        new Case("timeKind:exact AND time:[" + ia + " TO " + ib + "]",
            e -> e.timeKind() == TimeKind.EXACT && e.time() >= a && e.time() <= b),
        new Case("time:[" + local + " TO *]", e -> e.hasTime() && e.time() >= minute),
        new Case("time:[* TO " + local + "]", e -> e.hasTime() && e.time() <= minute),
        new Case("latest:[" + ia + " TO *] AND earliest:[* TO " + ib + "]",
            e -> (e.latest() == Event.NO_TIME ? Long.MAX_VALUE : e.latest()) >= a && e.earliest() <= b),
        // earliest and latest are points of their own only where they are not the time (index version 7)
        new Case("earliest:[" + ia + " TO " + ib + "]", e -> e.earliest() >= a && e.earliest() <= b),
        new Case("latest:{" + ia + " TO " + ib + "}", e -> latest(e) > a && latest(e) < b),
        new Case("earliest:[* TO " + ia + "] OR latest:[" + ib + " TO *]", e -> e.earliest() <= a || latest(e) >= b),
        new Case("source:client AND NOT earliest:[" + ia + " TO *]", e -> e.source() == Source.CLIENT && e.earliest() < a));
  }

  private static long latest(Event e) {
    return e.latest() == Event.NO_TIME ? Long.MAX_VALUE : e.latest();
  }
}
