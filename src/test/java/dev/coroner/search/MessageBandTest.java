package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code message:} queries on the lean schema (the message band of {@code text}, or a message
 * field of its own) find exactly the events whose first-line message holds the words, and
 * {@code text:} still finds every line's words, phrases across the message's edges included. The
 * folders are the strangers' real logs (every layout the corpus has: JSON records, wrappers,
 * tracebacks, syslog, docker, kubectl ...); the expected sets come from the test's own word
 * splitting ({@link Tokens}) of each event's message and text.
 */
class MessageBandTest {
  private static final Path CASES = Path.of("src", "test", "resources", "real", "cases");
  @TempDir Path cache;

  private static List<Path> cases() {
    try (Stream<Path> s = Files.list(CASES)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void messageAndTextQueriesFindWhatTheWordsSay() {
    int folders = 0;
    int queries = 0;
    int notLiteral = 0;
    int multiLine = 0;
    for (Path folder : cases()) {
      List<Event> events = Folders.events(folder);
      if (events.isEmpty()) {
        continue;
      }
      folders++;
      for (Event e : events) {
        if (!e.message().isEmpty() && !e.text().contains(e.message())) {
          notLiteral++;
        }
        if (e.text().indexOf('\n') >= 0 && !Tokens.of(e.text().substring(e.text().indexOf('\n'))).isEmpty()) {
          multiLine++;
        }
      }
      Map<String, Predicate<Event>> cases = new HashMap<>();
      for (Event e : events) { // the words of messages that are not literally in their text
        List<String> m = Tokens.of(e.message());
        if (!e.text().contains(e.message()) && m.size() >= 2) {
          cases.put("message:\"" + m.get(0) + " " + m.get(1) + "\"", x -> Tokens.phrase(x.message(), m.get(0), m.get(1)));
          cases.put("message:" + m.get(1), x -> Tokens.of(x.message()).contains(m.get(1)));
        }
      }
      for (String w : frequentWords(events, 6)) {
        cases.put("message:\"" + w + "\"", e -> Tokens.of(e.message()).contains(w));
        cases.put("text:\"" + w + "\"", e -> Tokens.of(e.text()).contains(w));
        if (w.length() >= 4) {
          String p = w.substring(0, 3);
          cases.put("message:" + p + "*", e -> Tokens.of(e.message()).stream().anyMatch(t -> t.startsWith(p)));
        }
      }
      for (List<String> pair : edgePairs(events, 4)) {
        String q = "\"" + pair.get(0) + " " + pair.get(1) + "\"";
        cases.put("text:" + q, e -> Tokens.phrase(e.text(), pair.get(0), pair.get(1)));
        cases.put("message:" + q, e -> Tokens.phrase(e.message(), pair.get(0), pair.get(1)));
      }
      try (EventIndex idx = Folders.index(folder, cache)) {
        for (Map.Entry<String, Predicate<Event>> c : cases.entrySet()) {
          List<Long> expected = new ArrayList<>();
          for (int i = 0; i < events.size(); i++) {
            if (c.getValue().test(events.get(i))) {
              expected.add((long) i);
            }
          }
          List<Long> got = new ArrayList<>();
          idx.search(idx.parse(c.getKey()), SearchOrder.TIME, 0, h -> got.add(h.seq()));
          assertThat(got).as("%s in %s", c.getKey(), folder.getFileName()).isEqualTo(expected);
          queries++;
        }
      }
    }
    // the corpus exercises every path: records whose message is not literally in their text
    // (a message field of their own), records with lines after the message (the end mark)
    assertThat(folders).isGreaterThan(60);
    assertThat(queries).isGreaterThan(1000);
    assertThat(notLiteral).isGreaterThanOrEqualTo(5);
    assertThat(multiLine).isGreaterThan(10);
  }

  /** The folder's most frequent message words, and as many of its words found only outside messages. */
  private static Set<String> frequentWords(List<Event> events, int n) {
    Map<String, Integer> inMessages = new HashMap<>();
    Map<String, Integer> elsewhere = new HashMap<>();
    for (Event e : events) {
      List<String> m = Tokens.of(e.message());
      m.forEach(w -> inMessages.merge(w, 1, Integer::sum));
      List<String> rest = new ArrayList<>(Tokens.of(e.text()));
      rest.removeAll(m);
      rest.forEach(w -> elsewhere.merge(w, 1, Integer::sum));
    }
    Set<String> out = new LinkedHashSet<>(top(inMessages, n));
    out.addAll(top(elsewhere, n));
    return out;
  }

  private static List<String> top(Map<String, Integer> counts, int n) {
    List<Map.Entry<String, Integer>> all = new ArrayList<>(counts.entrySet());
    all.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    return all.stream().limit(n).map(Map.Entry::getKey).toList();
  }

  /**
   * Pairs of adjacent words of a text that straddle its message's edges: the last word before the
   * message and its first, its last and the first word after it.
   */
  private static List<List<String>> edgePairs(List<Event> events, int n) {
    List<List<String>> out = new ArrayList<>();
    for (Event e : events) {
      List<String> m = Tokens.of(e.message());
      List<String> t = Tokens.of(e.text());
      int at = m.isEmpty() ? -1 : Collections.indexOfSubList(t, m);
      if (at > 0 && out.size() < n) {
        out.add(List.of(t.get(at - 1), t.get(at)));
      }
      if (at >= 0 && at + m.size() < t.size() && out.size() < 2 * n) {
        out.add(List.of(t.get(at + m.size() - 1), t.get(at + m.size())));
      }
    }
    return out;
  }
}
