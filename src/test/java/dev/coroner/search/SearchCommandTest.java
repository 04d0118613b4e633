package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.cli.CoronerCommand;
import dev.coroner.format.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coroner search} end to end through the command line. */
class SearchCommandTest {
  @TempDir Path tmp;
  Path folder;
  String out;
  String err;

  @BeforeEach
  void copyFolder() {
    folder = Folders.copy(Folders.resource("search/folders/race-condition"), tmp.resolve("evidence"));
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--tz", "UTC", "--index-dir", tmp.resolve("cache").toString()));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cl = CoronerCommand.newCommandLine();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(e));
    int status = cl.execute(all.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return status;
  }

  @Test
  void aMalformedQueryIsOneLineAndExitTwo() {
    for (String bad : List.of("message:(", "time:[yesterday TO *]", "line:abc", "AND", "seq:1*")) {
      assertThat(run("search", folder.toString(), bad)).as(bad).isEqualTo(2);
      assertThat(err.strip().lines()).as(bad).hasSize(1);
      assertThat(err).as(bad).startsWith("coroner: bad query").doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(out).isEmpty();
    }
  }

  @Test
  void countPrintsTheNumber() {
    long expected = Folders.events(folder).stream().filter(e -> e.has("client.connection-refused")).count();
    assertThat(run("search", folder.toString(), "signal:client.connection-refused", "--count")).isZero();
    assertThat(out.strip()).isEqualTo(Long.toString(expected));
  }

  @Test
  void hitsArePrintedInTimeOrderLikeTheTimeline() {
    List<Event> events = Folders.events(folder);
    assertThat(run("search", folder.toString(), "source:server", "--limit", "0")).isZero();
    List<String> refs = out.lines().map(l -> l.substring(l.lastIndexOf("  ") + 2)).toList();
    assertThat(refs).isEqualTo(events.stream().filter(e -> e.source() == dev.coroner.format.Source.SERVER).map(Event::ref).toList());
    assertThat(out).doesNotContain("\u001b[");
  }

  @Test
  void limitSaysWhatWasLeftOut() {
    assertThat(run("search", folder.toString(), "source:client", "--limit", "3")).isZero();
    assertThat(out.lines()).hasSize(3);
    assertThat(err).contains("3 of").contains("--limit 0");
  }

  @Test
  void contextShowsNeighboursAndMarksTheHit() {
    List<Event> events = Folders.events(folder);
    int first = 0;
    while (!events.get(first).has("server.process-started")) {
      first++;
    }
    assertThat(run("search", folder.toString(), "signal:server.process-started", "--context", "2")).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).startsWith("> ").endsWith(events.get(first).ref());
    assertThat(lines.get(0)).startsWith("  ").endsWith(events.get(first - 2).ref());
    assertThat(lines.get(4)).endsWith(events.get(first + 2).ref());
  }

  @Test
  void colorAlwaysBoldsTheQueriedWords() {
    assertThat(run("search", folder.toString(), "refused", "--limit", "1", "--color", "always")).isZero();
    assertThat(out).contains("\u001b[1mrefused\u001b[0m");
  }

  @Test
  void jsonIsOneDocument() throws Exception {
    assertThat(run("search", folder.toString(), "errno:111", "--format", "json", "--context", "1", "--limit", "2")).isZero();
    JsonNode doc = new ObjectMapper().readTree(out);
    long expected = Folders.events(folder).stream().filter(e -> e.field("errno").equals("111")).count();
    assertThat(doc.get("total").asLong()).isEqualTo(expected);
    assertThat(doc.get("hits")).hasSize(2);
    JsonNode hit = doc.get("hits").get(0);
    assertThat(hit.get("event").get("fields").get("errno").asText()).isEqualTo("111");
    assertThat(hit.get("context").size()).isBetween(1, 2);
  }

  @Test
  void scoreOrderIsAccepted() {
    assertThat(run("search", folder.toString(), "refused OR started", "--sort", "score", "--limit", "1")).isZero();
    assertThat(out.lines()).hasSize(1);
    assertThat(run("search", folder.toString(), "refused", "--sort", "size")).isEqualTo(2);
  }

  @Test
  void noCommandWritesIntoTheFolder() {
    Map<String, String> before = Folders.snapshot(folder);
    run("search", folder.toString(), "errno:111");
    run("search", folder.toString(), "errno:111", "--format", "json", "--context", "3");
    run("timeline", folder.toString());
    assertThat(Folders.snapshot(folder)).isEqualTo(before);
    assertThat(tmp.resolve("cache")).isDirectory();
  }

  @Test
  void hostileFoldersGiveOneLineAnswers() throws java.io.IOException {
    assertThat(run("search", tmp.resolve("missing").toString(), "x")).isEqualTo(3);
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).contains("not a folder");
    Path empty = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
    assertThat(run("search", empty.toString(), "x", "--count")).as("no hit exits 1, as grep does").isEqualTo(1);
    assertThat(out.strip()).isEqualTo("0");
    Path junk = java.nio.file.Files.createDirectories(tmp.resolve("junk"));
    byte[] bytes = new byte[200_000];
    new Random(7).nextBytes(bytes);
    java.nio.file.Files.write(junk.resolve("noise.log"), bytes);
    java.nio.file.Files.writeString(junk.resolve("app.log"),
        "2025-06-13 22:55:01,234 - KortanaAutonomous - ERROR - [WinError 10061] refused\n\u0000\u0000\n");
    Map<String, String> before = Folders.snapshot(junk);
    assertThat(run("search", junk.toString(), "errno:10061 OR refused", "--count")).isZero();
    assertThat(out.strip()).isEqualTo("1");
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(Folders.snapshot(junk)).isEqualTo(before);
  }

  @Test
  void anIndexDirInsideTheFolderIsAUsageError() {
    StringWriter e = new StringWriter();
    CommandLine cl = CoronerCommand.newCommandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(e));
    Map<String, String> before = Folders.snapshot(folder);
    int status = cl.execute("search", folder.toString(), "x", "--index-dir", folder.resolve("idx").toString());
    assertThat(status).isEqualTo(2);
    assertThat(e.toString()).contains("inside the evidence folder");
    assertThat(Folders.snapshot(folder)).isEqualTo(before);
  }
}
