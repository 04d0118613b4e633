package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.bench.IncidentGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written readers of {@link FastPaths} against the regexes they stand for: every
 * bundled format reads every line of the sample logs, the real-world excerpts, a generated
 * folder of each shape and mutated near-miss heads the same way with them ({@link Formats} as
 * loaded) and without them ({@link Formats#regexOnly}): the same head (match or not, time,
 * level, logger, message, fields) and the same extracted fields, in the same order.
 */
class FastPathsTest {
  private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"));

  /** Both readings of every format, one scanner each, kept over many lines (as a reader keeps them). */
  private static final class Pair {
    final Map<String, Format.Scanner> fast = new LinkedHashMap<>();
    final Map<String, Format.Scanner> regex = new LinkedHashMap<>();
    /** Lines a hand-written head read (matched), per format, and access lines extracted. */
    final Map<String, Integer> fastHeads = new LinkedHashMap<>();
    int accessLines;
    int lines;

    Pair(ZoneId zone) {
      Formats formats = Coroner.formats(zone);
      Formats reference = formats.regexOnly();
      for (Format f : formats.all()) {
        fast.put(f.id(), f.scanner());
        regex.put(f.id(), reference.get(f.id()).scanner());
      }
    }

    void check(String line) {
      check(line, 0);
    }

    /** Checks a line, then what each envelope that reads it wraps (as a reader peels it), to {@link Formats#MAX_ENVELOPES} deep. */
    void check(String line, int depth) {
      lines++;
      for (String id : fast.keySet()) {
        Format.Scanner a = fast.get(id);
        Format.Scanner b = regex.get(id);
        Format.Head ha = a.head(line);
        Format.Head hb = b.head(line);
        assertThat(ha).as("head of %s by %s", show(line), id).isEqualTo(hb);
        if (ha != null && a.format().fastHead()) {
          fastHeads.merge(id, 1, Integer::sum);
        }
        assertThat(fields(a, line)).as("fields of %s by %s", show(line), id).isEqualTo(fields(b, line));
        if (ha != null) {
          List<Map.Entry<String, String>> fa = fields(a, ha.message());
          assertThat(fa).as("fields of the message of %s by %s", show(line), id).isEqualTo(fields(b, hb.message()));
          if (id.equals("uvicorn") && fa.stream().anyMatch(e -> e.getKey().equals("status"))) {
            accessLines++;
          }
          if (a.format().envelope() && depth < Formats.MAX_ENVELOPES) {
            check(ha.message(), depth + 1);
          }
        }
      }
    }

    /** The fields in the order they were found (a LinkedHashMap's equals would ignore it). */
    private static List<Map.Entry<String, String>> fields(Format.Scanner s, String text) {
      Map<String, String> out = new LinkedHashMap<>();
      s.extract(text, out);
      return new ArrayList<>(out.entrySet());
    }
  }

  private static String show(String line) {
    StringBuilder b = new StringBuilder("'");
    line.codePoints().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c)));
    return b.append('\'').toString();
  }

  private static List<String> linesUnder(Path root) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(p);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (bytes.length > 1 && (bytes[0] == (byte) 0xFF || bytes[0] == (byte) 0xFE)) {
          text = new String(bytes, StandardCharsets.UTF_16);
        }
        out.addAll(List.of(text.split("\r?\n", -1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void sampleLogsAndRealExcerptsReadTheSameWithAndWithoutTheFastPaths() {
    List<String> lines = new ArrayList<>(linesUnder(Path.of("sample-logs")));
    lines.addAll(linesUnder(Path.of("src/test/resources/real")));
    for (ZoneId zone : ZONES) {
      Pair p = new Pair(zone);
      lines.forEach(p::check);
      // not vacuous: the hand-written readers did read lines here
      assertThat(p.fastHeads).containsKeys("python-logging", "uvicorn", "syslog", "compose");
      assertThat(p.accessLines).isPositive();
    }
  }

  @Test
  void generatedFoldersOfEveryShapeReadTheSame(@TempDir Path tmp) throws IOException {
    for (String shape : List.of("default", "cardinal", "mixed")) {
      Path dir = tmp.resolve(shape);
      IncidentGenerator.generate(dir, 1_500_000, 7, ZoneId.of("Europe/Berlin"), tmp.resolve(shape + ".json"), shape);
      Pair p = new Pair(ZoneId.of("Europe/Berlin"));
      linesUnder(dir).forEach(p::check);
      assertThat(p.fastHeads.getOrDefault("python-logging", 0)).as("python-logging heads in %s", shape).isGreaterThan(1000);
      assertThat(p.fastHeads.getOrDefault("uvicorn", 0)).as("uvicorn heads in %s", shape).isGreaterThan(1000);
      assertThat(p.accessLines).as("access lines in %s", shape).isGreaterThan(100);
      if (shape.equals("mixed")) {
        // its client writes through journald: a syslog prefix on every line of that log
        assertThat(p.fastHeads.getOrDefault("syslog", 0)).as("syslog heads in %s", shape).isGreaterThan(1000);
        // and its server's log is a compose console
        assertThat(p.fastHeads.getOrDefault("compose", 0)).as("compose heads in %s", shape).isGreaterThan(1000);
      }
    }
  }

  /** Heads and messages of the bundled formats, as real logs write them. */
  private static final String[] TEMPLATES = {
      "2025-06-13 22:55:01,234 - KortanaAutonomous - ERROR - Error fetching goals: [Errno 111] Connection refused",
      "2026-11-27 18:30:01.500 - uvicorn.error - INFO - Started server process [42]",
      "2026-03-29 02:30:00,999999 - a - b - WARNING - x - y",
      "2026-10-25T02:59:59 -  padded  - DEBUG - ",
      "INFO:     127.0.0.1:51234 - \"GET /goals/52114/result HTTP/1.1\" 200 OK",
      "INFO:     [::1]:8000 - \"POST /goals/ HTTP/1.0\" 500 Internal Server Error",
      "ERROR:    Exception in ASGI application",
      "WARNING  Invalid HTTP request received.",
      "CRITICAL:\tboom",
      "127.0.0.1:51234 - \"GET / HTTP/1.1\" 404",
      "2026-11-27T18:30:01.123+01:00 err 2026-11-27 18:30:05,000 - KortanaAutonomous - INFO - Fetched 1 goals",
      "2025-06-13T22:55:01.123456789Z INFO:     10.0.0.1:1 - \"DELETE /x HTTP/2\" 204",
      // syslog / journald prefixes, both times, with and without a pid, and near the words its look-aheads refuse
      "2025-06-13T08:00:00+0000 kortana-01 autonomous-client[2219]: 2025-06-13 08:00:00,030 - kortana.db - DEBUG - checkout",
      "Jul 05 09:13:44 webapps wsgi.sh[3129704]: [2024-07-05 09:13:44 +0200] [3129704] [CRITICAL] WORKER TIMEOUT (pid:3129714)",
      "Jul  5 09:13:44 host uvicorn: INFO:     Started server process [7]",
      "Dec 1 23:59:59 h.example-1 python3.11@x/y[1]: Killed",
      "2026-11-27T18:30:01,5-01:00 web app[12]: ok",
      "2026-11-27T18:30:01.123456789+05:30 host INFOx: WARNING",
      "2026-11-27T18:30:01Z host WARNINGS[3]: ready",
      "Nov 27 18:30:01 host stdoutx: line",
      "Nov 27 18:30:01.123456 web uvicorn[7]: INFO:     Started server process [7]",
      // compose consoles: v2 and v1 prefixes, Docker Desktop's stamp, compose's own exit line, and near misses
      "api-1  | INFO:     127.0.0.1:51234 - \"GET /goals/ HTTP/1.1\" 200 OK",
      "client_1    | requests.exceptions.ConnectionError: refused",
      "2025-02-14 17:17:35 endurain  | ERROR:    Application startup failed. Exiting.",
      "svc-1234 | x",
      "svc | x",
      "lpa_reverse_proxy | 2018/10/16 05:58:20 [error] x",
      "a-b_c.d-12\t| y",
      "api-1 exited with code 137",
      "database_api exited with code 1",
      "web-1  |",
  };

  /** What a mutation puts in: separators, digits, letters, white space of every kind, line terminators, non-ASCII. */
  private static final String[] INSERTS = {"0", "9", "5", "A", "Z", "a", " ", "  ", "-", " - ", ":", ",", ".", "T", "\t", "\n", "\r",
      "\u000B", "\f", "\u0085", "\u2028", "\u2029", "\u00A0", "é", "\u0663", "\uFF11", "\uD83D\uDE00", "\uD800", "\"", "[", "]", "/",
      "HTTP/", " HTTP/1.1\" ", "1234567", "INFO", "ERROR", "WARN", "out ", "stderr ", "Z", "+", "+01:00", "@", "\u0301", "_",
      "[12]", "]: ", ": ", "Jul", "|", "  | ", "-1  | ", "_7 ", " exited with code ", "2025-02-14 17:17:35 "};

  private record Mutation(int kind, int at, String insert) {}

  @Provide
  Arbitrary<String> nearMisses() {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 200),
        Arbitraries.of(INSERTS)).as(Mutation::new);
    return Combinators.combine(Arbitraries.of(TEMPLATES), mutation.list().ofMinSize(1).ofMaxSize(3)).as((t, ms) -> {
      String s = t;
      for (Mutation m : ms) {
        int at = s.isEmpty() ? 0 : m.at() % (s.length() + 1);
        s = switch (m.kind()) {
          case 0 -> s.substring(0, at) + m.insert() + s.substring(at); // insert
          case 1 -> at < s.length() ? s.substring(0, at) + m.insert() + s.substring(at + 1) : s + m.insert(); // replace one
          case 2 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s.substring(0, Math.max(0, s.length() - 1)); // delete
          default -> s.substring(0, at); // cut
        };
      }
      return s;
    });
  }

  private final Pair utc = new Pair(ZoneOffset.UTC);

  @Property(tries = 5000, shrinking = ShrinkingMode.BOUNDED)
  void mutatedHeadsReadTheSameWithAndWithoutTheFastPaths(@ForAll("nearMisses") String line) {
    utc.check(line);
  }

  @Test
  void aSyslogPrefixSeenJustBeforeIsReadAsTheFirstTime() {
    // the fast head keeps the last prefix it read and gives a line that begins with it the same
    // time, logger and fields: each line here follows one with the whole prefix, and each near
    // miss changes one char of it (a digit, a space, a letter, a bracket), so a prefix that
    // matters char by char is read afresh and must agree with the regex
    Pair p = new Pair(ZoneOffset.UTC);
    String[] prefixes = {"2025-06-13T08:00:00+0000 kortana-01 autonomous-client[2219]: ", "Jul  5 09:13:44 host uvicorn: ",
        "Dec 1 23:59:59 h.example-1 python3.11@x/y[1]: "};
    int sure = 0;
    for (String pre : prefixes) {
      p.check(pre + "2025-06-13 08:00:00,030 - kortana.db - DEBUG - checkout");
      p.check(pre + "INFO:     Started server process [7]");
      p.check(pre);
      sure += 3;
      for (int i = 0; i < pre.length(); i++) {
        for (String ins : new String[] {"0", " ", "x", "]"}) {
          p.check(pre + "again");
          sure++;
          p.check(pre.substring(0, i) + ins + pre.substring(i + 1) + "y");
        }
      }
    }
    // every line that begins with a whole prefix is a syslog head (by construction); the near misses may add more
    assertThat(p.fastHeads.get("syslog")).isGreaterThanOrEqualTo(sure);
  }

  @Test
  void theTemplatesThemselvesAreReadByTheFastPaths() {
    Pair p = new Pair(ZoneOffset.UTC);
    for (String t : TEMPLATES) {
      p.check(t);
    }
    // by a human reading of the templates: 3 python-logging heads at the top level (the fourth
    // has a 'T' and no fraction: still python logging), uvicorn's 5 level-led lines; the
    // syslog prefix on the 9 lines that have one (its look-aheads refuse a host "out "/"err "
    // ... and a logger that is a level word, not "INFOx", "WARNINGS" or "stdoutx"), and within
    // them one more python-logging head and two more uvicorn lines (one behind short-precise's microseconds)
    assertThat(p.fastHeads.get("python-logging")).isEqualTo(5);
    // (and two more uvicorn lines inside compose prefixes)
    assertThat(p.fastHeads.get("uvicorn")).isEqualTo(9);
    assertThat(p.fastHeads.get("syslog")).isEqualTo(9);
    // compose, on the templates themselves: the first three, "a-b_c.d-12\t| y" (the service
    // "a-b_c.d", its number, then any white space), "web-1  |" (an empty line), the two exit
    // lines, and the compound names with one space before the bar (compose v1's longest
    // container_name), "svc-1234 | x" and "lpa_reverse_proxy | ..."; not "svc | x" (a plain
    // word and one space, as a table's row): 9
    Format.Scanner compose = Coroner.formats(ZoneOffset.UTC).get("compose").scanner();
    assertThat(Stream.of(TEMPLATES).filter(t -> compose.head(t) != null).count()).isEqualTo(9);
    assertThat(compose.format().fastHead()).isTrue();
  }
}
